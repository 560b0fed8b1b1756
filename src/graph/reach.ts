/**
 * Which parameter groups a loss's gradient reaches, and how: directly, or through gradient
 * reversals (and which ones). The checker uses it to refuse phases that could not learn; the
 * compiler records it in the plan so lessons can show where each loss flows.
 *
 * The walk runs over (node, sign) states with an explicit queue, never recursion: a document can
 * chain thousands of nodes, and a broken one can loop. Each state is visited once.
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
  /** The GradientReversal nodes on the paths to this group. */
  reversals: string[];
  /** Nodes on the gradient paths to this group (for highlighting edges on the canvas). */
  via: string[];
}

export interface ReachOptions {
  /** Walk through StopGradient nodes (to say which one blocks a path). */
  throughStops?: boolean;
  /** Work out `via` and `reversals` (the compiler needs them; the checker only needs which groups). Default true. */
  paths?: boolean;
}

/**
 * Backward-pass work allowed for `via`, in state visits per forward state. Past it (only a
 * hostile graph with very many losses and networks gets there) a group's `via` is every node the
 * gradient reaches, a superset that still highlights correctly where it matters.
 */
const PATH_WORK_PER_STATE = 64;

export function gradientReach(index: GraphIndex, loss: string, owners: Record<string, string>, opts: ReachOptions = {}): Map<string, GroupReach> {
  const result = new Map<string, GroupReach>();
  const ownerOf = (id: string) => (Object.hasOwn(owners, id) ? owners[id] : id);
  // Forward: from the loss back along incoming edges, flipping the sign at each reversal.
  const stateId = new Map<string, number>();
  const nodeOf: string[] = [];
  const preds: number[][] = []; // preds[s]: states whose gradient flows on into s (for the paths pass)
  const targets = new Map<string, number[]>(); // group → trainable states reached
  const queue: number[] = [];
  const stateOf = (node: string, reversed: boolean): { s: number; fresh: boolean } => {
    const key = `${reversed ? 1 : 0}${node}`;
    const known = stateId.get(key);
    if (known !== undefined) return { s: known, fresh: false };
    const s = nodeOf.length;
    stateId.set(key, s);
    nodeOf.push(node);
    preds.push([]);
    return { s, fresh: true };
  };
  const reversedOf: boolean[] = [];
  const start = stateOf(loss, false).s;
  reversedOf[start] = false;
  queue.push(start);
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    const nodeId = nodeOf[s];
    const reversed = reversedOf[s];
    const node = index.nodes.get(nodeId);
    const kind = node && getKind(node.kind);
    if (!kind) continue;
    let next = reversed;
    if (s !== start) {
      if (kind.gradient === 'source') continue;
      if (kind.gradient === 'stop' && !opts.throughStops) continue;
      if (kind.gradient === 'reverse') next = !reversed;
      if (kind.trainable) {
        const group = ownerOf(nodeId);
        const r = result.get(group) ?? { direct: false, reversed: false, reversals: [], via: [] };
        if (reversed) r.reversed = true;
        else r.direct = true;
        result.set(group, r);
        const list = targets.get(group);
        if (list) list.push(s);
        else targets.set(group, [s]);
      }
    }
    const constants = constantPorts(kind, node!.params);
    for (const [port, edges] of index.incoming.get(nodeId) ?? []) {
      if (port === 'shares') continue; // weights, not data: sharing is handled by owners
      if (constants.has(port)) continue; // taken as constants: no gradient through them
      for (const e of edges) {
        const { s: t, fresh } = stateOf(e.source.node, next);
        if (fresh) {
          reversedOf[t] = next;
          queue.push(t);
        }
        preds[t].push(s);
      }
    }
  }
  if (opts.paths === false) return result;

  // Paths: a node is on the way to a group when its state is reached from the loss and reaches the group.
  let budget = PATH_WORK_PER_STATE * nodeOf.length + 1024;
  const mark = new Int32Array(nodeOf.length).fill(-1);
  let round = 0;
  for (const [group, states] of targets) {
    const r = result.get(group)!;
    const onPath: number[] = [];
    const todo = [...states];
    for (const s of states) mark[s] = round;
    while (todo.length && budget > 0) {
      const s = todo.pop()!;
      onPath.push(s);
      budget--;
      for (const p of preds[s]) {
        if (mark[p] === round) continue;
        mark[p] = round;
        todo.push(p);
      }
    }
    const states2 = budget > 0 ? onPath : nodeOf.map((_, i) => i);
    states2.sort((a, b) => a - b); // discovery order: from the loss outwards
    const seen = new Set<string>();
    for (const s of states2) {
      const id = nodeOf[s];
      if (seen.has(id)) continue;
      seen.add(id);
      r.via.push(id);
      const node = index.nodes.get(id);
      if (id !== loss && node && getKind(node.kind)?.gradient === 'reverse') r.reversals.push(id);
    }
    round++;
  }
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
