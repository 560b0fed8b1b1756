/**
 * Editor actions that combine a document edit with selection and messages. Components call these;
 * keyboard shortcuts and menus call the same ones.
 */
import { produce } from 'immer';
import { getKind, NODE_KINDS } from '../../graph/catalog';
import { canConnect } from '../../graph/connect';
import type { GraphDocument, PortRef } from '../../graph/document';
import type { NodeKind } from '../../graph/node-kind';
import { inputPorts, outputPorts } from '../../graph/node-kind';
import { withDefaults } from '../../graph/params';
import { suggestPhases } from '../../graph/schedule-suggestion';
import { networksToSize } from '../../graph/sizing';
import { boxesOf, measuredSizes, pasteShift, TYPICAL_NODE } from '../canvas/free-spot';
import { currentLocale, t } from '../i18n';
import { catalogText } from '../i18n/catalog';
import { documentText } from '../i18n/document-text';
import { checkOf, countProblems, indexOf } from './derived';
import { editorApi, type EditLabel, type EditOptions, type Recipe } from './editor-store';
import { addNode, connectRecipe, copyFragment, newNode, pasteFragment, removeItems, type Fragment, type XY } from './edits';
import { groupCanvasId, noteCanvasId } from './ids';
import type { Toast, WireEnd } from './ui-state';

let toastCounter = 0;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

export function toast(text: string, tone: Toast['tone'] = 'info', at?: XY, ms = tone === 'error' ? 6000 : 3500, action?: Toast['action']): void {
  const id = ++toastCounter;
  editorApi.getState().setUi({ toast: { id, text, tone, at, ...(action ? { action } : {}) } });
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    if (editorApi.getState().ui.toast?.id === id) editorApi.getState().setUi({ toast: null });
  }, ms);
}

export function dismissToast(): void {
  editorApi.getState().setUi({ toast: null });
}

/** Runs an edit and reports a refusal. A label given as a function is shown in the current language. */
export function perform(label: EditLabel, recipe: Recipe, options?: EditOptions): boolean {
  const text = typeof label === 'function' ? label() : label;
  const result = editorApi.getState().edit(text, recipe, typeof label === 'function' ? { ...options, describe: label } : options);
  if (!result.ok) toast(t('edit.refused', { what: text, reason: result.error }), 'error');
  return result.ok;
}

export function deleteSelection(): void {
  const { selection, edgeSelection } = editorApi.getState();
  if (!selection.length && !edgeSelection.length) return;
  const n = selection.length + edgeSelection.length;
  perform(() => (n === 1 ? t('undo.delete') : t('undo.deleteItems', { n })), removeItems(selection, edgeSelection), { select: [] });
}

let clipboard: Fragment | null = null;

export function copySelection(): boolean {
  const { doc, selection } = editorApi.getState();
  const fragment = copyFragment(doc, selection);
  if (!fragment) return false;
  clipboard = fragment;
  try {
    void navigator.clipboard?.writeText(JSON.stringify(fragment)).catch(() => undefined);
  } catch {
    /* the system clipboard is optional */
  }
  return true;
}

export function hasClipboard(): boolean {
  return clipboard !== null;
}

/** How far pasted items move so that they land on nothing: down and to the right, clear of what is there. */
function clearShift(doc: GraphDocument, fragment: Fragment): XY {
  const items = boxesOf({ ...doc, nodes: fragment.nodes, notes: fragment.notes }, new Map(fragment.nodes.map((n) => [n.id, measuredSizes.get(n.id) ?? TYPICAL_NODE])));
  return pasteShift(items, boxesOf(doc));
}

export function paste(fragment: Fragment | null = clipboard): void {
  if (!fragment) return;
  const { doc } = editorApi.getState();
  const { recipe, created } = pasteFragment(doc, fragment, clearShift(doc, fragment));
  perform(() => (created.length === 1 ? t('undo.paste') : t('undo.pasteItems', { n: created.length })), recipe, { select: created });
}

export function duplicateSelection(): void {
  const { doc, selection } = editorApi.getState();
  const fragment = copyFragment(doc, selection);
  if (!fragment) return;
  const { recipe, created } = pasteFragment(doc, fragment, clearShift(doc, fragment));
  perform(() => t('undo.duplicate'), recipe, { select: created });
}

export function selectAll(): void {
  const { doc, setSelection } = editorApi.getState();
  setSelection([...doc.groups.map((g) => groupCanvasId(g.id)), ...doc.nodes.map((n) => n.id), ...doc.notes.map((n) => noteCanvasId(n.id))]);
}

/**
 * An edit that wires the graph, with the networks it lets us size (sizing.ts) sized in the same
 * undoable step, and a message saying which got which preset.
 */
function performWiring(label: EditLabel, recipe: Recipe, options?: EditOptions): boolean {
  const { doc } = editorApi.getState();
  let after: GraphDocument;
  try {
    after = produce(doc, recipe);
  } catch {
    return perform(label, recipe, options);
  }
  const sized = networksToSize(after, checkOf(after));
  if (!sized.length) return perform(label, recipe, options);
  const ok = perform(
    label,
    (d) => {
      recipe(d);
      for (const s of sized) {
        const node = d.nodes.find((n) => n.id === s.node);
        if (node) Object.assign(node.params, structuredClone(s.params));
      }
    },
    options,
  );
  if (ok) {
    const names = sized
      .map((s) => {
        const node = after.nodes.find((n) => n.id === s.node);
        const kind = node && getKind(node.kind);
        const name = node ? `${kind ? catalogText(currentLocale()).kindTitle(kind) : node.kind} ‹${documentText(after, currentLocale()).nodeLabel(node) || node.id}›` : s.node;
        return `${name}: ${s.why}`;
      })
      .join('; ');
    toast(t('edit.sized', { names }), 'success', undefined, 6000);
  }
  return ok;
}

/** Connects two ports if the catalog allows it; otherwise says why. */
export function connect(source: PortRef, target: PortRef, at?: XY): boolean {
  const { doc } = editorApi.getState();
  const verdict = canConnect(doc, source, target, checkOf(doc), indexOf(doc));
  if (!verdict.ok) {
    toast(verdict.reason, 'error', at);
    return false;
  }
  return performWiring(() => t('undo.connect'), connectRecipe(source, target, verdict.replaces));
}

/** Sets the schedule suggested from the losses (schedule-suggestion.ts), for a graph that has no phases. */
export function applySuggestedPhases(): boolean {
  const { doc } = editorApi.getState();
  if (doc.phases.length) return false;
  const phases = suggestPhases(doc, checkOf(doc));
  if (!phases.length) return false;
  return perform(() => t('undo.useSuggested'), (d) => void (d.phases = structuredClone(phases)));
}

/** How a new node of `kind` could take the dragged wire: the port to connect, if any. */
export function portFor(doc: GraphDocument, kind: NodeKind, from: WireEnd): string | null {
  const candidate = newNode(doc, kind.id, { x: 0, y: 0 });
  const withCandidate: GraphDocument = { ...doc, nodes: [...doc.nodes, candidate] };
  const check = checkOf(doc);
  const params = withDefaults(kind.params, {});
  const wire = { node: from.node, port: from.port };
  if (from.handleType === 'source') {
    for (const port of inputPorts(kind, params)) {
      if (canConnect(withCandidate, wire, { node: candidate.id, port: port.name }, check).ok) return port.name;
    }
  } else {
    for (const port of outputPorts(kind, params)) {
      if (canConnect(withCandidate, { node: candidate.id, port: port.name }, wire, check).ok) return port.name;
    }
  }
  return null;
}

export function kindsTaking(doc: GraphDocument, from: WireEnd): NodeKind[] {
  return NODE_KINDS.filter((k) => portFor(doc, k, from) !== null);
}

/** Places a node; with a dragged wire, connects it in the same step. */
export function placeNode(kindId: string, at: XY, from?: WireEnd): string | null {
  const { doc } = editorApi.getState();
  const kind = getKind(kindId);
  if (!kind) return null;
  const node = newNode(doc, kindId, at);
  let link: { source: PortRef; target: PortRef; replaces?: string } | undefined;
  if (from) {
    const port = portFor(doc, kind, from);
    if (port) {
      const wire = { node: from.node, port: from.port };
      const mine = { node: node.id, port };
      const source = from.handleType === 'source' ? wire : mine;
      const target = from.handleType === 'source' ? mine : wire;
      const replaces = indexOf(doc).incoming.get(target.node)?.get(target.port)?.[0]?.id;
      link = { source, target, replaces };
    }
  }
  const label = () => t('undo.add', { kind: catalogText(currentLocale()).kindTitle(kind) });
  const ok = link ? performWiring(label, addNode(node, link), { select: [node.id] }) : perform(label, addNode(node, link), { select: [node.id] });
  return ok ? node.id : null;
}

// ── Training ──────────────────────────────────────────────────────────────────────────────────

export type TrainHandler = (doc: GraphDocument) => void;

/** Until a training dock registers itself, "train" checks the graph and shows what stands in the way. */
const checkBeforeTraining: TrainHandler = (doc) => {
  const result = checkOf(doc);
  const { errors } = countProblems(result.diagnostics);
  if (doc.nodes.length === 0) {
    toast(t('train.nothing'), 'info');
    return;
  }
  if (!result.ok) {
    editorApi.getState().setUi({ problemsOpen: true });
    toast(t('train.fixFirst', { count: errors }), 'error');
    return;
  }
  toast(t('train.ready'), 'success');
};

let trainHandler: TrainHandler = checkBeforeTraining;

export function setTrainHandler(handler: TrainHandler | null): void {
  trainHandler = handler ?? checkBeforeTraining;
}

export function onTrain(): void {
  trainHandler(editorApi.getState().doc);
}
