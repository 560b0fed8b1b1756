/** What each node kind's PyTorch entry provides: what it draws from the feed, and its forward code. */
import type { Plan, PlanNode } from '../../../compiler/plan';
import type { TensorKind } from '../../../graph/types';

/** A node that draws (data, noise, codes, masks, ε, dropout masks): its ganvas_torch.feed source. */
export interface FeedSource {
  /** Python constructing the source, e.g. `feed.Noise(62)`. */
  expression: string;
  /** What it is, in words, for the comment beside it. */
  comment: string;
}

export interface ForwardContext {
  plan: Plan;
  node: PlanNode;
  /** Python for the tensor arriving at an input port; undefined when the port is unconnected. */
  input(port: string): string | undefined;
  /** The kind of tensor arriving at an input port. */
  inputKind(port: string): TensorKind | undefined;
  /** A fresh variable for an output port, named after the node's label (`suffix` replaces the port in it). */
  name(port: string, suffix?: string): string;
  /** Whether any node being written reads this output port. */
  reads(port: string): boolean;
  /** This node's draw for a port, from the batch the feed gave. */
  drawn(port: string): string;
  /** The module of a parameter group, e.g. `nets.D`. */
  network(group: string): string;
  /** A training phase (true), or inference (false: evaluation, samples). */
  training: boolean;
  /** The progress variable in scope (training progress p in [0, 1]). */
  progress: string;
  /** The node feeding `port` as a function of its one input (for penalties on an input gradient). */
  rerun(port: string): Rerun;
}

/** A node written as a function of its one input, to evaluate it again (R1). */
export interface Rerun {
  /** Python for the input it had. */
  input: string;
  /** Python for its module (whose statistics the second evaluation leaves alone). */
  network: string;
  /** Python for its output `port` on the input `x`. */
  call(x: string, port: string): string;
}

export interface Forward {
  lines: string[];
  /** Output port → Python expression (usually a variable the lines assign). */
  outputs: Record<string, string>;
  /** How to evaluate the node again on another input, where that makes sense (networks). */
  rerun?: Rerun;
}

export interface TorchNode {
  /** The params this entry writes into the Python; any other param away from its default is refused. */
  params: readonly string[];
  /** Why this node cannot be exported as it is, if it cannot. */
  refuse?(node: PlanNode): string | undefined;
  /** The data sets it reads, by name (the exporter writes them under data/). */
  datasets?(node: PlanNode): string[];
  /** What it draws from the feed each evaluation, if anything. */
  source?(node: PlanNode): FeedSource | undefined;
  forward(ctx: ForwardContext): Forward;
}

/** Outputs taken straight from the feed's draw (data sets, codes). */
export function drawnOutputs(ctx: ForwardContext, ports: string[]): Forward {
  const lines: string[] = [];
  const outputs: Record<string, string> = {};
  for (const port of ports) {
    if (!ctx.reads(port)) continue;
    const name = ctx.name(port);
    lines.push(`${name} = ${ctx.drawn(port)}`);
    outputs[port] = name;
  }
  return { lines, outputs };
}

/** One assignment to one output. */
export function assign(ctx: ForwardContext, port: string, expression: string): Forward {
  const name = ctx.name(port);
  return { lines: [`${name} = ${expression}`], outputs: { [port]: name } };
}

/** An input that the checker guarantees is connected. */
export function required(ctx: ForwardContext, port: string): string {
  const value = ctx.input(port);
  if (value === undefined) throw new Error(`${ctx.node.label}: input ${port} is not connected`);
  return value;
}
