/** The dialog `ask()` opens: a question, a button that goes ahead and one that keeps things as they are. */
import { useEffect, useRef } from 'react';
import { useEditor } from '../store/editor-store';

export function QuestionDialog() {
  const question = useEditor((s) => s.ui.question);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!question) return;
    confirm.current?.focus();
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') question.answer(false);
    };
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [question]);
  if (!question) return null;
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && question.answer(false)}>
      <div className="dialog question-dialog" role="alertdialog" aria-modal="true" aria-labelledby="question-title" aria-describedby="question-text">
        <header className="dialog-head">
          <h2 id="question-title">{question.title}</h2>
        </header>
        <p id="question-text">{question.text}</p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => question.answer(false)}>
            {question.cancel}
          </button>
          <button ref={confirm} type="button" className="btn btn-primary" onClick={() => question.answer(true)}>
            {question.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
