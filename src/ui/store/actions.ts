/**
 * Editor actions that combine a document edit with selection and messages. Components call these;
 * keyboard shortcuts and menus call the same ones.
 */
import { produce } from 'immer';
import { getKind, NODE_KINDS } from '../../graph/catalog';
import { canConnect } from '../../graph/connect';
import type { GraphDocument, PortRef } from '../../graph/document';
import type { NodeKind } from '../../graph/node-kind';
import { inputPorts, nodeName, outputPorts } from '../../graph/node-kind';
import { withDefaults } from '../../graph/params';
import { suggestPhases } from '../../graph/schedule-suggestion';
import { networksToSize } from '../../graph/sizing';
import { boxesOf, measuredSizes, pasteShift, TYPICAL_NODE } from '../canvas/free-spot';
import { checkOf, countProblems, indexOf } from './derived';
import { editorApi, type EditOptions, type Recipe } from './editor-store';
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

/** Runs an edit and reports a refusal. */
export function perform(label: string, recipe: Recipe, options?: EditOptions): boolean {
  const result = editorApi.getState().edit(label, recipe, options);
  if (!result.ok) toast(`${label} refused: ${result.error}`, 'error');
  return result.ok;
}

export function deleteSelection(): void {
  const { selection, edgeSelection } = editorApi.getState();
  if (!selection.length && !edgeSelection.length) return;
  const n = selection.length + edgeSelection.length;
  perform(n === 1 ? 'Delete' : `Delete ${n} items`, removeItems(selection, edgeSelection), { select: [] });
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
  perform(created.length === 1 ? 'Paste' : `Paste ${created.length} items`, recipe, { select: created });
}

export function duplicateSelection(): void {
  const { doc, selection } = editorApi.getState();
  const fragment = copyFragment(doc, selection);
  if (!fragment) return;
  const { recipe, created } = pasteFragment(doc, fragment, clearShift(doc, fragment));
  perform('Duplicate', recipe, { select: created });
}

export function selectAll(): void {
  const { doc, setSelection } = editorApi.getState();
  setSelection([...doc.groups.map((g) => groupCanvasId(g.id)), ...doc.nodes.map((n) => n.id), ...doc.notes.map((n) => noteCanvasId(n.id))]);
}

/**
 * An edit that wires the graph, with the networks it lets us size (sizing.ts) sized in the same
 * undoable step, and a message saying which got which preset.
 */
function performWiring(label: string, recipe: Recipe, options?: EditOptions): boolean {
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
        return `${node ? nodeName(getKind(node.kind), node) : s.node}: ${s.why}`;
      })
      .join('; ');
    toast(`Sized for the data: ${names}. Yours to change in the inspector.`, 'success', undefined, 6000);
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
  return performWiring('Connect', connectRecipe(source, target, verdict.replaces));
}

/** Sets the schedule suggested from the losses (schedule-suggestion.ts), for a graph that has no phases. */
export function applySuggestedPhases(): boolean {
  const { doc } = editorApi.getState();
  if (doc.phases.length) return false;
  const phases = suggestPhases(doc, checkOf(doc));
  if (!phases.length) return false;
  return perform('Use the suggested schedule', (d) => void (d.phases = structuredClone(phases)));
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
  const ok = link ? performWiring(`Add ${kind.title}`, addNode(node, link), { select: [node.id] }) : perform(`Add ${kind.title}`, addNode(node, link), { select: [node.id] });
  return ok ? node.id : null;
}

// ── Training ──────────────────────────────────────────────────────────────────────────────────

export type TrainHandler = (doc: GraphDocument) => void;

/** Until a training dock registers itself, "train" checks the graph and shows what stands in the way. */
const checkBeforeTraining: TrainHandler = (doc) => {
  const result = checkOf(doc);
  const { errors } = countProblems(result.diagnostics);
  if (doc.nodes.length === 0) {
    toast('Nothing to train yet: add nodes or open a template', 'info');
    return;
  }
  if (!result.ok) {
    editorApi.getState().setUi({ problemsOpen: true });
    toast(`Fix ${errors} problem${errors === 1 ? '' : 's'} before training`, 'error');
    return;
  }
  toast('The graph checks out and is ready to train', 'success');
};

let trainHandler: TrainHandler = checkBeforeTraining;

export function setTrainHandler(handler: TrainHandler | null): void {
  trainHandler = handler ?? checkBeforeTraining;
}

export function onTrain(): void {
  trainHandler(editorApi.getState().doc);
}
