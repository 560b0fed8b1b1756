import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { expectKind, expectSame, input } from './shared';

export const Composite = defineKind({
  id: 'Composite',
  category: 'data',
  title: 'Composite',
  description: 'Keeps x outside the hole and takes y inside it: x⊙(1−M) + y⊙M.',
  params: [],
  inputs: [
    { name: 'x', accepts: ['image'], description: 'the image around the hole' },
    { name: 'y', accepts: ['image'], description: 'the image that fills the hole' },
    { name: 'mask', accepts: ['image'], description: 'M, 1 inside the hole' },
  ],
  outputs: [{ name: 'out', kind: 'image', description: 'the composite' }],
  formula: ({ args }) => `${args.x} ⊙ (1 − ${args.mask}) + ${args.y} ⊙ ${args.mask}`,
  gradient: 'pass',
  infer(ctx) {
    const x = input(ctx, 'x');
    const y = input(ctx, 'y');
    const m = input(ctx, 'mask');
    expectKind(x, 'x', ['image'], 'an image');
    expectKind(y, 'y', ['image'], 'an image');
    expectSame(x, y, 'x', 'y');
    if (m.dims[0] !== x.dims[0] || m.dims[1] !== x.dims[1] || (m.dims[2] !== 1 && m.dims[2] !== x.dims[2])) {
      throw new ShapeError(`input mask must be ${x.dims[0]}×${x.dims[1]}×1 but gets ${describeShape(m)}`, 'mask');
    }
    return { out: x };
  },
});
