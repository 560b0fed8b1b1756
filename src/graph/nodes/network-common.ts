/**
 * What Generator, Discriminator, Classifier, Encoder and Head have in common: an editable layer
 * stack, a width multiplier, optional named features, and weights another node can share.
 */
import { layerDefinition, LayerStackError, parseLayers, resolveLayers, scaleLayers, type Layer, type ResolvedLayer } from '../layers';
import { defineKind, type DeclaredKind, type InferContext, type InputPort, type OutputPort } from '../node-kind';
import type { ParamSpec, ParamValues } from '../params';
import { describeShape, ShapeError, type Shape, type TensorKind } from '../types';
import { NETWORK_LIMITS, TENSOR_LIMIT } from '../limits';
import { quoted, shown } from '../text';
import { input } from './shared';

export const NETWORK_SHARED_PARAMS = ['layers', 'width', 'featuresAt', 'ema'] as const;

export function networkParams(defaultLayers: Layer[]) {
  return [
    { name: 'layers', type: 'layers', default: defaultLayers, help: 'The layer stack, first to last.' },
    {
      name: 'width',
      type: 'float',
      default: 1,
      min: 0,
      exclusiveMin: true,
      max: 8,
      help: 'Multiplies every layer’s units/filters except the last (on top of the size preset).',
    },
    {
      name: 'featuresAt',
      label: 'features at',
      type: 'string',
      default: '',
      help: 'Name of a layer whose output the `features` port gives (e.g. D_l for feature matching).',
    },
    {
      name: 'ema',
      label: 'weight average',
      type: 'float',
      default: 0,
      min: 0,
      max: 0.99999,
      help: 'Keep an exponential moving average of the weights with this decay (e.g. 0.999), updated after every training step; samples and evaluations use the average. 0 = off.',
    },
  ] as const satisfies readonly ParamSpec[];
}

/** What the plan carries for a network beyond its params: its resolved, width-scaled stack. */
export interface NetworkResolved {
  network: ResolvedNetwork;
}

export interface ResolvedNetwork {
  layers: ResolvedLayer[];
  input: Shape;
  output: Shape;
  features?: { index: number; shape: Shape };
  parameterCount: number;
}

const shapeOf = (dims: number[], flatKind: TensorKind): Shape => ({ kind: dims.length === 3 ? 'image' : flatKind, dims });

/** Runs the (scaled) stack on the input; every complaint names the port or the layer field. */
export function resolveNetwork(ctx: InferContext, inputPort: string, outputKind: (dims: number[]) => TensorKind): ResolvedNetwork {
  const x = input(ctx, inputPort);
  if (x.kind === 'weights' || x.kind === 'scalar') {
    throw new ShapeError(`input ${inputPort} expects an image or a vector but gets ${describeShape(x)}`, inputPort);
  }
  const parsed = parseLayers(ctx.params.layers);
  if ('error' in parsed) throw new ShapeError(parsed.error, undefined, parsed.field);
  if (parsed.layers.length === 0) throw new ShapeError('a network needs at least one layer', undefined, 'layers');
  if (parsed.layers.length > NETWORK_LIMITS.layers) throw new ShapeError(`a network takes at most ${NETWORK_LIMITS.layers} layers, not ${parsed.layers.length}`, undefined, 'layers');
  const width = (ctx.params.width as number) * ctx.width;
  const scaled = scaleLayers(parsed.layers, width);
  let layers: ResolvedLayer[];
  try {
    layers = resolveLayers(scaled, x.dims);
  } catch (e) {
    if (e instanceof LayerStackError) {
      if (e.index === 0) throw new ShapeError(`input ${inputPort} gets ${describeShape(x)}, but the first layer: ${e.message}`, inputPort);
      throw new ShapeError(`layer ${e.index + 1}: ${e.message}`, undefined, `layers[${e.index}]`);
    }
    throw e;
  }
  checkNetworkSize(layers, ctx.batchSize ?? 1);
  const outDims = layers[layers.length - 1].output;
  const net: ResolvedNetwork = {
    layers,
    input: x,
    output: { kind: outputKind(outDims), dims: outDims },
    parameterCount: layers.reduce((s, l) => s + l.weights, 0),
  };
  const featuresAt = ctx.params.featuresAt as string;
  if (featuresAt) {
    const index = layers.findIndex((l) => l.layer.name === featuresAt);
    if (index < 0) {
      const names = layers.map((l) => l.layer.name).filter(Boolean);
      throw new ShapeError(
        `no layer is named ${quoted(featuresAt, 40)}${names.length ? ` (named layers: ${names.slice(0, 10).map((n) => shown(n!, 40)).join(', ')})` : '; name a layer first'}`,
        undefined,
        'featuresAt',
      );
    }
    net.features = { index, shape: shapeOf(layers[index].output, 'vector') };
  }
  return net;
}

/** Refuses a stack too large to train in a browser, naming the first layer past a limit. */
function checkNetworkSize(layers: ResolvedLayer[], batchSize: number): void {
  let weights = 0;
  layers.forEach((l, i) => {
    const values = l.output.reduce((p, d) => p * d, 1);
    if (values > NETWORK_LIMITS.activation) {
      throw new ShapeError(
        `layer ${i + 1} makes ${values.toLocaleString('en-US')} values per example (${l.output.join('×')}); at most ${NETWORK_LIMITS.activation.toLocaleString('en-US')} fit a training step`,
        undefined,
        `layers[${i}]`,
      );
    }
    if (values * batchSize > TENSOR_LIMIT) {
      throw new ShapeError(
        `layer ${i + 1} makes ${(values * batchSize).toLocaleString('en-US')} values per step (batch ${batchSize} × ${l.output.join('×')}); at most ${TENSOR_LIMIT.toLocaleString('en-US')} fit a browser — lower the batch size or the layer`,
        undefined,
        `layers[${i}]`,
      );
    }
    weights += l.weights;
    if (weights > NETWORK_LIMITS.weights) {
      throw new ShapeError(
        `the network has more than ${NETWORK_LIMITS.weights.toLocaleString('en-US')} weights by layer ${i + 1} (${weights.toLocaleString('en-US')}); make its layers smaller`,
        undefined,
        `layers[${i}]`,
      );
    }
  });
}

interface NetworkDeclaration<Id extends string> {
  id: Id;
  title: string;
  description: string;
  inputDescription: string;
  accepts: readonly TensorKind[];
  outputDescription: string;
  /** The kind of `out` given its dims. */
  outputKind: (dims: number[]) => TensorKind;
  defaultLayers: Layer[];
}

const sharesPort: InputPort = {
  name: 'shares',
  label: 'shares weights of',
  accepts: ['weights'],
  optional: true,
  description: 'connect another network’s weights here to apply that same network (one set of variables)',
};

export function networkOutputs(params: ParamValues, outputDescription: string, outKind: TensorKind): OutputPort[] {
  const ports: OutputPort[] = [{ name: 'out', kind: outKind, description: outputDescription }];
  if (params.featuresAt) ports.push({ name: 'features', kind: 'vector', description: `output of layer "${params.featuresAt}"` });
  ports.push({ name: 'weights', kind: 'weights', description: 'connect to another network’s “shares” to reuse these weights' });
  return ports;
}

export function defineNetwork<const Id extends string>(d: NetworkDeclaration<Id>): DeclaredKind<Id, ReturnType<typeof networkParams>, NetworkResolved> {
  return defineKind({
    id: d.id,
    category: 'network',
    title: d.title,
    description: d.description,
    params: networkParams(d.defaultLayers),
    inputs: [{ name: 'x', accepts: d.accepts, description: d.inputDescription }, sharesPort],
    outputs: (p) => networkOutputs(p, d.outputDescription, d.outputKind([1])),
    gradient: 'pass',
    trainable: true,
    sharedParams: NETWORK_SHARED_PARAMS,
    outputRange: networkOutputRange,
    infer(ctx) {
      const net = resolveNetwork(ctx, 'x', d.outputKind);
      const out: Record<string, Shape> = { out: net.output, weights: { kind: 'weights', dims: [] } };
      if (net.features) out.features = net.features.shape;
      return out;
    },
    resolve(ctx) {
      const net = resolveNetwork(ctx, 'x', d.outputKind);
      return { ...ctx.params, network: net };
    },
  });
}

/** A network's `out` lies in what its last layer squashes to (tanh: [−s, s], sigmoid: [0, 1]), if it squashes. */
export function networkOutputRange(params: ParamValues, port: string): readonly [number, number] | undefined {
  if (port !== 'out') return undefined;
  const parsed = parseLayers(params.layers);
  const last = 'layers' in parsed ? parsed.layers[parsed.layers.length - 1] : undefined;
  return last ? layerDefinition(last.type)?.outputRange?.(last as never) : undefined;
}

export const imageOr = (flat: TensorKind) => (dims: number[]): TensorKind => (dims.length === 3 ? 'image' : flat);
