/**
 * Writes the forward computation of a list of plan nodes as Python statements, each node through
 * its kind's entry in TORCH_NODES, with variables named after the nodes' labels.
 */
import type { Plan, PlanNode } from '../../compiler/plan';
import { torchNode, type Rerun } from './nodes/index';
import { pyString, snakeCase, type Names } from './python';

/** Output ports that carry a node's main result: they get the node's own name. */
const MAIN_PORTS = new Set(['out', 'z', 'c', 'x', 'loss', 'pair', 'masked', 'lr']);

export interface ForwardOptions {
  training: boolean;
  /** Python for the module of a parameter group. */
  network(group: string): string;
  /** Nodes whose outputs are given instead of computed: node → port → Python expression. */
  given?: Record<string, Record<string, string>>;
  /** Outputs the caller reads after the statements (the phase's losses, an evaluation's result). */
  wanted?: { node: string; port: string }[];
  progress?: string;
  batch?: string;
}

export interface WrittenForward {
  lines: string[];
  /** node → port → Python expression. */
  outputs: Map<string, Record<string, string>>;
}

export function writeForward(plan: Plan, nodeIds: string[], names: Names, opts: ForwardOptions): WrittenForward {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const included = new Set(nodeIds);
  const read = new Set<string>((opts.wanted ?? []).map((w) => `${w.node}.${w.port}`));
  for (const id of nodeIds) {
    if (opts.given?.[id]) continue;
    for (const ref of Object.values(byId.get(id)!.inputs)) if (included.has(ref.node)) read.add(`${ref.node}.${ref.port}`);
  }
  const outputs = new Map<string, Record<string, string>>();
  const reruns = new Map<string, Rerun>();
  const lines: string[] = [];
  const batch = opts.batch ?? 'batch';
  for (const id of nodeIds) {
    const node = byId.get(id)!;
    const given = opts.given?.[id];
    if (given) {
      outputs.set(id, given);
      continue;
    }
    const entry = torchNode(node.kind);
    if (!entry) throw new Error(`${node.label}: no PyTorch code for ${node.kind} nodes`);
    const base = variableBase(node);
    const single = Object.keys(node.outputs).length === 1;
    const written = entry.forward({
      plan,
      node,
      input: (port) => {
        const ref = node.inputs[port];
        return ref ? outputs.get(ref.node)?.[ref.port] : undefined;
      },
      inputKind: (port) => {
        const ref = node.inputs[port];
        return ref ? byId.get(ref.node)?.outputs[ref.port]?.kind : undefined;
      },
      name: (port, suffix) => (single || MAIN_PORTS.has(port) ? names.take(base, snakeCase(node.id)) : names.take(`${base}_${(suffix ?? port).replace(/[^A-Za-z0-9_]+/g, '_')}`)),
      reads: (port) => read.has(`${id}.${port}`),
      drawn: (port) => `${batch}[${pyString(`${id}.${port}`)}]`,
      network: opts.network,
      training: opts.training,
      progress: opts.progress ?? 'progress',
      rerun: (port) => {
        const ref = node.inputs[port];
        const rerun = ref && reruns.get(ref.node);
        if (!rerun) throw new Error(`${node.label}: input ${port} must come straight from a network evaluated here`);
        return { ...rerun, call: (x: string) => rerun.call(x, ref.port) };
      },
    });
    lines.push(...written.lines);
    outputs.set(id, written.outputs);
    if (written.rerun) reruns.set(id, written.rerun);
  }
  return { lines, outputs };
}

/**
 * The name a node's variables start from: its label when the label is a name ("D (real)" → d_real),
 * its id when the label is a formula or a sentence ("real → 1", "z ⊕ c", "L_I: c1").
 */
export function variableBase(node: PlanNode): string {
  const label = node.label.trim();
  const isName = /^[A-Za-z0-9 _()-]+$/.test(label) && label.split(/[\s_()-]+/).filter(Boolean).length <= 4;
  return (isName ? snakeCase(label) : '') || snakeCase(node.id) || snakeCase(label) || 'value';
}

/** The node of a plan by id. */
export function planNode(plan: Plan, id: string): PlanNode {
  const node = plan.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`the plan has no node "${id}"`);
  return node;
}
