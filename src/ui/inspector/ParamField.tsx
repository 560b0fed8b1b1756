/** One param, drawn from its ParamSpec: the right input, its range and its help. */
import { useState } from 'react';
import { paramLabel, validateParam, type ParamSpec } from '../../graph/params';
import { t, useT } from '../i18n';
import { Field, NumberInput, Select, TextInput } from './fields';

interface Props {
  spec: ParamSpec;
  value: unknown;
  onChange(value: unknown): void;
  /** A problem the checker reports on this field. */
  problem?: string;
  disabled?: boolean;
  compact?: boolean;
  /** The label, help and option names in the interface's language (default: the declaration's English). */
  text?: { label: string; help: string; option?(option: string): string };
}

function rangeText(spec: ParamSpec): string {
  if (spec.type === 'ints') {
    const each = [spec.min !== undefined ? `≥ ${spec.min}` : '', spec.max !== undefined ? `≤ ${spec.max}` : ''].filter(Boolean).join(', ');
    const count = spec.maxLength !== undefined ? t('fields.entries', { min: spec.minLength ?? 1, max: spec.maxLength }) : '';
    return [each && t('fields.each', { range: each }), count].filter(Boolean).join('; ');
  }
  if (spec.type !== 'int' && spec.type !== 'float') return '';
  const lo = spec.min !== undefined ? `${spec.exclusiveMin ? '>' : '≥'} ${spec.min}` : '';
  const hi = spec.max !== undefined ? `≤ ${spec.max}` : '';
  return [lo, hi].filter(Boolean).join(', ');
}

export function ParamField({ spec, value, onChange, problem, disabled, compact, text }: Props) {
  const [error, setError] = useState<string | null>(null);
  useT();
  const label = text?.label ?? paramLabel(spec);
  const range = rangeText(spec);
  const help = compact ? undefined : (
    <>
      {text?.help ?? spec.help}
      {range && <span className="field-range"> ({range})</span>}
    </>
  );
  const message = error ?? problem ?? null;
  const firstProblem = (v: unknown) => validateParam(spec, v)[0]?.message ?? null;

  switch (spec.type) {
    case 'int':
    case 'float': {
      const n = typeof value === 'number' ? value : spec.default;
      const slider = spec.type === 'float' && spec.min !== undefined && spec.max !== undefined && spec.max - spec.min <= 10 && !spec.log;
      return (
        <Field label={label} help={help} error={message} inline={compact}>
          {(id) => (
            <div className="number-row">
              <NumberInput id={id} value={n} integer={spec.type === 'int'} min={spec.min} max={spec.max} step={spec.step} validate={firstProblem} onCommit={onChange} onError={setError} disabled={disabled} />
              {slider && !compact && (
                <input
                  type="range"
                  className="input-range"
                  aria-label={t('fields.slider', { label })}
                  min={spec.min}
                  max={spec.max}
                  step={spec.step ?? (spec.max! - spec.min!) / 100}
                  value={n}
                  disabled={disabled}
                  onChange={(e) => onChange(Number(e.target.value))}
                />
              )}
            </div>
          )}
        </Field>
      );
    }
    case 'enum':
      return (
        <Field label={label} help={help} error={message} inline={compact}>
          {(id) => <Select id={id} value={String(value ?? spec.default)} options={spec.options} labels={text?.option ? Object.fromEntries(spec.options.map((o) => [o, text.option!(o)])) : spec.optionLabels} onChange={onChange} disabled={disabled} />}
        </Field>
      );
    case 'bool':
      return (
        <div className={`field is-check${message ? ' has-error' : ''}`}>
          <label className="check">
            <input type="checkbox" checked={!!value} onChange={(e) => onChange(e.target.checked)} disabled={disabled} />
            <span>{label}</span>
          </label>
          {message ? <div className="field-error">{message}</div> : help ? <div className="field-help">{help}</div> : null}
        </div>
      );
    case 'string':
      return (
        <Field label={label} help={help} error={message} inline={compact}>
          {(id) => <TextInput id={id} value={String(value ?? '')} onCommit={onChange} disabled={disabled} />}
        </Field>
      );
    case 'ints': {
      const list = Array.isArray(value) ? (value as number[]) : spec.default;
      return (
        <Field label={label} help={help} error={message} inline={compact}>
          {(id) => (
            <TextInput
              id={id}
              value={list.join(', ')}
              disabled={disabled}
              onCommit={(text) => {
                const parts = text.split(/[\s,×x]+/).filter(Boolean).map(Number);
                const bad = firstProblem(parts) ?? (parts.some((p) => !Number.isFinite(p)) ? t('fields.numbersList', { label }) : null);
                setError(bad);
                if (!bad) onChange(parts);
              }}
            />
          )}
        </Field>
      );
    }
    case 'layers':
      return null;
  }
}
