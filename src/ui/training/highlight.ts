/**
 * What the canvas lights up while a phase runs: the networks it updates (every node applying their
 * weights), its loss nodes, and the edges its losses' gradients flow back along to those networks
 * (from the plan's `reaches[group].via`), marked where the flow is reversed. A loss that went NaN
 * is marked too. The canvas shows it through data attributes and one static stylesheet.
 */
import { useMemo } from 'react';
import type { Plan } from '../../compiler/plan';
import { useTraining } from './training-store';

export interface Highlight {
  phase: string | null;
  /** Nodes whose weights the phase changes. */
  learning: ReadonlySet<string>;
  /** The phase's loss nodes. */
  losses: ReadonlySet<string>;
  /** Nodes on a gradient path, by kind of flow. */
  via: ReadonlyMap<string, 'direct' | 'reversed'>;
  failed: string | null;
}

export const NO_HIGHLIGHT: Highlight = { phase: null, learning: new Set(), losses: new Set(), via: new Map(), failed: null };

export function phaseHighlight(plan: Plan | null, phaseId: string | null, failed: string | null): Highlight {
  const phase = plan && phaseId ? plan.phases.find((p) => p.id === phaseId) : undefined;
  if (!plan || !phase) return failed ? { ...NO_HIGHLIGHT, failed } : NO_HIGHLIGHT;
  const learning = new Set<string>();
  for (const id of phase.updates) for (const n of plan.groups.find((g) => g.id === id)?.appliedBy ?? [id]) learning.add(n);
  const losses = new Set(phase.terms.map((t) => t.loss));
  const via = new Map<string, 'direct' | 'reversed'>();
  for (const term of phase.terms) {
    const loss = plan.losses.find((l) => l.id === term.loss);
    if (!loss) continue;
    for (const group of phase.updates) {
      const reach = loss.reaches[group];
      if (!reach) continue;
      const kind = reach.reversed && !reach.direct ? 'reversed' : 'direct';
      for (const n of reach.via) if (via.get(n) !== 'direct') via.set(n, kind);
    }
  }
  return { phase: phase.id, learning, losses, via, failed };
}

/** How an edge from `source` to `target` takes part in the highlighted phase. */
export function edgeFlow(h: Highlight, source: string, target: string): 'direct' | 'reversed' | undefined {
  const a = h.via.get(source);
  const b = h.via.get(target);
  if (!a || !b) return undefined;
  return a === 'reversed' || b === 'reversed' ? 'reversed' : 'direct';
}

/** How each canvas item takes part in the highlight, as data attributes (see `applyHighlightMarks`). */
export interface HighlightMarks {
  /** Whether a phase is running: everything not marked is dimmed. */
  active: boolean;
  nodes: Map<string, { learning?: true; loss?: true; lit?: true; failed?: true }>;
  edges: Map<string, 'direct' | 'reversed'>;
}

export function highlightMarks(h: Highlight, edges: readonly { id: string; source: { node: string }; target: { node: string } }[]): HighlightMarks {
  const nodes: HighlightMarks['nodes'] = new Map();
  const mark = (id: string, key: 'learning' | 'loss' | 'lit' | 'failed') => nodes.set(id, { ...nodes.get(id), [key]: true });
  const flows: HighlightMarks['edges'] = new Map();
  if (h.phase) {
    for (const id of [...h.learning, ...h.losses, ...h.via.keys()]) mark(id, 'lit');
    for (const id of h.learning) mark(id, 'learning');
    for (const id of h.losses) mark(id, 'loss');
    for (const e of edges) {
      const flow = edgeFlow(h, e.source.node, e.target.node);
      if (flow) flows.set(e.id, flow);
    }
  }
  if (h.failed) mark(h.failed, 'failed');
  return { active: !!h.phase, nodes, edges: flows };
}

const NODE_MARKS = ['learning', 'loss', 'lit', 'failed'] as const;

/**
 * Puts the marks on React Flow's node and edge elements under `root` as data attributes, which one
 * static stylesheet (app.css) draws. Document ids are only compared with each element's own
 * `data-id`, never written into a selector or a stylesheet, so no id can become CSS.
 */
export function applyHighlightMarks(root: HTMLElement, marks: HighlightMarks): void {
  if (marks.active) root.dataset.phaseActive = '';
  else delete root.dataset.phaseActive;
  for (const el of root.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const m = el.dataset.id !== undefined ? marks.nodes.get(el.dataset.id) : undefined;
    for (const key of NODE_MARKS) {
      const attr = `highlight${key[0].toUpperCase()}${key.slice(1)}`;
      if (m?.[key]) el.dataset[attr] = '';
      else delete el.dataset[attr];
    }
  }
  for (const el of root.querySelectorAll<HTMLElement>('.react-flow__edge')) {
    const flow = el.dataset.id !== undefined ? marks.edges.get(el.dataset.id) : undefined;
    if (flow) el.dataset.highlightFlow = flow;
    else delete el.dataset.highlightFlow;
  }
}

export function useHighlight(): Highlight {
  const plan = useTraining((s) => s.plan);
  const phase = useTraining((s) => s.activePhase);
  const failed = useTraining((s) => s.failedLoss);
  const stale = useTraining((s) => s.stale);
  return useMemo(() => (stale ? (failed ? { ...NO_HIGHLIGHT, failed } : NO_HIGHLIGHT) : phaseHighlight(plan, phase, failed)), [plan, phase, failed, stale]);
}
