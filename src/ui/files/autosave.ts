/** Keeps the current document in localStorage after every change and restores it on reload. */
import { DocumentSchema, type GraphDocument } from '../../graph/document';
import { loadDocumentText } from '../../graph/load';
import { editorApi } from '../store/editor-store';

const KEY = 'ganvas.autosave';
const DELAY_MS = 150;

export function restoreAutosave(): GraphDocument | null {
  try {
    const text = localStorage.getItem(KEY);
    if (!text) return null;
    const result = loadDocumentText(text, 'the autosaved document');
    return result.ok ? result.document : null;
  } catch {
    return null;
  }
}

function write(doc: GraphDocument): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(DocumentSchema.parse(doc)));
  } catch {
    /* storage full or unavailable: the document stays in memory */
  }
}

/** Starts autosaving; returns a function that stops it. */
export function startAutosave(writeNow = false): () => void {
  if (writeNow) write(editorApi.getState().doc);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: GraphDocument | null = null;
  const flush = () => {
    clearTimeout(timer);
    if (pending) write(pending);
    pending = null;
  };
  const unsubscribe = editorApi.subscribe((state, previous) => {
    if (state.doc === previous.doc) return;
    pending = state.doc;
    clearTimeout(timer);
    timer = setTimeout(flush, DELAY_MS);
  });
  addEventListener('pagehide', flush);
  addEventListener('beforeunload', flush);
  return () => {
    flush();
    unsubscribe();
    removeEventListener('pagehide', flush);
    removeEventListener('beforeunload', flush);
  };
}
