/**
 * The last graph that rendered and checked. A render error anywhere brings it back (the graph that
 * failed is never kept as the current one), and the autosave writes nothing else, so a document
 * that breaks the page can neither blank it nor survive a reload.
 */
import { applyPatches } from 'immer';
import type { GraphDocument } from '../../graph/document';
import { serializeDocument } from '../../graph/load';
import { shown } from '../../graph/text';
import { toast } from '../store/actions';
import { checkOf } from '../store/derived';
import { editorApi } from '../store/editor-store';
import { t, type MessageKey } from '../i18n';

const PANEL_NAMES = {
  'top bar': 'panel.topBar',
  palette: 'panel.palette',
  canvas: 'panel.canvas',
  'problems list': 'panel.problems',
  'wire previews': 'panel.wires',
  inspector: 'panel.inspector',
  'training dock': 'panel.dock',
  gallery: 'panel.gallery',
  runs: 'panel.runs',
  lecture: 'panel.lecture',
  page: 'panel.page',
} as const satisfies Record<string, MessageKey>;

/** A panel's name (as App names its boundaries, in English) in the interface's language. */
export function panelName(name: string): string {
  const key = (PANEL_NAMES as Record<string, (typeof PANEL_NAMES)[keyof typeof PANEL_NAMES] | undefined>)[name];
  return key ? t(key) : name;
}

let lastGood: GraphDocument | null = null;
/** Graphs to fall back to before any has rendered (the previous autosave, then an empty graph). */
let bootFallbacks: GraphDocument[] = [];
const failing = new Set<string>();
const listeners = new Set<(doc: GraphDocument) => void>();

export function lastGoodGraph(): GraphDocument | null {
  return lastGood;
}

export function setBootFallbacks(docs: GraphDocument[]): void {
  bootFallbacks = [...docs];
}

/** Called with each graph that becomes the last good one. Returns a function that stops it. */
export function onGoodGraph(listener: (doc: GraphDocument) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** A panel's error boundary reports that it shows an error (true) or has recovered (false). */
export function panelFailed(name: string, failed: boolean): void {
  if (failed) failing.add(name);
  else failing.delete(name);
}

export function failingPanels(): string[] {
  return [...failing];
}

/** After the page has drawn `doc`: it is the last good graph if no panel failed and it checks without throwing. */
export function markRendered(doc: GraphDocument): void {
  if (failing.size || doc === lastGood) return;
  try {
    checkOf(doc);
  } catch {
    return;
  }
  lastGood = doc;
  for (const listener of listeners) listener(doc);
}

const sameText = (a: GraphDocument, b: GraphDocument) => {
  try {
    return serializeDocument(a) === serializeDocument(b);
  } catch {
    return false;
  }
};

/**
 * A render error: puts the last good graph back (by undoing the step that brought the failing one,
 * when that is what it was, so nothing else in the history changes) and says so. Returns whether
 * it changed the graph; false when the failing graph is the last good one, when nothing can help.
 */
export function recoverFromRenderError(error: unknown, where: string): boolean {
  const state = editorApi.getState();
  const target = lastGood ?? bootFallbacks.shift() ?? null;
  if (!target || state.doc === target) return false;
  const last = state.past[state.past.length - 1];
  let undone: GraphDocument | null = null;
  try {
    undone = last ? (applyPatches(state.doc, last.inverse) as GraphDocument) : null;
  } catch {
    undone = null;
  }
  if (undone && sameText(undone, target)) {
    state.undo();
    editorApi.setState({ future: [] });
  } else {
    editorApi.setState({ doc: target, past: [], future: [], selection: [], edgeSelection: [] });
  }
  const message = shown(error instanceof Error ? error.message : String(error), 160);
  toast(t('app.recovered', { where: panelName(where), message }), 'error', undefined, 12_000);
  return true;
}
