/**
 * The editor's one store: the document, the selection, the history and the UI state.
 *
 * Every change to the document is an immer recipe. `edit` runs it with patches, so undo and redo
 * apply patches rather than keep copies. Derived state (the check result) is never stored here; it
 * is computed from the document (see `derived.ts`).
 */
import { applyPatches, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { create } from 'zustand';
import { DocumentSchema, emptyDocument, type GraphDocument } from '../../graph/document';
import { withDocumentId } from '../../graph/document-id';
import { t } from '../i18n';
import { initialUi, type UiState } from './ui-state';

enablePatches();

export type Recipe = (draft: Draft<GraphDocument>) => void | GraphDocument;

/** What an undoable step is called: its words, or a function that gives them in the interface's current language. */
export type EditLabel = string | (() => string);

export interface HistoryEntry {
  /** The step's name as it was when made (for comparisons). */
  label: string;
  /** The step's name in the current language, when it has one; else `label`. */
  describe?: () => string;
  patches: Patch[];
  inverse: Patch[];
  /** Edits with the same key within a short time merge into one step (typing in a field). */
  key?: string;
  at: number;
}

export interface EditOptions {
  /** The step's name in the current language (shown in the Undo and Redo buttons). */
  describe?: () => string;
  /** Merge with the previous step when it has the same key and is recent. */
  coalesce?: string;
  /** Canvas ids to select after the edit. */
  select?: string[];
}

export type EditResult = { ok: true; changed: boolean } | { ok: false; error: string };

export interface EditorState {
  doc: GraphDocument;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Selected canvas items (graph node ids, `note:…`, `group:…`). */
  selection: string[];
  edgeSelection: string[];
  ui: UiState;
  /**
   * The document as it was last opened from a template, a file or a link, or saved to a file: when
   * `doc` is another object, the graph has work in it that no file holds.
   */
  savedDoc: GraphDocument | null;

  edit(label: string, recipe: Recipe, options?: EditOptions): EditResult;
  undo(): void;
  redo(): void;
  /**
   * Opens another document as one undoable step. It keeps its id (a file, a link), or gets a new
   * one when it has none or is a `copy` (a template: every opening is a new document).
   */
  openDocument(doc: GraphDocument, label?: EditLabel, opts?: { copy?: boolean }): void;
  /** Records that the current document is now in a file. */
  markSaved(): void;
  setSelection(nodes: string[], edges?: string[]): void;
  setUi(patch: Partial<UiState> | ((ui: UiState) => Partial<UiState>)): void;
}

const COALESCE_MS = 1200;
const HISTORY_LIMIT = 500;

function describeSchemaError(doc: unknown): string | null {
  const parsed = DocumentSchema.safeParse(doc);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issue.path.join('.') || 'document'}: ${issue.message}`;
}

export const useEditor = create<EditorState>()((set, get) => ({
  doc: withDocumentId(emptyDocument()),
  savedDoc: null,
  past: [],
  future: [],
  selection: [],
  edgeSelection: [],
  ui: initialUi(),

  edit(label, recipe, options = {}) {
    const { doc, past } = get();
    let next: GraphDocument;
    let patches: Patch[];
    let inverse: Patch[];
    try {
      [next, patches, inverse] = produceWithPatches(doc, recipe);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    if (patches.length === 0) {
      if (options.select) set({ selection: options.select, edgeSelection: [] });
      return { ok: true, changed: false };
    }
    // The document must always stay savable: an edit that breaks the schema is refused.
    const problem = describeSchemaError(next);
    if (problem) return { ok: false, error: problem };

    const now = Date.now();
    const last = past[past.length - 1];
    let history: HistoryEntry[];
    if (options.coalesce && last && last.key === options.coalesce && now - last.at < COALESCE_MS) {
      history = [...past.slice(0, -1), { ...last, patches: [...last.patches, ...patches], inverse: [...inverse, ...last.inverse], at: now }];
    } else {
      history = [...past, { label, ...(options.describe ? { describe: options.describe } : {}), patches, inverse, key: options.coalesce, at: now }];
      if (history.length > HISTORY_LIMIT) history = history.slice(history.length - HISTORY_LIMIT);
    }
    set({
      doc: next,
      past: history,
      future: [],
      ...(options.select ? { selection: options.select, edgeSelection: [] } : {}),
    });
    return { ok: true, changed: true };
  },

  undo() {
    const { past, future, doc } = get();
    const entry = past[past.length - 1];
    if (!entry) return;
    const next = applyPatches(doc, entry.inverse);
    set({ doc: next, past: past.slice(0, -1), future: [...future, { ...entry, key: undefined }], ...pruneSelection(get(), next) });
  },

  redo() {
    const { past, future, doc } = get();
    const entry = future[future.length - 1];
    if (!entry) return;
    const next = applyPatches(doc, entry.patches);
    set({ doc: next, past: [...past, entry], future: future.slice(0, -1), ...pruneSelection(get(), next) });
  },

  openDocument(doc, label = () => t('undo.openDocument'), opts = {}) {
    const opened = withDocumentId(doc, opts);
    if (!get().edit(typeof label === 'function' ? label() : label, () => opened, typeof label === 'function' ? { describe: label } : {}).ok) return;
    set((s) => ({ savedDoc: s.doc, selection: [], edgeSelection: [], ui: { ...s.ui, fitRequest: s.ui.fitRequest + 1, quickAdd: null } }));
  },

  markSaved() {
    set((s) => ({ savedDoc: s.doc }));
  },

  setSelection(nodes, edges = []) {
    const { selection, edgeSelection, ui } = get();
    const grew = nodes.some((id) => !selection.includes(id)) || edges.some((id) => !edgeSelection.includes(id));
    // Selecting something shows it in the inspector.
    set({ selection: nodes, edgeSelection: edges, ...(grew && ui.rightTab !== 'node' ? { ui: { ...ui, rightTab: 'node' } } : {}) });
  },

  setUi(patch) {
    set((s) => ({ ui: { ...s.ui, ...(typeof patch === 'function' ? patch(s.ui) : patch) } }));
  },
}));

/** Drops selected ids that no longer exist after an undo or redo. */
function pruneSelection(state: EditorState, doc: GraphDocument): Pick<EditorState, 'selection' | 'edgeSelection'> {
  const ids = new Set<string>([
    ...doc.nodes.map((n) => n.id),
    ...doc.notes.map((n) => 'note:' + n.id),
    ...doc.groups.map((g) => 'group:' + g.id),
  ]);
  const edges = new Set(doc.edges.map((e) => e.id));
  return {
    selection: state.selection.filter((id) => ids.has(id)),
    edgeSelection: state.edgeSelection.filter((id) => edges.has(id)),
  };
}

export const editorApi = useEditor;
