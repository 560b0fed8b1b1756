import { defineKind } from '../node-kind';
import type { ParamValues } from '../params';
import { describeShape, ShapeError, type Shape } from '../types';
import { input } from './shared';

/** Subscript digits, for the parts in formulas (`Q(…)₀`). */
const subscript = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);

const sizesOf = (p: ParamValues) => (Array.isArray(p.sizes) ? (p.sizes as number[]) : []);

export const Split = defineKind({
  id: 'Split',
  category: 'latent',
  title: 'Split',
  description: 'Cuts a vector into consecutive parts (e.g. an encoder’s output into μ and log σ²).',
  params: [{ name: 'sizes', type: 'ints', default: [10, 2], min: 1, max: 4096, minLength: 2, maxLength: 64, help: 'Length of each part, in order.' }],
  inputs: [{ name: 'x', accepts: ['code', 'vector', 'logits'], description: 'the vector to cut' }],
  outputs: (p) =>
    sizesOf(p).map((n, i) => ({ name: `out${i}`, label: `part ${i + 1}`, kind: 'code' as const, description: `values ${n} long` })),
  formula: ({ args, port }) => `${args.x}${subscript(Number(port.replace(/\D/g, '')))}`,
  gradient: 'pass',
  infer(ctx) {
    const x = input(ctx, 'x');
    const sizes = sizesOf(ctx.params);
    if (x.dims.length !== 1) throw new ShapeError(`input x must be flat but gets ${describeShape(x)}`, 'x');
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== x.dims[0]) throw new ShapeError(`sizes add up to ${total} but input x has ${x.dims[0]} values`, undefined, 'sizes');
    const out: Record<string, Shape> = {};
    sizes.forEach((n, i) => (out[`out${i}`] = { kind: x.kind, dims: [n] }));
    return out;
  },
});
