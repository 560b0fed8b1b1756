/**
 * The layers a network's stack is made of. Each layer type declares its params, which param the
 * width multiplier scales, how it maps an input shape to an output shape, and how many weights it
 * has. The checker, the compiler, the inspector and the engine all read these declarations.
 *
 * Shapes here exclude the batch: [H, W, C] for images, [n] for flat vectors.
 */
import { z } from 'zod';
import type { ParamSpec } from './params';

export const LAYER_TYPES = [
  'dense',
  'conv2d',
  'convTranspose2d',
  'upsample',
  'batchNorm',
  'layerNorm',
  'relu',
  'leakyRelu',
  'tanh',
  'sigmoid',
  'reshape',
  'flatten',
  'dropout',
  'residualBlock',
  'unetBlock',
] as const;
export type LayerType = (typeof LAYER_TYPES)[number];

const common = {
  /** Names a layer so its output can be read as features (VAE-GAN's D_l, InfoGAN's shared trunk). */
  name: z.string().min(1).optional(),
  /** Keeps this layer's size when the width multiplier changes the others. */
  fixed: z.boolean().optional(),
};
const padding = z.enum(['same', 'valid']);
const posInt = z.number().int().positive();

export const LayerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dense'), units: posInt, ...common }),
  z.object({ type: z.literal('conv2d'), filters: posInt, kernel: posInt, stride: posInt.default(1), padding: padding.default('same'), ...common }),
  z.object({ type: z.literal('convTranspose2d'), filters: posInt, kernel: posInt, stride: posInt.default(1), padding: padding.default('same'), ...common }),
  z.object({ type: z.literal('upsample'), factor: posInt.default(2), method: z.enum(['nearest', 'bilinear']).default('nearest'), ...common }),
  z.object({ type: z.literal('batchNorm'), momentum: z.number().min(0).max(1).default(0.9), ...common }),
  z.object({ type: z.literal('layerNorm'), ...common }),
  z.object({ type: z.literal('relu'), ...common }),
  z.object({ type: z.literal('leakyRelu'), alpha: z.number().min(0).max(1).default(0.2), ...common }),
  z.object({ type: z.literal('tanh'), ...common }),
  z.object({ type: z.literal('sigmoid'), ...common }),
  z.object({ type: z.literal('reshape'), shape: z.array(z.number().int()).min(1), ...common }),
  z.object({ type: z.literal('flatten'), ...common }),
  z.object({ type: z.literal('dropout'), rate: z.number().min(0).lt(1).default(0.3), ...common }),
  z.object({ type: z.literal('residualBlock'), kernel: posInt.default(3), ...common }),
  z.object({ type: z.literal('unetBlock'), filters: posInt, depth: posInt.default(2), ...common }),
]);
export type Layer = z.infer<typeof LayerSchema>;
export type LayerOf<T extends LayerType> = Extract<Layer, { type: T }>;

export interface LayerKind {
  type: LayerType;
  title: string;
  description: string;
  params: ParamSpec[];
  /** The param the width multiplier scales, if any. */
  scaled?: 'units' | 'filters';
  /** Output dims from input dims; throws a plain message when the input does not fit. */
  infer(input: number[], layer: Layer): number[];
  /** Number of trainable weights. */
  weights(input: number[], layer: Layer): number;
  /** Normalises with batch statistics (BatchNorm), so a phase's BatchNorm mode changes it. */
  batchStatistics?: boolean;
}

const fmt = (dims: number[]) => (dims.length === 1 ? `a vector of ${dims[0]}` : `an image ${dims.join('×')}`);

function needImage(input: number[], title: string): [number, number, number] {
  if (input.length !== 3) throw new Error(`${title} needs an image (H×W×C) but gets ${fmt(input)}`);
  return input as [number, number, number];
}
function needFlat(input: number[], title: string): number {
  if (input.length !== 1) throw new Error(`${title} needs a flat vector but gets ${fmt(input)}; add a Flatten layer before it`);
  return input[0];
}
function convOut(size: number, kernel: number, stride: number, pad: 'same' | 'valid'): number {
  return pad === 'same' ? Math.ceil(size / stride) : Math.ceil((size - kernel + 1) / stride);
}
function convTOut(size: number, kernel: number, stride: number, pad: 'same' | 'valid'): number {
  return pad === 'same' ? size * stride : (size - 1) * stride + kernel;
}

const nameParam: ParamSpec = { name: 'name', type: 'string', default: '', help: 'Name this layer to read its output as features.' };
const elementwise = (type: LayerType, title: string, description: string, params: ParamSpec[] = []): LayerKind => ({
  type,
  title,
  description,
  params: [...params, nameParam],
  infer: (input) => input,
  weights: () => 0,
});

export const LAYER_KINDS: Record<LayerType, LayerKind> = {
  dense: {
    type: 'dense',
    title: 'Dense',
    description: 'Every output is a weighted sum of all inputs plus a bias.',
    params: [{ name: 'units', type: 'int', default: 128, min: 1, help: 'Number of outputs.' }, nameParam],
    scaled: 'units',
    infer: (input, l) => [(needFlat(input, 'Dense'), (l as LayerOf<'dense'>).units)],
    weights: (input, l) => (input[0] + 1) * (l as LayerOf<'dense'>).units,
  },
  conv2d: {
    type: 'conv2d',
    title: 'Conv2D',
    description: 'Slides learned filters over the image.',
    params: [
      { name: 'filters', type: 'int', default: 64, min: 1, help: 'Output channels.' },
      { name: 'kernel', type: 'int', default: 4, min: 1, max: 15, help: 'Filter size in pixels.' },
      { name: 'stride', type: 'int', default: 2, min: 1, max: 8, help: 'Step between filter positions; 2 halves the size.' },
      { name: 'padding', type: 'enum', options: ['same', 'valid'], default: 'same', help: '"same" keeps size/stride; "valid" uses only full windows.' },
      nameParam,
    ],
    scaled: 'filters',
    infer: (input, l) => {
      const c = l as LayerOf<'conv2d'>;
      const [h, w] = needImage(input, 'Conv2D');
      const oh = convOut(h, c.kernel, c.stride, c.padding);
      const ow = convOut(w, c.kernel, c.stride, c.padding);
      if (oh < 1 || ow < 1) throw new Error(`Conv2D with kernel ${c.kernel} does not fit an image ${input.join('×')}`);
      return [oh, ow, c.filters];
    },
    weights: (input, l) => {
      const c = l as LayerOf<'conv2d'>;
      return c.kernel * c.kernel * input[2] * c.filters + c.filters;
    },
  },
  convTranspose2d: {
    type: 'convTranspose2d',
    title: 'ConvTranspose2D',
    description: 'A learned upsampling: the transpose of a strided convolution.',
    params: [
      { name: 'filters', type: 'int', default: 64, min: 1, help: 'Output channels.' },
      { name: 'kernel', type: 'int', default: 4, min: 1, max: 15, help: 'Filter size in pixels.' },
      { name: 'stride', type: 'int', default: 2, min: 1, max: 8, help: 'Upsampling factor.' },
      { name: 'padding', type: 'enum', options: ['same', 'valid'], default: 'same', help: '"same" gives size×stride.' },
      nameParam,
    ],
    scaled: 'filters',
    infer: (input, l) => {
      const c = l as LayerOf<'convTranspose2d'>;
      const [h, w] = needImage(input, 'ConvTranspose2D');
      return [convTOut(h, c.kernel, c.stride, c.padding), convTOut(w, c.kernel, c.stride, c.padding), c.filters];
    },
    weights: (input, l) => {
      const c = l as LayerOf<'convTranspose2d'>;
      return c.kernel * c.kernel * input[2] * c.filters + c.filters;
    },
  },
  upsample: {
    type: 'upsample',
    title: 'Upsample',
    description: 'Enlarges the image by repeating (nearest) or interpolating (bilinear) pixels.',
    params: [
      { name: 'factor', type: 'int', default: 2, min: 1, max: 8, help: 'Scale factor.' },
      { name: 'method', type: 'enum', options: ['nearest', 'bilinear'], default: 'nearest', help: 'Interpolation.' },
      nameParam,
    ],
    infer: (input, l) => {
      const [h, w, c] = needImage(input, 'Upsample');
      const f = (l as LayerOf<'upsample'>).factor;
      return [h * f, w * f, c];
    },
    weights: () => 0,
  },
  batchNorm: {
    type: 'batchNorm',
    title: 'BatchNorm',
    description: 'Normalises each channel over the batch, then scales and shifts it.',
    params: [{ name: 'momentum', type: 'float', default: 0.9, min: 0, max: 1, help: 'Moving-average momentum.' }, nameParam],
    infer: (input) => input,
    weights: (input) => 2 * input[input.length - 1],
    batchStatistics: true,
  },
  layerNorm: {
    type: 'layerNorm',
    title: 'LayerNorm',
    description: 'Normalises each example over its features, then scales and shifts.',
    params: [nameParam],
    infer: (input) => input,
    weights: (input) => 2 * input[input.length - 1],
  },
  relu: elementwise('relu', 'ReLU', 'max(0, x).'),
  leakyRelu: elementwise('leakyRelu', 'LeakyReLU', 'x for x > 0, αx otherwise.', [
    { name: 'alpha', type: 'float', default: 0.2, min: 0, max: 1, help: 'Slope for negative inputs.' },
  ]),
  tanh: elementwise('tanh', 'Tanh', 'Squashes to (−1, 1); the usual last layer of an image generator.'),
  sigmoid: elementwise('sigmoid', 'Sigmoid', 'Squashes to (0, 1).'),
  reshape: {
    type: 'reshape',
    title: 'Reshape',
    description: 'Rearranges values into a new shape; one dimension may be −1 (inferred).',
    params: [{ name: 'shape', type: 'ints', default: [7, 7, -1], minLength: 1, help: 'Target shape, e.g. 7, 7, −1.' }, nameParam],
    infer: (input, l) => {
      const shape = (l as LayerOf<'reshape'>).shape;
      const total = input.reduce((p, d) => p * d, 1);
      const unknown = shape.filter((d) => d === -1).length;
      if (unknown > 1) throw new Error('Reshape can infer only one dimension (−1)');
      if (shape.some((d) => d === 0 || d < -1)) throw new Error(`Reshape sizes must be positive or −1, not ${shape.join(', ')}`);
      const known = shape.filter((d) => d > 0).reduce((p, d) => p * d, 1);
      if (unknown === 1) {
        if (total % known !== 0) throw new Error(`Reshape cannot arrange ${total} values as ${shape.map((d) => (d === -1 ? '?' : d)).join('×')}`);
        return shape.map((d) => (d === -1 ? total / known : d));
      }
      if (known !== total) throw new Error(`Reshape cannot arrange ${total} values as ${shape.join('×')} (${known})`);
      if (shape.length !== 1 && shape.length !== 3) throw new Error('Reshape must give a vector (n) or an image (H, W, C)');
      return [...shape];
    },
    weights: () => 0,
  },
  flatten: {
    type: 'flatten',
    title: 'Flatten',
    description: 'Turns an image into a vector.',
    params: [nameParam],
    infer: (input) => [input.reduce((p, d) => p * d, 1)],
    weights: () => 0,
  },
  dropout: elementwise('dropout', 'Dropout', 'Zeroes a random share of values while training.', [
    { name: 'rate', type: 'float', default: 0.3, min: 0, max: 0.95, help: 'Share of values dropped.' },
  ]),
  residualBlock: {
    type: 'residualBlock',
    title: 'ResidualBlock',
    description: 'conv–BN–ReLU–conv–BN plus the input: learns a correction, keeps the size.',
    params: [{ name: 'kernel', type: 'int', default: 3, min: 1, max: 9, help: 'Filter size.' }, nameParam],
    infer: (input) => (needImage(input, 'ResidualBlock'), input),
    weights: (input, l) => {
      const k = (l as LayerOf<'residualBlock'>).kernel;
      const c = input[2];
      return 2 * (k * k * c * c + c) + 4 * c;
    },
    batchStatistics: true,
  },
  unetBlock: {
    type: 'unetBlock',
    title: 'U-Net block',
    description: 'Downsamples depth times and upsamples back, with skip connections at each scale.',
    params: [
      { name: 'filters', type: 'int', default: 32, min: 1, help: 'Channels at the finest scale (doubling per level).' },
      { name: 'depth', type: 'int', default: 2, min: 1, max: 5, help: 'Number of down/up levels.' },
      nameParam,
    ],
    scaled: 'filters',
    infer: (input, l) => {
      const u = l as LayerOf<'unetBlock'>;
      const [h, w] = needImage(input, 'U-Net block');
      const m = 2 ** u.depth;
      if (h % m !== 0 || w % m !== 0) throw new Error(`U-Net block of depth ${u.depth} needs sizes divisible by ${m}, gets ${h}×${w}`);
      return [h, w, u.filters];
    },
    weights: (input, l) => unetWeights(input[2], l as LayerOf<'unetBlock'>),
  },
};

/** Channel widths per U-Net level, shared with the engine so weights and shapes agree. */
export function unetChannels(block: LayerOf<'unetBlock'>): number[] {
  return Array.from({ length: block.depth + 1 }, (_, i) => block.filters * 2 ** i);
}

function unetWeights(cin: number, block: LayerOf<'unetBlock'>): number {
  const ch = unetChannels(block);
  let total = 9 * cin * ch[0] + ch[0];
  for (let i = 1; i < ch.length; i++) total += 16 * ch[i - 1] * ch[i] + ch[i]; // 4×4 stride-2 down
  for (let i = ch.length - 1; i > 0; i--) {
    total += 16 * ch[i] * ch[i - 1] + ch[i - 1]; // 4×4 stride-2 up
    total += 9 * 2 * ch[i - 1] * ch[i - 1] + ch[i - 1]; // 3×3 after the skip concat
  }
  return total;
}

/** Whether any layer of a stack normalises with batch statistics. */
export function usesBatchStatistics(layers: readonly Layer[]): boolean {
  return layers.some((l) => LAYER_KINDS[l.type]?.batchStatistics);
}

/** Layers that keep their input's shape, looked through when a Dense must fit a later Reshape. */
const SHAPE_PRESERVING = new Set<LayerType>(['batchNorm', 'layerNorm', 'relu', 'leakyRelu', 'tanh', 'sigmoid', 'dropout']);

/** Applies a width multiplier: every scalable layer except the last one and `fixed` ones. */
export function scaleLayers(layers: Layer[], width: number): Layer[] {
  if (width === 1) return layers.map((l) => ({ ...l }));
  let last = -1;
  layers.forEach((l, i) => {
    if (LAYER_KINDS[l.type]?.scaled) last = i;
  });
  return layers.map((layer, i) => {
    const kind = LAYER_KINDS[layer.type];
    if (!kind?.scaled || i === last || layer.fixed) return { ...layer };
    const key = kind.scaled;
    const original = (layer as Record<string, unknown>)[key] as number;
    let scaled = Math.max(1, Math.round(original * width));
    // A Dense feeding a Reshape(…, −1) must stay a multiple of the known dims, or the reshape breaks.
    const next = layers.slice(i + 1).find((l) => !SHAPE_PRESERVING.has(l.type));
    if (layer.type === 'dense' && next?.type === 'reshape' && next.shape.includes(-1)) {
      const known = next.shape.filter((d) => d > 0).reduce((p, d) => p * d, 1);
      scaled = Math.max(known, Math.round(scaled / known) * known);
    }
    return { ...layer, [key]: scaled } as Layer;
  });
}

export interface ResolvedLayer {
  layer: Layer;
  input: number[];
  output: number[];
  weights: number;
}

export class LayerStackError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/** Runs the shape rules through a stack; throws LayerStackError naming the first layer that does not fit. */
export function resolveLayers(layers: Layer[], input: number[]): ResolvedLayer[] {
  const out: ResolvedLayer[] = [];
  let shape = input;
  layers.forEach((layer, index) => {
    const kind = LAYER_KINDS[layer.type];
    try {
      const output = kind.infer(shape, layer);
      out.push({ layer, input: shape, output, weights: kind.weights(shape, layer) });
      shape = output;
    } catch (e) {
      throw new LayerStackError((e as Error).message, index);
    }
  });
  return out;
}

/** Parses a stack, giving a message that names the layer and field on failure. */
export function parseLayers(value: unknown): { layers: Layer[] } | { error: string; field: string } {
  if (!Array.isArray(value)) return { error: 'layers must be a list', field: 'layers' };
  const layers: Layer[] = [];
  for (let i = 0; i < value.length; i++) {
    const parsed = LayerSchema.safeParse(value[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.path.join('.');
      const type = (value[i] as { type?: unknown })?.type;
      const what = typeof type === 'string' && (LAYER_TYPES as readonly string[]).includes(type) ? LAYER_KINDS[type as LayerType].title : 'layer';
      return {
        error: `${what} (layer ${i + 1})${path ? ` ${path}` : ''}: ${issue.message}`,
        field: `layers[${i}]${path ? '.' + path : ''}`,
      };
    }
    layers.push(parsed.data);
  }
  return { layers };
}
