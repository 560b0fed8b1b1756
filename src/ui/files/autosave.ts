/**
 * Keeps the current document in localStorage and restores it on reload. Only a graph that has
 * rendered and checked once is written (good-graph.ts), and the one it replaces is kept as the
 * previous autosave, so a graph that breaks the page is never what a reload brings back.
 */
import type { GraphDocument } from '../../graph/document';
import { loadDocumentText, serializeDocument } from '../../graph/load';
import { onGoodGraph } from '../shell/good-graph';
import { editorApi } from '../store/editor-store';

export const AUTOSAVE_KEY = 'ganvas.autosave';
export const PREVIOUS_KEY = 'ganvas.autosave.previous';
const DELAY_MS = 150;

function read(key: string): GraphDocument | null {
  try {
    const text = localStorage.getItem(key);
    if (!text) return null;
    const result = loadDocumentText(text, 'the autosaved document');
    return result.ok ? result.document : null;
  } catch {
    return null;
  }
}

/** The autosaved document, and the one before it (each null when absent or unreadable). */
export function restoreAutosave(): { current: GraphDocument | null; previous: GraphDocument | null } {
  return { current: read(AUTOSAVE_KEY), previous: read(PREVIOUS_KEY) };
}

function write(doc: GraphDocument): void {
  try {
    const text = JSON.stringify(JSON.parse(serializeDocument(doc)));
    const old = localStorage.getItem(AUTOSAVE_KEY);
    if (old === text) return;
    // The previous one first: if the new one does not fit, the old one is still in place.
    if (old) localStorage.setItem(PREVIOUS_KEY, old);
    localStorage.setItem(AUTOSAVE_KEY, text);
  } catch {
    /* storage full or unavailable: the document stays in memory */
  }
}

/** Starts autosaving each good graph after the one the page opened with; returns a function that stops it. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: GraphDocument | null = null;
  // What the page opened with is already saved (or is the start screen's empty graph).
  const opened = editorApi.getState().doc;
  const flush = () => {
    clearTimeout(timer);
    if (pending) write(pending);
    pending = null;
  };
  const unsubscribe = onGoodGraph((doc) => {
    if (doc === opened) return;
    pending = doc;
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
