/**
 * A trained network as a tf.js LayersModel: `model.json` (a Keras functional topology and a
 * weights manifest) and `weights.bin`, which plain `tf.loadLayersModel` opens and runs to the
 * outputs ganvas samples with (inference mode: BatchNorm's moving statistics, no dropout or
 * noise, the weight averages where the network keeps them). Pure: the page builds it from a
 * checkpoint without TF.js, the CLI writes it to a folder.
 *
 * Every layer type has an entry in `KERAS` (a missing one does not compile). Types with no Keras
 * counterpart are mapped faithfully or refused by name:
 * - Tanh with a scale s: Activation('tanh') then Rescaling(s).
 * - Spectral normalisation: the kernel divided by the σ ganvas would use (one power-iteration
 *   step from the stored u), since a loaded model is for inference.
 * - LayerNorm over an image: LayerNormalization over H, W and C, its per-channel γ and β tiled
 *   over H×W (ganvas normalises each example over all its values and scales per channel).
 * - ResidualBlock and U-Net block: their convolutions, normalisations, Add and Concatenate layers.
 * - Refused: bilinear Upsample (Keras' UpSampling2D does not centre pixels as ganvas does), and a
 *   "valid" ConvTranspose2D whose kernel is smaller than its stride (Keras sizes it differently).
 */
import type { Plan, PlanParamGroup } from '../compiler/plan';
import { unetChannels, type LayerOf, type LayerType, type ResolvedLayer } from '../graph/layers';
import type { ResolvedNetwork } from '../graph/nodes/network-common';

export const MODEL_FILE = 'model.json';
export const MODEL_WEIGHTS_FILE = 'weights.bin';

interface KerasLayer {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: [string, number, number, Record<string, never>][][];
}

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** The `model.json` of a tf.js LayersModel. */
export interface LayersModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: {
    class_name: 'Model';
    config: { name: string; layers: KerasLayer[]; input_layers: [string, number, number][]; output_layers: [string, number, number][] };
    keras_version: string;
    backend: 'tensor_flow.js';
  };
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
  userDefinedMetadata: Record<string, unknown>;
}

export interface LayersModelExport {
  model: LayersModelJson;
  /** The float32 values of `model.weightsManifest`, in its order. */
  weights: Uint8Array;
}

/** A network that cannot become a LayersModel: which layer, and why. */
export class ModelExportError extends Error {
  override name = 'ModelExportError';
  constructor(
    message: string,
    /** 0-based index in the stack, when one layer is the reason. */
    readonly layer?: number,
  ) {
    super(message);
  }
}

/** A layer's variables by key ("kernel", "conv1/gamma", …), as ganvas holds them. */
type Values = (key: string) => Float32Array;

class Topology {
  readonly layers: KerasLayer[] = [];
  readonly weights: { entry: WeightEntry; values: Float32Array }[] = [];

  add(className: string, name: string, config: Record<string, unknown>, inputs: string[], weights: { name: string; shape: number[]; values: Float32Array }[] = []): string {
    this.layers.push({ class_name: className, name, config: { name, trainable: true, dtype: 'float32', ...config }, inbound_nodes: inputs.length ? [inputs.map((i) => [i, 0, 0, {}])] : [] });
    for (const w of weights) {
      const size = w.shape.reduce((p, d) => p * d, 1);
      if (w.values.length !== size) throw new ModelExportError(`${name}/${w.name}: ${w.values.length} values for a ${w.shape.join('×')} weight`);
      this.weights.push({ entry: { name: `${name}/${w.name}`, shape: w.shape, dtype: 'float32' }, values: w.values });
    }
    return name;
  }
}

interface Emit<T extends LayerType> {
  /** Why this layer cannot be exported, if it cannot. */
  refuse?(layer: LayerOf<T>, resolved: ResolvedLayer): string | undefined;
  /** Adds the layer's Keras layers after `input`; returns the name of the last one. */
  emit(t: Topology, name: string, input: string, layer: LayerOf<T>, resolved: ResolvedLayer, values: Values): string;
}

const linear = { activation: 'linear', use_bias: true };
const pair = (n: number) => [n, n];

function conv(t: Topology, name: string, input: string, values: Values, prefix: string, filters: number, kernel: number, stride: number, padding: 'same' | 'valid', kernelValues?: Float32Array, cin?: number): string {
  const k = kernelValues ?? values(`${prefix}kernel`);
  const inChannels = cin ?? k.length / (kernel * kernel * filters);
  return t.add('Conv2D', name, { filters, kernel_size: pair(kernel), strides: pair(stride), padding, data_format: 'channels_last', dilation_rate: [1, 1], ...linear }, [input], [
    { name: 'kernel', shape: [kernel, kernel, inChannels, filters], values: k },
    { name: 'bias', shape: [filters], values: values(`${prefix}bias`) },
  ]);
}

function convTranspose(t: Topology, name: string, input: string, values: Values, prefix: string, filters: number, cin: number, kernel: number, stride: number, padding: 'same' | 'valid'): string {
  // ganvas and Keras both keep a transposed convolution's kernel as [k, k, out, in].
  return t.add('Conv2DTranspose', name, { filters, kernel_size: pair(kernel), strides: pair(stride), padding, data_format: 'channels_last', ...linear }, [input], [
    { name: 'kernel', shape: [kernel, kernel, filters, cin], values: values(`${prefix}kernel`) },
    { name: 'bias', shape: [filters], values: values(`${prefix}bias`) },
  ]);
}

function batchNorm(t: Topology, name: string, input: string, values: Values, prefix: string, channels: number, momentum: number): string {
  // ganvas' epsilon (BN_EPSILON in the engine's layer helpers).
  return t.add('BatchNormalization', name, { axis: -1, momentum, epsilon: 1e-5, center: true, scale: true }, [input], [
    { name: 'gamma', shape: [channels], values: values(`${prefix}gamma`) },
    { name: 'beta', shape: [channels], values: values(`${prefix}beta`) },
    { name: 'moving_mean', shape: [channels], values: values(`${prefix}movingMean`) },
    { name: 'moving_variance', shape: [channels], values: values(`${prefix}movingVariance`) },
  ]);
}

const activation = (t: Topology, name: string, input: string, fn: string) => t.add('Activation', name, { activation: fn }, [input]);
const leaky = (t: Topology, name: string, input: string, alpha: number) => t.add('LeakyReLU', name, { alpha }, [input]);

/**
 * kernel / σ with σ from one power-iteration step on the stored u, as the engine's spectral
 * normalisation computes it for a forward pass that does not train: with the kernel as Wᵀ of
 * n rows and `out` columns, v = normalise(Wᵀu), u' = normalise(Wv), σ = vᵀWᵀu'.
 */
export function spectrallyNormalised(kernel: Float32Array, u: Float32Array): Float32Array {
  const out = u.length;
  const n = kernel.length / out;
  const normalise = (x: Float64Array) => {
    let s = 0;
    for (const v of x) s += v * v;
    const norm = Math.max(Math.sqrt(s), 1e-12);
    return x.map((v) => v / norm);
  };
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < out; j++) s += kernel[i * out + j] * u[j];
    v[i] = s;
  }
  const vn = normalise(v);
  const w = new Float64Array(out);
  for (let j = 0; j < out; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += kernel[i * out + j] * vn[i];
    w[j] = s;
  }
  const next = normalise(w);
  let sigma = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < out; j++) s += kernel[i * out + j] * next[j];
    sigma += vn[i] * s;
  }
  return kernel.map((x) => x / sigma);
}

const KERAS: { [T in LayerType]: Emit<T> } = {
  dense: {
    emit: (t, name, input, l, r, values) =>
      t.add('Dense', name, { units: l.units, ...linear }, [input], [
        { name: 'kernel', shape: [r.input[0], l.units], values: l.spectralNorm ? spectrallyNormalised(values('kernel'), values('u')) : values('kernel') },
        { name: 'bias', shape: [l.units], values: values('bias') },
      ]),
  },
  conv2d: {
    emit: (t, name, input, l, r, values) => conv(t, name, input, values, '', l.filters, l.kernel, l.stride, l.padding, l.spectralNorm ? spectrallyNormalised(values('kernel'), values('u')) : undefined, r.input[2]),
  },
  convTranspose2d: {
    refuse: (l) => (l.padding === 'valid' && l.kernel < l.stride ? `a "valid" ConvTranspose2D with a kernel (${l.kernel}) smaller than its stride (${l.stride}) has another output size in Keras` : undefined),
    emit: (t, name, input, l, r, values) => convTranspose(t, name, input, values, '', l.filters, r.input[2], l.kernel, l.stride, l.padding),
  },
  upsample: {
    refuse: (l) => (l.method === 'bilinear' ? 'bilinear Upsample: Keras’ UpSampling2D places pixels differently (no half-pixel centres); use "nearest" or a ConvTranspose2D' : undefined),
    emit: (t, name, input, l) => t.add('UpSampling2D', name, { size: pair(l.factor), data_format: 'channels_last', interpolation: 'nearest' }, [input]),
  },
  batchNorm: {
    emit: (t, name, input, l, r, values) => batchNorm(t, name, input, values, '', r.input[r.input.length - 1], l.momentum),
  },
  layerNorm: {
    emit: (t, name, input, _l, r, values) => {
      const channels = r.input[r.input.length - 1];
      const tiled = (v: Float32Array) => {
        const positions = r.input.slice(0, -1).reduce((p, d) => p * d, 1);
        const out = new Float32Array(positions * channels);
        for (let p = 0; p < positions; p++) out.set(v, p * channels);
        return out;
      };
      const axes = r.input.map((_, i) => i + 1);
      return t.add('LayerNormalization', name, { axis: axes, epsilon: 1e-5, center: true, scale: true }, [input], [
        { name: 'gamma', shape: r.input, values: tiled(values('gamma')) },
        { name: 'beta', shape: r.input, values: tiled(values('beta')) },
      ]);
    },
  },
  relu: { emit: (t, name, input) => activation(t, name, input, 'relu') },
  leakyRelu: { emit: (t, name, input, l) => leaky(t, name, input, l.alpha) },
  tanh: {
    emit: (t, name, input, l) => {
      const out = activation(t, name, input, 'tanh');
      return l.scale === undefined || l.scale === 1 ? out : t.add('Rescaling', `${name}_scale`, { scale: l.scale, offset: 0 }, [out]);
    },
  },
  sigmoid: { emit: (t, name, input) => activation(t, name, input, 'sigmoid') },
  reshape: { emit: (t, name, input, _l, r) => t.add('Reshape', name, { target_shape: r.output }, [input]) },
  flatten: { emit: (t, name, input) => t.add('Flatten', name, {}, [input]) },
  dropout: { emit: (t, name, input, l) => t.add('Dropout', name, { rate: l.rate, noise_shape: null, seed: null }, [input]) },
  gaussianNoise: { emit: (t, name, input, l) => t.add('GaussianNoise', name, { stddev: l.sigma }, [input]) },
  residualBlock: {
    emit: (t, name, input, l, r, values) => {
      const c = r.input[2];
      let y = conv(t, `${name}_conv1`, input, values, 'conv1/', c, l.kernel, 1, 'same', undefined, c);
      y = batchNorm(t, `${name}_bn1`, y, values, 'bn1/', c, 0.9);
      y = activation(t, `${name}_relu`, y, 'relu');
      y = conv(t, `${name}_conv2`, y, values, 'conv2/', c, l.kernel, 1, 'same', undefined, c);
      y = batchNorm(t, `${name}_bn2`, y, values, 'bn2/', c, 0.9);
      return t.add('Add', `${name}_add`, {}, [input, y]);
    },
  },
  unetBlock: {
    emit: (t, name, input, l, r, values) => {
      const ch = unetChannels(l);
      const skips = [activation(t, `${name}_in_relu`, conv(t, `${name}_in`, input, values, 'in/', ch[0], 3, 1, 'same', undefined, r.input[2]), 'relu')];
      for (let i = 1; i < ch.length; i++) skips.push(leaky(t, `${name}_down${i}_lrelu`, conv(t, `${name}_down${i}`, skips[i - 1], values, `down${i}/`, ch[i], 4, 2, 'same', undefined, ch[i - 1]), 0.2));
      let u = skips[ch.length - 1];
      for (let i = ch.length - 1; i > 0; i--) {
        u = activation(t, `${name}_up${i}_relu`, convTranspose(t, `${name}_up${i}`, u, values, `up${i}/`, ch[i - 1], ch[i], 4, 2, 'same'), 'relu');
        const merged = t.add('Concatenate', `${name}_cat${i}`, { axis: -1 }, [u, skips[i - 1]]);
        u = activation(t, `${name}_merge${i}_relu`, conv(t, `${name}_merge${i}`, merged, values, `merge${i}/`, ch[i - 1], 3, 1, 'same', undefined, 2 * ch[i - 1]), 'relu');
      }
      return u;
    },
  },
};

function emitterOf(type: LayerType): Emit<LayerType> {
  return KERAS[type] as unknown as Emit<LayerType>;
}

/** Why a network cannot become a LayersModel (the first layer that cannot), or undefined when it can. */
export function unsupportedLayer(network: ResolvedNetwork): { index: number; reason: string } | undefined {
  for (const [index, resolved] of network.layers.entries()) {
    const reason = emitterOf(resolved.layer.type).refuse?.(resolved.layer, resolved);
    if (reason) return { index, reason };
  }
  return undefined;
}

const kerasName = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z]+/, '') || 'net';

/**
 * The LayersModel of a parameter group's network. `values(name)` gives a variable's values by
 * its checkpoint name ("G/3/kernel"; "ema/G/3/kernel" for a weight average).
 */
export function layersModelOf(group: PlanParamGroup, values: (name: string) => Float32Array | undefined, metadata: Record<string, unknown> = {}): LayersModelExport {
  const network = group.network;
  const refused = unsupportedLayer(network);
  if (refused) throw new ModelExportError(`‹${group.label}› layer ${refused.index + 1} (${network.layers[refused.index].layer.type}) cannot be exported as a tf.js LayersModel: ${refused.reason}`, refused.index);
  const t = new Topology();
  let h = t.add('InputLayer', 'input', { batch_input_shape: [null, ...network.input.dims], sparse: false }, []);
  network.layers.forEach((resolved, index) => {
    const lookup: Values = (key) => {
      const name = `${group.id}/${index}/${key}`;
      // Samples run with the weight averages of the trainable weights where the network keeps them.
      const v = (group.ema ? values(`ema/${name}`) : undefined) ?? values(name);
      if (!v) throw new ModelExportError(`the checkpoint has no values for ${name}`, index);
      return v;
    };
    h = emitterOf(resolved.layer.type).emit(t, `l${index}_${resolved.layer.type}${resolved.layer.name ? `_${kerasName(resolved.layer.name)}` : ''}`, h, resolved.layer, resolved, lookup);
  });
  const total = t.weights.reduce((s, w) => s + w.values.length, 0);
  const data = new Float32Array(total);
  let at = 0;
  for (const w of t.weights) {
    data.set(w.values, at);
    at += w.values.length;
  }
  const model: LayersModelJson = {
    format: 'layers-model',
    generatedBy: 'ganvas',
    convertedBy: null,
    modelTopology: {
      class_name: 'Model',
      config: { name: kerasName(group.label || group.id), layers: t.layers, input_layers: [['input', 0, 0]], output_layers: [[h, 0, 0]] },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [MODEL_WEIGHTS_FILE], weights: t.weights.map((w) => w.entry) }],
    userDefinedMetadata: { ganvas: { group: group.id, kind: group.kind, label: group.label, input: network.input, output: network.output, ...metadata } },
  };
  return { model, weights: new Uint8Array(data.buffer) };
}

/** The variables of a checkpoint by name (views into its data). */
export function checkpointValues(checkpoint: { manifest: { weightSpecs: { name: string; shape: number[] }[] }; weightData: ArrayBuffer }): Map<string, Float32Array> {
  const all = new Float32Array(checkpoint.weightData);
  const out = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of checkpoint.manifest.weightSpecs) {
    const size = spec.shape.reduce((p, d) => p * d, 1);
    out.set(spec.name, all.subarray(offset, offset + size));
    offset += size;
  }
  return out;
}

/** A network of a trained plan as a LayersModel, from the checkpoint the plan was trained to. */
export function layersModelFromCheckpoint(
  plan: Plan,
  checkpoint: { manifest: { weightSpecs: { name: string; shape: number[] }[]; step: number; title: string; planHash: string }; weightData: ArrayBuffer },
  groupId: string,
): LayersModelExport {
  const group = plan.groups.find((g) => g.id === groupId || g.appliedBy.includes(groupId));
  if (!group) throw new ModelExportError(`the graph has no network "${groupId}" (networks: ${plan.groups.map((g) => g.id).join(', ')})`);
  const values = checkpointValues(checkpoint);
  if (![...values.keys()].some((n) => n.startsWith(`${group.id}/`))) throw new ModelExportError(`the checkpoint has no weights of "${group.id}"`);
  const m = checkpoint.manifest;
  return layersModelOf(group, (name) => values.get(name), { title: m.title, step: m.step, planHash: m.planHash });
}
