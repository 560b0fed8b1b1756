/**
 * Replacing the editor's document with another one (a template, a file, a link). A running
 * training is asked about first (the training dock says how, with `setLeaveCheck`); work that no
 * file holds is one Undo away, and a message says so with the Undo button in it.
 */
import type { GraphDocument } from '../../graph/document';
import { toast } from './actions';
import { currentLocale, t } from '../i18n';
import { documentText } from '../i18n/document-text';
import { editorApi, type EditLabel, type EditorState } from './editor-store';

/** Resolves true when the current document may be left for `next`. */
export type LeaveCheck = (next: GraphDocument) => Promise<boolean>;

let leaveCheck: LeaveCheck = async () => true;

export function setLeaveCheck(check: LeaveCheck | null): void {
  leaveCheck = check ?? (async () => true);
}

/** Whether the graph holds work that no file or template holds (an empty canvas holds none). */
export function hasUnsavedWork(state: Pick<EditorState, 'doc' | 'savedDoc'>): boolean {
  const { doc, savedDoc } = state;
  return doc !== savedDoc && (doc.nodes.length > 0 || doc.notes.length > 0 || doc.groups.length > 0);
}

/** How long the "replaced your graph" message with its Undo stays. */
const UNDO_MESSAGE_MS = 12_000;

/** Opens `doc` in place of the current document, as one undoable step; false when the user kept the current one. */
export async function replaceDocument(doc: GraphDocument, opts: { copy?: boolean; label?: EditLabel } = {}): Promise<boolean> {
  if (!(await leaveCheck(doc))) return false;
  const before = editorApi.getState();
  // An earlier "replaced your graph" message would undo something else now.
  if (before.ui.toast?.action) before.setUi({ toast: null });
  const replaced = before.doc;
  const unsaved = hasUnsavedWork(before);
  const describe = opts.label ?? (() => t('undo.open', { title: documentText(doc, currentLocale()).title }));
  const label = typeof describe === 'function' ? describe() : describe;
  before.openDocument(doc, typeof describe === 'function' ? describe : label, { copy: opts.copy });
  const opened = editorApi.getState().doc;
  if (opened === replaced) return false;
  if (unsaved) {
    const locale = currentLocale();
    const title = documentText(doc, locale).title;
    const text = replaced.meta.title === doc.meta.title ? t('open.replacedUnsaved', { title }) : t('open.replacedNamed', { title, replaced: documentText(replaced, locale).title });
    toast(text, 'info', undefined, UNDO_MESSAGE_MS, {
      label: t('top.undo'),
      run: () => {
        // Only while the opening is still the last step: later edits are undone one by one as usual.
        const state = editorApi.getState();
        if (state.doc === opened && state.past[state.past.length - 1]?.label === label) state.undo();
      },
    });
  }
  return true;
}
