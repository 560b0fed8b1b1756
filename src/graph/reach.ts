/**
 * Which parameter groups a loss's gradient reaches, and how: directly, or through gradient
 * reversals (and which ones). The checker uses it to refuse phases that could not learn; the
 * compiler records it in the plan so lessons can show where each loss flows.
 */
import { getKind } from './catalog';
import type { GraphIndex } from './graph-index';
import { inputPorts, type NodeKind } from './node-kind';
import { withDefaults, type ParamValues } from './params';

export interface GroupReach {
  /** Reached along a path with no reversal (or an even number of them). */
  direct: boolean;
  /** Reached along a path with an odd number of reversals. */
  reversed: boolean;
  /** The GradientReversal nodes met on the way. */
  reversals: string[];
  /** Nodes on the gradient paths to this group (for highlighting edges on the canvas). */
  via: string[];
}

export function gradientReach(
  index: GraphIndex,
  loss: string,
  owners: Record<string, string>,
  opts: { throughStops?: boolean } = {},
): Map<string, GroupReach> {
  const result = new Map<string, GroupReach>();
  const seen = new Set<string>();
  const walk = (nodeId: string, reversed: boolean, reversals: string[], path: string[]) => {
    // One visit per (node, sign): a loop in a broken graph must not make the walk endless.
    const key = `${nodeId}|${reversed}`;
    if (seen.has(key)) return;
    seen.add(key);
    const node = index.nodes.get(nodeId);
    const kind = node && getKind(node.kind);
    if (!kind) return;
    let nextReversed = reversed;
    let nextReversals = reversals;
    if (nodeId !== loss) {
      if (kind.gradient === 'source') return;
      if (kind.gradient === 'stop' && !opts.throughStops) return;
      if (kind.gradient === 'reverse') {
        nextReversed = !reversed;
        nextReversals = [...reversals, nodeId];
      }
      if (kind.trainable) {
        const group = owners[nodeId] ?? nodeId;
        const r = result.get(group) ?? { direct: false, reversed: false, reversals: [], via: [] };
        if (reversed) r.reversed = true;
        else r.direct = true;
        for (const g of reversals) if (!r.reversals.includes(g)) r.reversals.push(g);
        for (const v of [...path, nodeId]) if (!r.via.includes(v)) r.via.push(v);
        result.set(group, r);
      }
    }
    const constants = constantPorts(kind, node.params);
    for (const [port, edges] of index.incoming.get(nodeId) ?? []) {
      if (port === 'shares') continue; // weights, not data: sharing is handled by owners
      if (constants.has(port)) continue;
      for (const e of edges) walk(e.source.node, nextReversed, nextReversals, [...path, nodeId]);
    }
  };
  walk(loss, false, [], []);
  return result;
}

/** Inputs a node takes as constants (no gradient through them). */
function constantPorts(kind: NodeKind, params: ParamValues): Set<string> {
  try {
    return new Set(inputPorts(kind, withDefaults(kind.params, params)).filter((p) => p.constant).map((p) => p.name));
  } catch {
    return new Set();
  }
}
