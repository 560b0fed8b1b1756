/**
 * What the canvas lights up while a phase runs: the networks it updates (every node applying their
 * weights), its loss nodes, and the edges its losses' gradients flow back along to those networks
 * (from the plan's `reaches[group].via`), marked where the flow is reversed. A loss that went NaN
 * is marked too.
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

const attr = (id: string) => `"${id.replace(/["\\]/g, '\\$&')}"`;

/**
 * The highlight as CSS rules keyed by React Flow's `data-id` attributes: changing phase rewrites one
 * small stylesheet instead of re-rendering the canvas's nodes and edges.
 */
export function highlightCss(h: Highlight, edges: readonly { id: string; source: { node: string }; target: { node: string } }[]): string {
  const rules: string[] = [];
  const node = (id: string) => `.canvas .react-flow__node[data-id=${attr(id)}]`;
  if (h.phase) {
    rules.push('.canvas .react-flow__node-graph .gnode { opacity: 0.55; }');
    const lit = new Set([...h.learning, ...h.losses, ...h.via.keys()]);
    if (lit.size) rules.push(`${[...lit].map((id) => `${node(id)} .gnode`).join(',\n')} { opacity: 1; }`);
    if (h.learning.size) {
      rules.push(`${[...h.learning].map((id) => `${node(id)} .gnode`).join(',\n')} { border-color: var(--learn); box-shadow: 0 0 0 3px var(--learn-soft), 0 0 16px color-mix(in srgb, var(--learn) 40%, transparent), inset 0 3px 0 var(--cat); }`);
      rules.push(`${[...h.learning].map((id) => `${node(id)} .gnode-head::after`).join(',\n')} { content: 'learning'; margin-left: auto; padding: 0 6px; border-radius: 999px; background: var(--learn); color: #fff; font-size: 10px; font-weight: 700; line-height: 16px; }`);
    }
    const losses = [...h.losses].filter((id) => !h.learning.has(id));
    if (losses.length) rules.push(`${losses.map((id) => `${node(id)} .gnode`).join(',\n')} { border-color: var(--learn); box-shadow: 0 0 0 2px var(--learn-soft), inset 0 3px 0 var(--cat); }`);
    const direct: string[] = [];
    const reversed: string[] = [];
    for (const e of edges) {
      const flow = edgeFlow(h, e.source.node, e.target.node);
      if (flow) (flow === 'reversed' ? reversed : direct).push(`.canvas .react-flow__edge[data-id=${attr(e.id)}] .shape-edge`);
    }
    const edgeRule = (colour: string) => `{ stroke: ${colour} !important; stroke-width: 3.2; stroke-dasharray: 9 4; filter: drop-shadow(0 0 2px color-mix(in srgb, ${colour} 50%, transparent)); }`;
    if (direct.length) rules.push(`${direct.join(',\n')} ${edgeRule('var(--flow)')}`);
    if (reversed.length) rules.push(`${reversed.join(',\n')} ${edgeRule('var(--flow-reversed)')}`);
  }
  if (h.failed) {
    rules.push(`${node(h.failed)} .gnode { opacity: 1; border-color: var(--danger); box-shadow: 0 0 0 3px color-mix(in srgb, var(--danger) 30%, transparent), inset 0 3px 0 var(--danger); }`);
    rules.push(`${node(h.failed)} .gnode-head::after { content: 'NaN'; margin-left: auto; padding: 0 6px; border-radius: 999px; background: var(--danger); color: #fff; font-size: 10px; font-weight: 700; line-height: 16px; }`);
  }
  return rules.join('\n');
}

export function useHighlight(): Highlight {
  const plan = useTraining((s) => s.plan);
  const phase = useTraining((s) => s.activePhase);
  const failed = useTraining((s) => s.failedLoss);
  const stale = useTraining((s) => s.stale);
  return useMemo(() => (stale ? (failed ? { ...NO_HIGHLIGHT, failed } : NO_HIGHLIGHT) : phaseHighlight(plan, phase, failed)), [plan, phase, failed, stale]);
}
