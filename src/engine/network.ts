/**
 * A parameter group's variables (one set of tf.Variables, applied by every node in
 * `group.appliedBy`) and the forward pass of a resolved layer stack through them.
 */
import type { PlanParamGroup } from '../compiler/plan';
import type { ResolvedNetwork } from '../graph/nodes/network-common';
import { networkVariableSpecs, type InitialVariable } from './init';
import { layerImpl, type VariableLookup } from './layers/index';
import { tf, type Tensor, type Variable } from './tf';

export interface NamedVariable {
  /** "group/layer/key": the portable name (checkpoints, tests). */
  name: string;
  variable: Variable;
  trainable: boolean;
}

/** Where a network's forward pass finds the variables of its layers. */
export interface VariableSource {
  /** Variables of layer `index`, by key. */
  lookup(index: number): VariableLookup;
}

export class GroupVariables implements VariableSource {
  readonly variables: NamedVariable[] = [];
  /**
   * With `group.ema`: one exponential moving average per trainable variable ("ema/" + its name),
   * state saved with checkpoints, read by samples and evaluations.
   */
  readonly averages: NamedVariable[] = [];
  private readonly byLocal = new Map<string, Variable>();
  private readonly averageByLocal = new Map<string, Variable>();
  private readonly pairs: { live: Variable; average: Variable }[] = [];

  constructor(
    readonly group: PlanParamGroup,
    initial: InitialVariable[],
    /** Prefix that keeps tf.Variable names unique when several engines live in one process. */
    uniquePrefix: string,
  ) {
    const byName = new Map(initial.map((v) => [v.name, v]));
    for (const spec of networkVariableSpecs(group.network)) {
      const name = `${group.id}/${spec.local}`;
      const init = byName.get(name);
      if (!init) throw new Error(`no initial value for variable ${name}`);
      const variable = tf.tidy(() => tf.variable(tf.tensor(init.values, spec.shape), spec.trainable, `${uniquePrefix}${name}`));
      this.variables.push({ name, variable, trainable: spec.trainable });
      this.byLocal.set(spec.local, variable);
      if (group.ema && spec.trainable) {
        const average = tf.tidy(() => tf.variable(tf.tensor(init.values, spec.shape), false, `${uniquePrefix}ema/${name}`));
        this.averages.push({ name: `ema/${name}`, variable: average, trainable: false });
        this.averageByLocal.set(spec.local, average);
        this.pairs.push({ live: variable, average });
      }
    }
  }

  /**
   * average ← d·average + (1 − d)·weight for every trainable variable (d = the group's decay),
   * after a step that changed them; call inside tidy. Nothing without an average.
   */
  updateAverages(): void {
    const d = this.group.ema;
    if (!d) return;
    for (const { live, average } of this.pairs) average.assign(tf.add(tf.mul(average, d), tf.mul(live, 1 - d)));
  }

  /**
   * The variables samples and evaluations use: the moving averages of the trainable weights
   * where the group keeps them (BatchNorm statistics as they are), else the weights themselves.
   */
  averaged(): VariableSource {
    if (!this.pairs.length) return this;
    return {
      lookup: (index) => {
        const live = this.lookup(index);
        return (key) => this.averageByLocal.get(`${index}/${key}`) ?? live(key);
      },
    };
  }

  /** Variables of layer `index`, by key. */
  lookup(index: number): VariableLookup {
    return (key: string) => {
      const v = this.byLocal.get(`${index}/${key}`);
      if (!v) throw new Error(`${this.group.id}: layer ${index} has no variable "${key}"`);
      return v;
    };
  }

  trainable(): Variable[] {
    return this.variables.filter((v) => v.trainable).map((v) => v.variable);
  }

  dispose(): void {
    for (const v of this.variables) v.variable.dispose();
    for (const v of this.averages) v.variable.dispose();
  }
}

export interface NetworkOutputs {
  out: Tensor;
  features?: Tensor;
}

/** Runs x through the stack; `random[i]` is layer i's draw for this application (dropout). */
export function applyNetwork(
  network: ResolvedNetwork,
  vars: VariableSource,
  x: Tensor,
  ctx: { training: boolean; frozenStats?: boolean; movingStats?: boolean; twiceDifferentiable?: boolean; progress?: number },
  random: Record<number, Float32Array> = {},
): NetworkOutputs {
  let h = x;
  let features: Tensor | undefined;
  network.layers.forEach((resolved, i) => {
    const impl = layerImpl(resolved.layer.type);
    h = impl.apply(h, resolved.layer as never, resolved, vars.lookup(i), { training: ctx.training, frozenStats: ctx.frozenStats, movingStats: ctx.movingStats, twiceDifferentiable: ctx.twiceDifferentiable, random: random[i], progress: ctx.progress });
    if (network.features?.index === i) features = h;
  });
  return features ? { out: h, features } : { out: h };
}
