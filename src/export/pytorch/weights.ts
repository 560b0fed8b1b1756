/**
 * The weights an exported project starts from, in ganvas's checkpoint format: the engine's seeded
 * initialisation (the same values `ganvas train` starts from), or a ganvas checkpoint checked
 * against the plan first (a variable the graph lacks or of another shape is refused by name).
 */
import type { Plan, PlanParamGroup } from '../../compiler/plan';
import { planHash } from '../../compiler/plan-hash';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, specSize, WEIGHTS_FILE, type Checkpoint, type CheckpointManifest, type WeightSpec } from './checkpoint-format';
import { Rng } from '../../util/rng';
import { torchLayer, type GanvasVariable } from './layers';

export interface GroupVariable extends GanvasVariable {
  /** "GROUP/LAYER/KEY", the name in checkpoints. */
  name: string;
  group: string;
  layer: number;
}

/** The variables of a parameter group, layer by layer, as the engine creates them. */
export function groupVariables(group: PlanParamGroup): GroupVariable[] {
  return group.network.layers.flatMap((resolved, layer) => {
    const entry = torchLayer(resolved.layer.type);
    if (!entry) return [];
    return entry.variables(resolved.layer as never, resolved).map((v) => ({ ...v, name: `${group.id}/${layer}/${v.key}`, group: group.id, layer }));
  });
}

export function planVariables(plan: Plan): GroupVariable[] {
  return plan.groups.flatMap(groupVariables);
}

const sizeOf = (shape: number[]) => shape.reduce((p, d) => p * d, 1);

/** Glorot-uniform kernels, zero biases, BatchNorm scale 1: each from its own stream, forked by name. */
export function initialValue(seed: number, v: GroupVariable): Float32Array {
  const values = new Float32Array(sizeOf(v.shape));
  if (v.init === 'ones') values.fill(1);
  else if (v.init === 'unit') {
    // As the engine: the norm sums the drawn values' squares before they are rounded to float32.
    const rng = new Rng(seed).fork(`init/${v.name}`);
    let norm = 0;
    for (let i = 0; i < values.length; i++) {
      const x = rng.normal();
      values[i] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < values.length; i++) values[i] /= norm;
  } else if (v.init === 'glorot') {
    const rng = new Rng(seed).fork(`init/${v.name}`);
    const limit = Math.sqrt(6 / ((v.fanIn ?? 1) + (v.fanOut ?? 1)));
    for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
  }
  return values;
}

/** The engine's initial state as a checkpoint of weights only (no optimizer slots: they start at zero). */
export function initialCheckpoint(plan: Plan): Checkpoint {
  const vars = planVariables(plan);
  const specs: WeightSpec[] = vars.map((v) => ({ name: v.name, shape: v.shape, dtype: 'float32' }));
  const data = new Float32Array(vars.reduce((s, v) => s + sizeOf(v.shape), 0));
  let offset = 0;
  for (const v of vars) {
    data.set(initialValue(plan.seed, v), offset);
    offset += sizeOf(v.shape);
  }
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    planHash: planHash(plan),
    title: plan.title,
    seed: plan.seed,
    step: 0,
    totalSteps: plan.steps,
    backend: 'initial',
    weightSpecs: specs,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
    rng: { streams: {}, nodes: {} },
    optimizers: {},
    overrides: { learningRates: {}, lossWeights: {} },
  };
  return { manifest, weightData: data.buffer };
}

export class WeightsMismatch extends Error {}

const dims = (shape: number[]) => shape.join('×') || 'scalar';

/**
 * Checks that a ganvas checkpoint's variables are exactly the plan's (optimizer slots of the
 * plan's phases aside), with the same shapes; throws WeightsMismatch naming the first that is not.
 */
export function checkCheckpoint(plan: Plan, checkpoint: Checkpoint): void {
  const { manifest, weightData } = checkpoint;
  const total = manifest.weightSpecs.reduce((s, w) => s + specSize(w), 0);
  if (weightData.byteLength !== total * 4) throw new WeightsMismatch(`the weight data has ${weightData.byteLength} bytes, the manifest describes ${total * 4}`);
  const expected = new Map(planVariables(plan).map((v) => [v.name, v]));
  const phases = new Set(plan.phases.map((p) => p.id));
  const seen = new Set<string>();
  const averaged = new Set(plan.groups.filter((g) => g.ema).map((g) => g.id));
  for (const spec of manifest.weightSpecs) {
    if (spec.name.startsWith('ema/')) {
      const v = expected.get(spec.name.slice(4));
      if (!v || !v.trainable || !averaged.has(v.group)) throw new WeightsMismatch(`the checkpoint has a weight average ${spec.name} this graph does not keep`);
      if (dims(v.shape) !== dims(spec.shape)) throw new WeightsMismatch(`weight average ${spec.name} is ${dims(spec.shape)} in the checkpoint but ${dims(v.shape)} in this graph`);
      continue;
    }
    if (spec.name.startsWith('opt/')) {
      const phase = spec.name.split('/')[1];
      const variable = spec.name.split('/').slice(2, -1).join('/');
      if (!phases.has(phase)) continue;
      const v = expected.get(variable);
      if (!v) throw new WeightsMismatch(`optimizer slot ${spec.name} belongs to a variable this graph does not have`);
      if (dims(v.shape) !== dims(spec.shape)) throw new WeightsMismatch(`optimizer slot ${spec.name} is ${dims(spec.shape)} in the checkpoint but ${dims(v.shape)} in this graph`);
      continue;
    }
    const v = expected.get(spec.name);
    if (!v) throw new WeightsMismatch(`the checkpoint has a variable ${spec.name} this graph does not have`);
    if (dims(v.shape) !== dims(spec.shape)) throw new WeightsMismatch(`variable ${spec.name} is ${dims(spec.shape)} in the checkpoint but ${dims(v.shape)} in this graph`);
    seen.add(spec.name);
  }
  const missing = [...expected.keys()].filter((name) => !seen.has(name));
  if (missing.length) throw new WeightsMismatch(`the checkpoint lacks variable ${missing[0]} (${dims(expected.get(missing[0])!.shape)})${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}`);
}
