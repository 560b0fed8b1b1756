/**
 * The document edits the editor makes, as immer recipes. Each takes plain arguments and returns a
 * recipe for `edit(label, recipe)`; none of them knows about React.
 */
import type { Draft } from 'immer';
import { getKind } from '../../graph/catalog';
import type { GraphDocument, GraphEdge, GraphNode, Group, Note, Phase, PortRef } from '../../graph/document';
import { withDefaults } from '../../graph/params';
import { ganOptimizer } from '../../graph/schedule-suggestion';
import { edgeIdFor, itemOf, nodeIdFor, uniqueId } from './ids';

type Doc = Draft<GraphDocument>;
export interface XY {
  x: number;
  y: number;
}

const ids = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id));

/** A new node of a kind with its params left to their defaults (documents store only what differs). */
export function newNode(doc: GraphDocument, kindId: string, position: XY): GraphNode {
  return { id: nodeIdFor(kindId, ids(doc.nodes)), kind: kindId, params: {}, position: { x: Math.round(position.x), y: Math.round(position.y) } };
}

export function addNode(node: GraphNode, connect?: { source: PortRef; target: PortRef; replaces?: string }) {
  return (d: Doc) => {
    d.nodes.push(node);
    if (connect) connectRecipe(connect.source, connect.target, connect.replaces)(d);
  };
}

export function connectRecipe(source: PortRef, target: PortRef, replaces?: string) {
  return (d: Doc) => {
    if (replaces) d.edges = d.edges.filter((e) => e.id !== replaces);
    d.edges.push({ id: edgeIdFor(source, target, ids(d.edges)), source: { ...source }, target: { ...target } });
  };
}

/** Removes nodes, notes, frames and edges; a removed loss or network also leaves the phases. */
export function removeItems(canvasIds: readonly string[], edgeIds: readonly string[]) {
  return (d: Doc) => {
    const nodes = new Set<string>();
    const notes = new Set<string>();
    const groups = new Set<string>();
    for (const cid of canvasIds) {
      const ref = itemOf(cid);
      (ref.type === 'node' ? nodes : ref.type === 'note' ? notes : groups).add(ref.id);
    }
    const edges = new Set(edgeIds);
    if (nodes.size) d.nodes = d.nodes.filter((n) => !nodes.has(n.id));
    if (notes.size) d.notes = d.notes.filter((n) => !notes.has(n.id));
    if (groups.size) d.groups = d.groups.filter((g) => !groups.has(g.id));
    if (nodes.size || edges.size) {
      d.edges = d.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source.node) && !nodes.has(e.target.node));
    }
    if (nodes.size) {
      for (const phase of d.phases) {
        if (phase.terms.some((t) => nodes.has(t.loss))) phase.terms = phase.terms.filter((t) => !nodes.has(t.loss));
        if (phase.updates.some((u) => nodes.has(u))) phase.updates = phase.updates.filter((u) => !nodes.has(u));
        if (phase.batchNorm && Object.keys(phase.batchNorm).some((id) => nodes.has(id))) {
          for (const id of nodes) delete phase.batchNorm[id];
          if (Object.keys(phase.batchNorm).length === 0) delete phase.batchNorm;
        }
      }
    }
  };
}

/** Sets positions of canvas items (graph nodes, notes, frames) by canvas id. */
export function moveItems(positions: ReadonlyMap<string, XY>) {
  return (d: Doc) => {
    for (const [cid, p] of positions) {
      const ref = itemOf(cid);
      const list: { id: string; position: XY }[] = ref.type === 'node' ? d.nodes : ref.type === 'note' ? d.notes : d.groups;
      const item = list.find((i) => i.id === ref.id);
      if (item && (item.position.x !== p.x || item.position.y !== p.y)) item.position = { x: Math.round(p.x), y: Math.round(p.y) };
    }
  };
}

export function resizeItem(canvasId: string, box: { x: number; y: number; width: number; height: number }) {
  return (d: Doc) => {
    const ref = itemOf(canvasId);
    const item = ref.type === 'note' ? d.notes.find((n) => n.id === ref.id) : ref.type === 'group' ? d.groups.find((g) => g.id === ref.id) : undefined;
    if (!item) return;
    item.position = { x: Math.round(box.x), y: Math.round(box.y) };
    item.width = Math.max(40, Math.round(box.width));
    item.height = Math.max(30, Math.round(box.height));
  };
}

export function setParam(nodeId: string, name: string, value: unknown) {
  return (d: Doc) => {
    const node = d.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const kind = getKind(node.kind);
    const spec = kind?.params.find((p) => p.name === name);
    // Keep documents short: a value equal to the default is stored as absent.
    if (spec && JSON.stringify(spec.default) === JSON.stringify(value) && !(name in node.params)) return;
    node.params[name] = value as never;
  };
}

export function setLabel(nodeId: string, label: string) {
  return (d: Doc) => {
    const node = d.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    if (label.trim()) node.label = label;
    else delete node.label;
  };
}

/** A node label or phase name in another language (the document's own words there); empty removes it. */
export function setTranslatedName(locale: 'zh', what: 'nodes' | 'phases', id: string, value: string) {
  return (d: Doc) => {
    const all = (d.meta.translations ??= {});
    const tr = (all[locale] ??= {});
    const names = (tr[what] ??= {});
    if (value.trim()) names[id] = value;
    else delete names[id];
  };
}

export function updateNote(id: string, patch: Partial<Omit<Note, 'id'>>) {
  return (d: Doc) => {
    const note = d.notes.find((n) => n.id === id);
    if (note) Object.assign(note, patch);
  };
}

export function updateGroup(id: string, patch: Partial<Omit<Group, 'id'>>) {
  return (d: Doc) => {
    const group = d.groups.find((g) => g.id === id);
    if (group) Object.assign(group, patch);
  };
}

export function addNote(note: Note) {
  return (d: Doc) => {
    d.notes.push(note);
  };
}

export function addGroup(group: Group) {
  return (d: Doc) => {
    d.groups.push(group);
  };
}

export function newNoteId(doc: GraphDocument): string {
  return uniqueId('note', ids(doc.notes));
}

// ── Phases ────────────────────────────────────────────────────────────────────────────────────

/** An empty phase, with an optimizer that works for a GAN on the graph's data (schedule-suggestion.ts). */
export function newPhase(doc: GraphDocument): Phase {
  const id = nodeIdFor('phase', ids(doc.phases));
  return {
    id,
    name: `Phase ${doc.phases.length + 1}`,
    terms: [],
    updates: [],
    optimizer: ganOptimizer(doc),
    lrSchedule: { type: 'constant' },
    repeats: 1,
    enabled: true,
  };
}

export function addPhase(phase: Phase) {
  return (d: Doc) => {
    d.phases.push(phase);
  };
}

export function updatePhase(id: string, recipe: (phase: Draft<Phase>) => void) {
  return (d: Doc) => {
    const phase = d.phases.find((p) => p.id === id);
    if (phase) recipe(phase);
  };
}

export function removePhase(id: string) {
  return (d: Doc) => {
    d.phases = d.phases.filter((p) => p.id !== id);
  };
}

export function movePhase(id: string, by: -1 | 1) {
  return (d: Doc) => {
    const i = d.phases.findIndex((p) => p.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= d.phases.length) return;
    const [phase] = d.phases.splice(i, 1);
    d.phases.splice(j, 0, phase);
  };
}

// ── Copy and paste ────────────────────────────────────────────────────────────────────────────

/** What the clipboard holds: items and the edges between them. */
export interface Fragment {
  format: 'ganvas-fragment';
  nodes: GraphNode[];
  edges: GraphEdge[];
  notes: Note[];
  groups: Group[];
}

export function copyFragment(doc: GraphDocument, canvasIds: readonly string[]): Fragment | null {
  const nodeIds = new Set<string>();
  const noteIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const cid of canvasIds) {
    const ref = itemOf(cid);
    (ref.type === 'node' ? nodeIds : ref.type === 'note' ? noteIds : groupIds).add(ref.id);
  }
  const fragment: Fragment = {
    format: 'ganvas-fragment',
    nodes: doc.nodes.filter((n) => nodeIds.has(n.id)),
    edges: doc.edges.filter((e) => nodeIds.has(e.source.node) && nodeIds.has(e.target.node)),
    notes: doc.notes.filter((n) => noteIds.has(n.id)),
    groups: doc.groups.filter((g) => groupIds.has(g.id)),
  };
  const empty = !fragment.nodes.length && !fragment.notes.length && !fragment.groups.length;
  return empty ? null : structuredClone(fragment);
}

/** Pastes with fresh ids, shifted by `offset`; returns the recipe and the canvas ids it creates. */
export function pasteFragment(doc: GraphDocument, fragment: Fragment, offset: XY): { recipe: (d: Doc) => void; created: string[] } {
  const nodeIds = ids(doc.nodes);
  const rename = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = nodeIdFor(n.kind, nodeIds);
    nodeIds.add(id);
    rename.set(n.id, id);
    return { ...structuredClone(n), id, position: shift(n.position, offset) };
  });
  const edgeIds = ids(doc.edges);
  const edges = fragment.edges
    .filter((e) => rename.has(e.source.node) && rename.has(e.target.node))
    .map((e) => {
      const source = { node: rename.get(e.source.node)!, port: e.source.port };
      const target = { node: rename.get(e.target.node)!, port: e.target.port };
      const id = edgeIdFor(source, target, edgeIds);
      edgeIds.add(id);
      return { id, source, target };
    });
  const noteIds = ids(doc.notes);
  const notes = fragment.notes.map((n) => {
    const id = uniqueId(n.id, noteIds);
    noteIds.add(id);
    return { ...structuredClone(n), id, position: shift(n.position, offset) };
  });
  const groupIds = ids(doc.groups);
  const groups = fragment.groups.map((g) => {
    const id = uniqueId(g.id, groupIds);
    groupIds.add(id);
    return { ...structuredClone(g), id, position: shift(g.position, offset) };
  });
  return {
    recipe: (d) => {
      d.nodes.push(...nodes);
      d.edges.push(...edges);
      d.notes.push(...notes);
      d.groups.push(...groups);
    },
    created: [...nodes.map((n) => n.id), ...notes.map((n) => 'note:' + n.id), ...groups.map((g) => 'group:' + g.id)],
  };
}

const shift = (p: XY, by: XY): XY => ({ x: p.x + by.x, y: p.y + by.y });

export function isFragment(value: unknown): value is Fragment {
  const f = value as Fragment;
  return !!f && f.format === 'ganvas-fragment' && Array.isArray(f.nodes) && Array.isArray(f.edges) && Array.isArray(f.notes) && Array.isArray(f.groups);
}

/** Params with defaults, for showing a node that stores only what differs. */
export function paramsOf(node: GraphNode): Record<string, unknown> {
  const kind = getKind(node.kind);
  return kind ? withDefaults(kind.params, node.params) : node.params;
}
