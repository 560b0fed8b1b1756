/**
 * Each layer type of a ganvas layer stack as PyTorch: the module that builds it (from the
 * exported project's ganvas_torch/layers.py) and its ganvas variables (names, shapes and
 * initialisation exactly as the engine has them, so weights move between the engines and the
 * seeded initial values are the engine's). One entry per layer type, keyed by type.
 */
import { unetChannels, type LayerOf, type LayerType, type ResolvedLayer } from '../../graph/layers';
import { pyFloat, pyString } from './python';

/** `unit`: a random direction (normal values scaled to length 1), e.g. spectral normalisation's u. */
export type InitKind = 'glorot' | 'zeros' | 'ones' | 'unit';

/** One variable as ganvas names and stores it ("kernel" of layer 3 is "GROUP/3/kernel"). */
export interface GanvasVariable {
  key: string;
  shape: number[];
  init: InitKind;
  fanIn?: number;
  fanOut?: number;
  trainable: boolean;
}

export interface TorchLayer<T extends LayerType> {
  /** Python that builds the layer (names from ganvas_torch.layers and torch.nn). */
  module(layer: LayerOf<T>, resolved: ResolvedLayer): string;
  /** Its variables, with the engine's keys, shapes (ganvas layout) and initialisation. */
  variables(layer: LayerOf<T>, resolved: ResolvedLayer): GanvasVariable[];
  /** The layer's fields this entry writes into the Python (besides type, name and fixed). */
  fields: readonly string[];
}

/**
 * Partial on purpose: a layer type declared before its entry here is refused by the export with a
 * message naming the network and layer, and the rest of the project keeps compiling.
 */
export type TorchLayers = { readonly [T in LayerType]?: TorchLayer<T> };

const conv = (prefix: string, kernel: number, cin: number, cout: number): GanvasVariable[] => [
  { key: `${prefix}kernel`, shape: [kernel, kernel, cin, cout], init: 'glorot', fanIn: kernel * kernel * cin, fanOut: kernel * kernel * cout, trainable: true },
  { key: `${prefix}bias`, shape: [cout], init: 'zeros', trainable: true },
];

/** A transposed convolution's kernel is [k, k, out, in] in ganvas. */
const convTranspose = (prefix: string, kernel: number, cin: number, cout: number): GanvasVariable[] => [
  { key: `${prefix}kernel`, shape: [kernel, kernel, cout, cin], init: 'glorot', fanIn: kernel * kernel * cin, fanOut: kernel * kernel * cout, trainable: true },
  { key: `${prefix}bias`, shape: [cout], init: 'zeros', trainable: true },
];

const batchNorm = (prefix: string, channels: number): GanvasVariable[] => [
  { key: `${prefix}gamma`, shape: [channels], init: 'ones', trainable: true },
  { key: `${prefix}beta`, shape: [channels], init: 'zeros', trainable: true },
  { key: `${prefix}movingMean`, shape: [channels], init: 'zeros', trainable: false },
  { key: `${prefix}movingVariance`, shape: [channels], init: 'ones', trainable: false },
];

const last = (dims: number[]) => dims[dims.length - 1];
/** Spectral normalisation's persistent vector u, state like BatchNorm's averages. */
const spectral = (on: boolean | undefined, out: number): GanvasVariable[] => (on ? [{ key: 'u', shape: [out], init: 'unit', trainable: false }] : []);
const spectralOption = (on: boolean | undefined) => (on ? ', spectral_norm=True' : '');
const size = (r: ResolvedLayer) => `size=(${r.input[0]}, ${r.input[1]})`;
const padding = (p: 'same' | 'valid') => (p === 'valid' ? ', padding="valid"' : '');

const stateless = <T extends LayerType>(module: (layer: LayerOf<T>) => string, fields: readonly string[] = []): TorchLayer<T> => ({
  module,
  variables: () => [],
  fields,
});

export const TORCH_LAYERS: TorchLayers = {
  dense: {
    module: (l, r) => `Dense(${r.input[0]}, ${l.units}${spectralOption(l.spectralNorm)})`,
    variables: (l, r) => [
      { key: 'kernel', shape: [r.input[0], l.units], init: 'glorot', fanIn: r.input[0], fanOut: l.units, trainable: true },
      { key: 'bias', shape: [l.units], init: 'zeros', trainable: true },
      ...spectral(l.spectralNorm, l.units),
    ],
    fields: ['units', 'spectralNorm'],
  },
  conv2d: {
    module: (l, r) => `Conv2d(${r.input[2]}, ${l.filters}, ${l.kernel}, stride=${l.stride}${padding(l.padding)}, ${size(r)}${spectralOption(l.spectralNorm)})`,
    variables: (l, r) => [...conv('', l.kernel, r.input[2], l.filters), ...spectral(l.spectralNorm, l.filters)],
    fields: ['filters', 'kernel', 'stride', 'padding', 'spectralNorm'],
  },
  convTranspose2d: {
    module: (l, r) => `ConvTranspose2d(${r.input[2]}, ${l.filters}, ${l.kernel}, stride=${l.stride}${padding(l.padding)}, ${size(r)})`,
    variables: (l, r) => convTranspose('', l.kernel, r.input[2], l.filters),
    fields: ['filters', 'kernel', 'stride', 'padding'],
  },
  upsample: stateless((l) => (l.method === 'bilinear' ? `Upsample(${l.factor}, "bilinear")` : `Upsample(${l.factor})`), ['factor', 'method']),
  batchNorm: {
    module: (l, r) => `BatchNorm(${last(r.input)}, momentum=${pyFloat(l.momentum)})`,
    variables: (_l, r) => batchNorm('', last(r.input)),
    fields: ['momentum'],
  },
  layerNorm: {
    module: (_l, r) => `LayerNorm(${last(r.input)})`,
    variables: (_l, r) => [
      { key: 'gamma', shape: [last(r.input)], init: 'ones', trainable: true },
      { key: 'beta', shape: [last(r.input)], init: 'zeros', trainable: true },
    ],
    fields: [],
  },
  relu: stateless(() => 'nn.ReLU()'),
  leakyRelu: stateless((l) => `nn.LeakyReLU(${pyFloat(l.alpha)})`, ['alpha']),
  tanh: stateless((l) => (l.scale === undefined || l.scale === 1 ? 'nn.Tanh()' : `Tanh(${pyFloat(l.scale)})`), ['scale']),
  sigmoid: stateless(() => 'nn.Sigmoid()'),
  reshape: { module: (_l, r) => `Reshape(${r.output.join(', ')})`, variables: () => [], fields: ['shape'] },
  flatten: stateless(() => 'Flatten()'),
  dropout: stateless((l) => `Dropout(${pyFloat(l.rate)})`, ['rate']),
  gaussianNoise: stateless((l) => (l.anneal === 'linear' ? `GaussianNoise(${pyFloat(l.sigma)}, "linear")` : `GaussianNoise(${pyFloat(l.sigma)})`), ['sigma', 'anneal']),
  residualBlock: {
    module: (l, r) => `ResidualBlock(${r.input[2]}, ${l.kernel}, ${size(r)})`,
    variables: (l, r) => {
      const c = r.input[2];
      return [...conv('conv1/', l.kernel, c, c), ...batchNorm('bn1/', c), ...conv('conv2/', l.kernel, c, c), ...batchNorm('bn2/', c)];
    },
    fields: ['kernel'],
  },
  unetBlock: {
    module: (l, r) => `UNetBlock(${r.input[2]}, ${l.filters}, ${l.depth}, ${size(r)})`,
    variables: (l, r) => {
      const ch = unetChannels(l);
      const out = [...conv('in/', 3, r.input[2], ch[0])];
      for (let i = 1; i < ch.length; i++) out.push(...conv(`down${i}/`, 4, ch[i - 1], ch[i]));
      for (let i = ch.length - 1; i > 0; i--) {
        out.push(...convTranspose(`up${i}/`, 4, ch[i], ch[i - 1]));
        out.push(...conv(`merge${i}/`, 3, 2 * ch[i - 1], ch[i - 1]));
      }
      return out;
    },
    fields: ['filters', 'depth'],
  },
};

/** The entry of a layer type, or undefined when the export has none (a type added since). */
export function torchLayer(type: string): TorchLayer<LayerType> | undefined {
  return Object.prototype.hasOwnProperty.call(TORCH_LAYERS, type) ? (TORCH_LAYERS as Record<string, TorchLayer<LayerType>>)[type] : undefined;
}

/** A layer's name (for comments), quoted. */
export function layerName(resolved: ResolvedLayer): string {
  return resolved.layer.name ? ` ${pyString(resolved.layer.name)}` : '';
}
