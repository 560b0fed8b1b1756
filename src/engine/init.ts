/**
 * Deterministic initial values: every variable's values come from its own Rng stream, forked from
 * the plan's seed by the variable's name, as plain Float32Arrays. The same plan therefore starts
 * from the same weights on every backend, and adding a layer does not change the others' values.
 */
import type { Plan, PlanParamGroup } from '../compiler/plan';
import type { ResolvedNetwork } from '../graph/nodes/network-common';
import { Rng } from '../util/rng';
import { layerImpl, type VariableSpec } from './layers/index';

export interface NetworkVariableSpec extends VariableSpec {
  /** Index of the layer in the stack. */
  layer: number;
  /** Name within the group: "3/kernel". */
  local: string;
}

export interface InitialVariable {
  /** "group/layer/key", e.g. "D/0/kernel": the name in checkpoints. */
  name: string;
  group: string;
  shape: number[];
  trainable: boolean;
  values: Float32Array;
}

/** The variables of a resolved network, layer by layer, in stack order. */
export function networkVariableSpecs(network: ResolvedNetwork): NetworkVariableSpec[] {
  const out: NetworkVariableSpec[] = [];
  network.layers.forEach((resolved, index) => {
    const impl = layerImpl(resolved.layer.type);
    for (const spec of impl.variables(resolved.layer as never, resolved.input, resolved.output)) {
      out.push({ ...spec, layer: index, local: `${index}/${spec.key}` });
    }
  });
  return out;
}

/** Glorot-uniform kernels (limit √(6 / (fan-in + fan-out))), zero biases, BatchNorm scale 1, unit vectors. */
export function initialValues(spec: VariableSpec, rng: Rng): Float32Array {
  const size = spec.shape.reduce((p, d) => p * d, 1);
  const values = new Float32Array(size);
  if (spec.init === 'ones') values.fill(1);
  else if (spec.init === 'unit') {
    let norm = 0;
    for (let i = 0; i < size; i++) norm += (values[i] = rng.normal()) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < size; i++) values[i] /= norm;
  }
  else if (spec.init === 'glorot') {
    const limit = Math.sqrt(6 / ((spec.fanIn ?? 1) + (spec.fanOut ?? 1)));
    for (let i = 0; i < size; i++) values[i] = rng.uniform(-limit, limit);
  }
  return values;
}

export function initialGroupValues(seed: number, group: PlanParamGroup): InitialVariable[] {
  const root = new Rng(seed);
  return networkVariableSpecs(group.network).map((spec) => {
    const name = `${group.id}/${spec.local}`;
    return { name, group: group.id, shape: spec.shape, trainable: spec.trainable, values: initialValues(spec, root.fork(`init/${name}`)) };
  });
}

/** Every variable of every parameter group of the plan, groups in plan order. */
export function initialPlanValues(plan: Plan): InitialVariable[] {
  return plan.groups.flatMap((g) => initialGroupValues(plan.seed, g));
}
