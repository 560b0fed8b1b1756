/** Asks the user a yes/no question in a dialog and resolves with the answer (Escape or a click outside: no). */
import { editorApi } from './editor-store';
import type { Question } from './ui-state';

export function ask(question: Omit<Question, 'answer'>): Promise<boolean> {
  return new Promise((resolve) => {
    const { ui, setUi } = editorApi.getState();
    // A question already open is answered "no" by the one that replaces it.
    ui.question?.answer(false);
    setUi({
      question: {
        ...question,
        answer(yes) {
          if (editorApi.getState().ui.question?.answer === this.answer) setUi({ question: null });
          resolve(yes);
        },
      },
    });
  });
}
