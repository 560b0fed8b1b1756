import { defineKind } from '../node-kind';
import { expectKind, input } from './shared';

export const Mask = defineKind({
  id: 'Mask',
  category: 'data',
  title: 'Mask',
  description: 'Cuts holes in images (centre square, random boxes or strokes) for inpainting.',
  params: [
    { name: 'shape', type: 'enum', options: ['centre', 'boxes', 'strokes'], default: 'centre', help: 'Where the holes go.' },
    { name: 'size', type: 'float', default: 0.5, min: 0.05, max: 0.9, help: 'Hole size as a share of the image side.' },
  ],
  inputs: [{ name: 'x', accepts: ['image'], description: 'complete images' }],
  outputs: [
    { name: 'masked', kind: 'image', description: 'the images with the holes zeroed: x⊙(1−M)' },
    { name: 'mask', kind: 'image', description: 'M: 1 inside the hole, 0 elsewhere' },
    { name: 'x', kind: 'image', description: 'the complete images, passed through' },
  ],
  formula: ({ args, port }) => (port === 'masked' ? `${args.x} ⊙ (1 − M)` : port === 'mask' ? 'M' : args.x),
  gradient: 'pass',
  infer(ctx) {
    const x = input(ctx, 'x');
    expectKind(x, 'x', ['image'], 'an image');
    const [h, w] = x.dims;
    return { masked: x, mask: { kind: 'image', dims: [h, w, 1] }, x };
  },
});
