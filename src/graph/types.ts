/**
 * Tensor kinds and shapes as the checker sees them. The batch dimension is implicit and symbolic:
 * `dims` never includes it, so `{kind: 'image', dims: [28, 28, 1]}` is a batch of B grey 28×28 images.
 */
export const TENSOR_KINDS = ['image', 'vector', 'label', 'logits', 'code', 'scalar', 'weights'] as const;
export type TensorKind = (typeof TENSOR_KINDS)[number];

export interface Shape {
  kind: TensorKind;
  dims: number[];
}

export const KIND_NAMES: Record<TensorKind, string> = {
  image: 'an image',
  vector: 'a vector',
  label: 'labels',
  logits: 'logits',
  code: 'a code',
  scalar: 'a scalar',
  weights: 'shared weights',
};

/** "image 28×28×1", "vector of 74", "labels of 10", "scalar". */
export function describeShape(shape: Shape): string {
  if (shape.kind === 'scalar') return 'a scalar';
  if (shape.kind === 'weights') return 'shared weights';
  const dims = shape.dims.join('×');
  if (shape.kind === 'image') return `an image ${dims}`;
  return `${KIND_NAMES[shape.kind]} of ${dims}`;
}

export function formatDims(dims: number[]): string {
  return dims.length === 0 ? 'scalar' : dims.join('×');
}

export function sameDims(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function size(dims: number[]): number {
  return dims.reduce((p, d) => p * d, 1);
}

/** A shape rule's complaint; the checker turns it into a diagnostic on the node (and port). */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly port?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}
