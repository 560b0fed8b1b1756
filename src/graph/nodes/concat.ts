import { defineKind } from '../node-kind';
import { describeShape, ShapeError, type Shape } from '../types';

const PORTS = ['a', 'b', 'c', 'd'] as const;

export const Concat = defineKind({
  id: 'Concat',
  category: 'latent',
  title: 'Concat',
  description: 'Joins vectors end to end, or images channel by channel.',
  params: [],
  inputs: PORTS.map((name, i) => ({
    name,
    accepts: ['code', 'vector', 'label', 'logits', 'image'] as const,
    optional: i >= 2,
    description: i < 2 ? 'a part to join' : 'another part (optional)',
  })),
  outputs: [{ name: 'out', kind: 'code', description: 'the parts joined' }],
  formula: ({ args }) => Object.values(args).join(' ⊕ '),
  gradient: 'pass',
  infer(ctx) {
    const parts = PORTS.map((p) => [p, ctx.inputs[p]] as const).filter((e): e is readonly [(typeof PORTS)[number], Shape] => !!e[1]);
    const images = parts.filter(([, s]) => s.kind === 'image');
    if (images.length > 0) {
      const [, first] = images[0];
      for (const [port, s] of parts) {
        if (s.kind !== 'image' || s.dims[0] !== first.dims[0] || s.dims[1] !== first.dims[1]) {
          throw new ShapeError(`input ${port} gets ${describeShape(s)} but images are joined by channel and need size ${first.dims[0]}×${first.dims[1]}`, port);
        }
      }
      const c = parts.reduce((sum, [, s]) => sum + s.dims[2], 0);
      return { out: { kind: 'image', dims: [first.dims[0], first.dims[1], c] } };
    }
    for (const [port, s] of parts) {
      if (s.dims.length !== 1) throw new ShapeError(`input ${port} must be flat but gets ${describeShape(s)}`, port);
    }
    const n = parts.reduce((sum, [, s]) => sum + s.dims[0], 0);
    const kind = parts.every(([, s]) => s.kind === 'vector') ? 'vector' : 'code';
    return { out: { kind, dims: [n] } };
  },
});
