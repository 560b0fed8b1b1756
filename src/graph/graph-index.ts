/** Lookups over a document's nodes and edges, and the one-way order the checker and compiler walk. */
import type { GraphDocument, GraphEdge, GraphNode } from './document';

export interface GraphIndex {
  nodes: Map<string, GraphNode>;
  /** Edges arriving at each node, by target port. */
  incoming: Map<string, Map<string, GraphEdge[]>>;
  /** Edges leaving each node. */
  outgoing: Map<string, GraphEdge[]>;
}

export function indexGraph(doc: Pick<GraphDocument, 'nodes' | 'edges'>): GraphIndex {
  const nodes = new Map<string, GraphNode>();
  for (const n of doc.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const incoming = new Map<string, Map<string, GraphEdge[]>>();
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of doc.edges) {
    if (!nodes.has(e.source.node) || !nodes.has(e.target.node)) continue;
    let ports = incoming.get(e.target.node);
    if (!ports) incoming.set(e.target.node, (ports = new Map()));
    const list = ports.get(e.target.port) ?? [];
    list.push(e);
    ports.set(e.target.port, list);
    const out = outgoing.get(e.source.node) ?? [];
    out.push(e);
    outgoing.set(e.source.node, out);
  }
  return { nodes, incoming, outgoing };
}

export interface Ordering {
  /** Nodes in an order where every node comes after the nodes feeding it (cyclic nodes left out). */
  order: string[];
  /** Each cycle found, as the node ids along it. */
  cycles: string[][];
}

/** Kahn's algorithm for the order; the nodes it cannot place lie on or behind cycles. Linear in nodes and edges. */
export function orderGraph(index: GraphIndex): Ordering {
  const indegree = new Map<string, number>();
  for (const id of index.nodes.keys()) indegree.set(id, 0);
  for (const edges of index.outgoing.values()) {
    for (const e of edges) indegree.set(e.target.node, (indegree.get(e.target.node) ?? 0) + 1);
  }
  const order: string[] = [];
  for (const id of index.nodes.keys()) if (indegree.get(id) === 0) order.push(id);
  // `order` doubles as the queue: everything before `next` has been expanded.
  for (let next = 0; next < order.length; next++) {
    for (const e of index.outgoing.get(order[next]) ?? []) {
      const d = indegree.get(e.target.node)! - 1;
      indegree.set(e.target.node, d);
      if (d === 0) order.push(e.target.node);
    }
  }
  const placed = new Set(order);
  const left = new Set([...index.nodes.keys()].filter((id) => !placed.has(id)));
  return { order, cycles: left.size ? findCycles(index, left) : [] };
}

/**
 * Strongly connected components (Tarjan) among the unplaced nodes that really loop. Iterative,
 * with its own stack of frames: one cycle can be thousands of nodes long.
 */
function findCycles(index: GraphIndex, within: Set<string>): string[][] {
  let counter = 0;
  const num = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const succ = (id: string) => (index.outgoing.get(id) ?? []).map((e) => e.target.node).filter((t) => within.has(t));

  for (const root of within) {
    if (num.has(root)) continue;
    const frames: { v: string; next: string[]; at: number }[] = [];
    const enter = (v: string) => {
      num.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      frames.push({ v, next: succ(v), at: 0 });
    };
    enter(root);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const { v } = frame;
      if (frame.at < frame.next.length) {
        const w = frame.next[frame.at++];
        if (!num.has(w)) enter(w);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, num.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === num.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || frame.next.includes(v)) cycles.push(comp.reverse());
      }
    }
  }
  return cycles;
}

/** Whether adding source → target would close a loop (target already reaches source). */
export function wouldCycle(index: GraphIndex, source: string, target: string): boolean {
  if (source === target) return true;
  const seen = new Set<string>();
  const todo = [target];
  while (todo.length) {
    const id = todo.pop()!;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of index.outgoing.get(id) ?? []) todo.push(e.target.node);
  }
  return false;
}
