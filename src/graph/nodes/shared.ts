/** Small helpers the node declarations share: common params and shape checks. */
import type { InferContext, InputPort } from '../node-kind';
import type { ParamSpec, ParamValues } from '../params';
import { describeShape, sameDims, ShapeError, type Shape, type TensorKind } from '../types';

export const lossWeightParam = {
  name: 'weight',
  type: 'float',
  default: 1,
  min: 0,
  max: 10_000,
  log: true,
  help: 'Multiplies this loss wherever a phase uses it.',
} as const satisfies ParamSpec;

export const rangeParam = {
  name: 'range',
  type: 'enum',
  options: ['-1..1', '0..1'],
  default: '-1..1',
  help: 'Pixel range fed to the graph: −1..1 suits tanh generators.',
} as const satisfies ParamSpec;

/** The value range a data node's images are emitted in, from its `range` param. */
export function imageRange(params: ParamValues, kind: TensorKind | undefined): readonly [number, number] | undefined {
  if (kind !== 'image') return undefined;
  return params.range === '-1..1' ? [-1, 1] : [0, 1];
}

export const channelsParam = {
  name: 'channels',
  type: 'enum',
  options: ['native', 'grey', 'rgb'],
  default: 'native',
  help: 'Convert images to grey or RGB so two data sets can share one network (DANN).',
} as const satisfies ParamSpec;

/** The shape at an input port; the checker calls `infer` only once required inputs are known. */
export function input(ctx: InferContext, port: string): Shape {
  const shape = ctx.inputs[port];
  if (!shape) throw new ShapeError(`input ${port} is not connected`, port);
  return shape;
}

export function expectKind(shape: Shape, port: string, kinds: readonly TensorKind[], what: string): void {
  if (!kinds.includes(shape.kind)) throw new ShapeError(`input ${port} expects ${what} but gets ${describeShape(shape)}`, port);
}

export function expectSame(a: Shape, b: Shape, portA: string, portB: string): void {
  if (!sameDims(a.dims, b.dims)) {
    throw new ShapeError(`inputs ${portA} and ${portB} must have the same shape, but get ${describeShape(a)} and ${describeShape(b)}`, portB);
  }
}

export const scalar: Shape = { kind: 'scalar', dims: [] };

export function withChannels(shape: Shape, channels: unknown): Shape {
  if (shape.kind !== 'image' || channels === 'native') return shape;
  const [h, w] = shape.dims;
  return { kind: 'image', dims: [h, w, channels === 'rgb' ? 3 : 1] };
}

/** An optional input of a loss: one weight per example (e.g. a Pair's confidence), constants to the loss. */
export const exampleWeightsPort: InputPort = {
  name: 'weights',
  accepts: ['vector'],
  optional: true,
  constant: true,
  description: 'one weight per example (e.g. a pseudo-label’s confidence): each example’s loss counts that much',
};

/** A connected `weights` input must hold one value per example. */
export function checkExampleWeights(ctx: InferContext): void {
  const w = ctx.inputs.weights;
  if (w && !(w.dims.length === 1 && w.dims[0] === 1)) throw new ShapeError(`input weights must be one value per example but gets ${describeShape(w)}`, 'weights');
}
