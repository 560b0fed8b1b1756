/** Evaluates plan nodes in order: inputs from upstream outputs, draws from the feed, tensors out. */
import type { Plan, PlanNode } from '../compiler/plan';
import type { BatchNormMode } from '../graph/document';
import type { TensorKind } from '../graph/types';
import type { GroupVariables } from './network';
import { evaluatorOf, type Drawn, type PlanNodeEvaluator, type UpstreamFunction } from './nodes/index';

/** A node's evaluation context as the runner builds it (any kind's node). */
type RunContext = Parameters<PlanNodeEvaluator['evaluate']>[1];
import type { Tensor } from './tf';

export interface GraphEvalOptions {
  training: boolean;
  frozenStats?: boolean;
  /** A phase's BatchNorm mode per parameter group (absent: `batch`). */
  batchNorm?: Record<string, BatchNormMode>;
  /** Networks run with the moving averages of their weights, where they keep them (samples, evaluations). */
  averaged?: boolean;
  progress: number;
  batch: number;
}

export type NodeOutputs = Map<string, Record<string, Tensor>>;

export class GraphRunner {
  private readonly byId: Map<string, PlanNode>;

  constructor(
    readonly plan: Plan,
    private readonly groups: Map<string, GroupVariables>,
  ) {
    this.byId = new Map(plan.nodes.map((n) => [n.id, n]));
  }

  node(id: string): PlanNode {
    const node = this.byId.get(id);
    if (!node) throw new Error(`the plan has no node "${id}"`);
    return node;
  }

  /** The kind of tensor that a node's input port receives. */
  inputKind(node: PlanNode, port: string): TensorKind | undefined {
    const ref = node.inputs[port];
    return ref ? this.byId.get(ref.node)?.outputs[ref.port]?.kind : undefined;
  }

  /**
   * Call inside a tidy: runs `nodeIds` (in dependency order) and returns every output. Nodes in
   * `given` are not run: their outputs are the tensors given.
   */
  evaluate(nodeIds: string[], draws: Map<string, Drawn>, opts: GraphEvalOptions, given?: Map<string, Record<string, Tensor>>): NodeOutputs {
    const outputs: NodeOutputs = new Map();
    /** What each node ran on, for `rerun`. */
    const ran = new Map<string, { inputs: Record<string, Tensor>; ctx: RunContext }>();
    const rerun = (node: PlanNode, port: string): UpstreamFunction => {
      const ref = node.inputs[port];
      const source = ref && ran.get(ref.node);
      if (!source) throw new Error(`${node.label}: input ${port} must come from a node run in this evaluation`);
      const [inputPort, ...more] = Object.keys(source.inputs);
      if (!inputPort || more.length) throw new Error(`${node.label}: ${source.ctx.node.label} must have exactly one input to be differentiated with respect to it`);
      const evaluator = evaluatorOf(source.ctx.node.kind);
      const ctx: RunContext = { ...source.ctx, frozenStats: true, twiceDifferentiable: true };
      return { input: source.inputs[inputPort], output: (x) => evaluator.evaluate({ [inputPort]: x }, ctx)[ref.port] };
    };
    for (const id of nodeIds) {
      const fixed = given?.get(id);
      if (fixed) {
        outputs.set(id, fixed);
        continue;
      }
      const node = this.node(id);
      const inputs: Record<string, Tensor> = {};
      for (const [port, ref] of Object.entries(node.inputs)) {
        const value = outputs.get(ref.node)?.[ref.port];
        if (!value) throw new Error(`${node.label}: input ${port} (from ${ref.node}.${ref.port}) was not computed`);
        inputs[port] = value;
      }
      const mode = node.group ? opts.batchNorm?.[node.group] : undefined;
      const ctx: RunContext = {
        node,
        training: opts.training,
        frozenStats: (opts.frozenStats ?? false) || mode === 'batch-frozen',
        ...(mode === 'moving' ? { movingStats: true } : {}),
        progress: opts.progress,
        batch: opts.batch,
        drawn: draws.get(id) ?? {},
        group: (g) => {
          const vars = this.groups.get(g);
          if (!vars) throw new Error(`${node.label}: no parameter group "${g}"`);
          return opts.averaged ? vars.averaged() : vars;
        },
        inputKind: (port) => this.inputKind(node, port),
        rerun: (port) => rerun(node, port),
      };
      const result = evaluatorOf(node.kind).evaluate(inputs, ctx);
      ran.set(id, { inputs, ctx });
      outputs.set(id, result);
    }
    return outputs;
  }
}
