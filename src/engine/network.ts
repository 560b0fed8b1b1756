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

export class GroupVariables {
  readonly variables: NamedVariable[] = [];
  private readonly byLocal = new Map<string, Variable>();

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
    }
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
  }
}

export interface NetworkOutputs {
  out: Tensor;
  features?: Tensor;
}

/** Runs x through the stack; `random[i]` is layer i's draw for this application (dropout). */
export function applyNetwork(
  network: ResolvedNetwork,
  vars: GroupVariables,
  x: Tensor,
  ctx: { training: boolean; frozenStats?: boolean; movingStats?: boolean },
  random: Record<number, Float32Array> = {},
): NetworkOutputs {
  let h = x;
  let features: Tensor | undefined;
  network.layers.forEach((resolved, i) => {
    const impl = layerImpl(resolved.layer.type);
    h = impl.apply(h, resolved.layer as never, resolved, vars.lookup(i), { training: ctx.training, frozenStats: ctx.frozenStats, movingStats: ctx.movingStats, random: random[i] });
    if (network.features?.index === i) features = h;
  });
  return features ? { out: h, features } : { out: h };
}
