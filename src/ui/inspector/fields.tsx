/** Small typed inputs the inspector is built from. Each keeps what is being typed until it is valid. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { t } from '../i18n';

export function Field({ label, help, error, children, inline }: { label: ReactNode; help?: ReactNode; error?: string | null; children: (id: string) => ReactNode; inline?: boolean }) {
  const id = useId();
  return (
    <div className={`field${inline ? ' is-inline' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="field-control">{children(id)}</div>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : help ? (
        <div className="field-help">{help}</div>
      ) : null}
    </div>
  );
}

interface NumberInputProps {
  id?: string;
  value: number;
  onCommit(value: number): void;
  /** A message when the value cannot be used; nothing is committed then. */
  validate?(value: number): string | null;
  integer?: boolean;
  step?: number | 'any';
  min?: number;
  max?: number;
  ariaLabel?: string;
  disabled?: boolean;
  onError?(error: string | null): void;
  className?: string;
}

export function NumberInput({ id, value, onCommit, validate, integer, step, min, max, ariaLabel, disabled, onError, className }: NumberInputProps) {
  const [text, setText] = useState(String(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused && Number(text) !== value) setText(String(value));
  }, [value, focused]);
  const report = (e: string | null) => onError?.(e);
  return (
    <input
      id={id}
      className={`input input-number${className ? ' ' + className : ''}`}
      type="number"
      inputMode={integer ? 'numeric' : 'decimal'}
      step={step ?? (integer ? 1 : 'any')}
      min={min}
      max={max}
      value={text}
      disabled={disabled}
      aria-label={ariaLabel}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        setText(String(value));
        report(null);
      }}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.value.trim() === '' ? NaN : Number(e.target.value);
        if (!Number.isFinite(n)) return report(t('fields.number'));
        if (integer && !Number.isInteger(n)) return report(t('fields.wholeNumber'));
        const problem = validate?.(n) ?? null;
        report(problem);
        if (!problem && n !== value) onCommit(n);
      }}
    />
  );
}

export function TextInput({ id, value, onCommit, ariaLabel, placeholder, required, multiline, rows, disabled }: { id?: string; value: string; onCommit(value: string): void; ariaLabel?: string; placeholder?: string; required?: boolean; multiline?: boolean; rows?: number; disabled?: boolean }) {
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value);
  }, [value, focused]);
  const props = {
    id,
    value: text,
    placeholder,
    disabled,
    'aria-label': ariaLabel,
    'aria-invalid': required && !text.trim() ? true : undefined,
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      setText(value);
    },
    onChange: (e: { target: { value: string } }) => {
      setText(e.target.value);
      if (required && !e.target.value.trim()) return;
      if (e.target.value !== value) onCommit(e.target.value);
    },
  };
  return multiline ? <textarea className="input input-text" rows={rows ?? 4} {...props} /> : <input className="input input-text" type="text" {...props} />;
}

export function Select<T extends string>({ id, value, options, labels, onChange, ariaLabel, disabled }: { id?: string; value: T; options: readonly T[]; labels?: Partial<Record<T, string>>; onChange(value: T): void; ariaLabel?: string; disabled?: boolean }) {
  return (
    <select id={id} className="input input-select" value={value} aria-label={ariaLabel} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
      {!options.includes(value) && <option value={value}>{String(value)}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {labels?.[o] ?? o}
        </option>
      ))}
    </select>
  );
}

export function IconButton({ label, onClick, children, disabled, className }: { label: string; onClick(): void; children: ReactNode; disabled?: boolean; className?: string }) {
  return (
    <button type="button" className={`icon-btn${className ? ' ' + className : ''}`} aria-label={label} title={label} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}
