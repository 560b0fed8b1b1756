import { defineKind } from '../node-kind';
import { ShapeError } from '../types';
import { expectKind, input } from './shared';

export const Degrade = defineKind({
  id: 'Degrade',
  category: 'data',
  title: 'Degrade',
  description: 'Shrinks images by a factor to make low/high-resolution pairs for super-resolution.',
  params: [
    { name: 'factor', type: 'int', default: 4, min: 2, max: 8, help: 'Downsampling factor.' },
    { name: 'method', type: 'enum', options: ['area', 'bicubic'], default: 'bicubic', help: 'How pixels are averaged.' },
  ],
  inputs: [{ name: 'x', accepts: ['image'], description: 'high-resolution images' }],
  outputs: [
    { name: 'lr', kind: 'image', description: 'the low-resolution images' },
    { name: 'hr', kind: 'image', description: 'the original high-resolution images' },
  ],
  formula: ({ args, port, params }) => (port === 'lr' ? `↓${params.factor}(${args.x})` : args.x),
  gradient: 'pass',
  infer(ctx) {
    const x = input(ctx, 'x');
    expectKind(x, 'x', ['image'], 'an image');
    const f = ctx.params.factor as number;
    const [h, w, c] = x.dims;
    if (h % f !== 0 || w % f !== 0) throw new ShapeError(`factor ${f} does not divide the image size ${h}×${w}`, undefined, 'factor');
    return { lr: { kind: 'image', dims: [h / f, w / f, c] }, hr: x };
  },
});
