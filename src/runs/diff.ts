/**
 * What changed between two graphs: nodes, edges, params (layer by layer), phases and run
 * settings, each as one line that names the place (`‹G› layers[2].units: 64 → 32`,
 * `phase "D step" optimizer.lr: 0.001 → 0.0005`). Pure, for the Runs panel's A/B.
 */
import type { GraphDocument, GraphEdge, Phase } from '../graph/document';

export interface GraphChange {
  area: 'node' | 'edge' | 'phase' | 'run';
  change: 'added' | 'removed' | 'changed';
  /** The node, edge or phase id (the run settings: "run"). */
  id: string;
  /** Where inside it, dotted (`params.layers[2].units`, `optimizer.lr`); empty for a whole item. */
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf differences of two JSON values, as dotted paths. */
function leafChanges(before: unknown, after: unknown, path: string, out: { path: string; before: unknown; after: unknown }[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => leafChanges(b, after[i], `${path}[${i}]`, out));
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) leafChanges(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  out.push({ path, before, after });
}

const edgeKey = (e: GraphEdge) => `${e.source.node}.${e.source.port}→${e.target.node}.${e.target.port}`;

/** Every difference from `a` to `b` (layout, notes and titles left out: they do not change training). */
export function diffGraphs(a: GraphDocument, b: GraphDocument): GraphChange[] {
  const out: GraphChange[] = [];
  const nodesA = new Map(a.nodes.map((n) => [n.id, n]));
  const nodesB = new Map(b.nodes.map((n) => [n.id, n]));
  for (const [id, n] of nodesA) if (!nodesB.has(id)) out.push({ area: 'node', change: 'removed', id, path: '', before: n.kind });
  for (const [id, n] of nodesB) if (!nodesA.has(id)) out.push({ area: 'node', change: 'added', id, path: '', after: n.kind });
  for (const [id, na] of nodesA) {
    const nb = nodesB.get(id);
    if (!nb) continue;
    const leaves: { path: string; before: unknown; after: unknown }[] = [];
    leafChanges({ kind: na.kind, label: na.label, params: na.params }, { kind: nb.kind, label: nb.label, params: nb.params }, '', leaves);
    for (const l of leaves) out.push({ area: 'node', change: 'changed', id, ...l });
  }
  const edgesA = new Set(a.edges.map(edgeKey));
  const edgesB = new Set(b.edges.map(edgeKey));
  for (const e of edgesA) if (!edgesB.has(e)) out.push({ area: 'edge', change: 'removed', id: e, path: '' });
  for (const e of edgesB) if (!edgesA.has(e)) out.push({ area: 'edge', change: 'added', id: e, path: '' });
  const phasesA = new Map(a.phases.map((p) => [p.id, p]));
  const phasesB = new Map(b.phases.map((p) => [p.id, p]));
  const comparable = (p: Phase) => ({ ...p, terms: Object.fromEntries(p.terms.map((t) => [t.loss, { weight: t.weight, ...(t.schedule ? { schedule: t.schedule } : {}) }])) });
  for (const [id, p] of phasesA) if (!phasesB.has(id)) out.push({ area: 'phase', change: 'removed', id, path: '', before: p.name });
  for (const [id, p] of phasesB) if (!phasesA.has(id)) out.push({ area: 'phase', change: 'added', id, path: '', after: p.name });
  for (const [id, pa] of phasesA) {
    const pb = phasesB.get(id);
    if (!pb) continue;
    const leaves: { path: string; before: unknown; after: unknown }[] = [];
    leafChanges(comparable(pa), comparable(pb), '', leaves);
    for (const l of leaves) out.push({ area: 'phase', change: 'changed', id, ...l });
  }
  const runA = { seed: a.run.seed, size: a.run.size, logEvery: a.run.logEvery, [a.run.size]: a.run.presets[a.run.size] };
  const runB = { seed: b.run.seed, size: b.run.size, logEvery: b.run.logEvery, [b.run.size]: b.run.presets[b.run.size] };
  const leaves: { path: string; before: unknown; after: unknown }[] = [];
  leafChanges(runA, runB, '', leaves);
  for (const l of leaves) out.push({ area: 'run', change: 'changed', id: 'run', ...l });
  return out;
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Names an item as the user sees it: a node by its label, a phase by its name. */
function itemName(change: GraphChange, a: GraphDocument, b: GraphDocument): string {
  if (change.area === 'node') {
    const n = b.nodes.find((x) => x.id === change.id) ?? a.nodes.find((x) => x.id === change.id);
    return `‹${n?.label || change.id}›`;
  }
  if (change.area === 'phase') {
    const p = b.phases.find((x) => x.id === change.id) ?? a.phases.find((x) => x.id === change.id);
    return `phase “${p?.name ?? change.id}”`;
  }
  if (change.area === 'edge') return `wire ${change.id}`;
  return 'run';
}

/** One line per change, in English (the panel translates the frame around it, not the paths). */
export function describeChange(change: GraphChange, a: GraphDocument, b: GraphDocument): { item: string; path: string; before: string; after: string } {
  return { item: itemName(change, a, b), path: change.path.replace(/^params\./, ''), before: show(change.before), after: show(change.after) };
}
