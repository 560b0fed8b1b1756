/**
 * A modal dialog's shell: the dimmed overlay (a click outside closes), the box that takes focus
 * (Escape closes and goes no further), and a header with the title and a close button. What it
 * holds is the caller's.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  /** Prefix of the title's element id (the dialog is labelled by it). */
  id: string;
  title: ReactNode;
  closeLabel: string;
  onClose(): void;
  className?: string;
  /** Focus the close button rather than the box when the dialog opens. */
  focusClose?: boolean;
  children: ReactNode;
}

export function Dialog({ id, title, closeLabel, onClose, className, focusClose, children }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    (focusClose ? closeButton.current : box.current)?.focus();
  }, [focusClose]);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          e.stopPropagation();
        }}
      >
        <header className="dialog-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button ref={closeButton} type="button" className="icon-btn" aria-label={closeLabel} onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
