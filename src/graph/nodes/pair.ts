import { defineKind } from '../node-kind';
import { describeShape, ShapeError, size } from '../types';
import { input } from './shared';

export const Pair = defineKind({
  id: 'Pair',
  category: 'network',
  title: 'Pair',
  description: 'Joins a sample with its code or label so a discriminator can judge the pair (BiGAN, Triple-GAN).',
  params: [
    {
      name: 'mode',
      type: 'enum',
      options: ['flatten', 'channels'],
      default: 'flatten',
      help: '"flatten": x as a vector followed by y; "channels": y tiled over the image as extra channels.',
    },
  ],
  inputs: [
    { name: 'x', accepts: ['image', 'vector'], description: 'the sample' },
    { name: 'y', accepts: ['code', 'label', 'logits', 'vector'], description: 'its code or label (logits pass through softmax first)' },
  ],
  outputs: [{ name: 'pair', kind: 'vector', description: 'the joined pair' }],
  gradient: 'pass',
  infer(ctx) {
    const x = input(ctx, 'x');
    const y = input(ctx, 'y');
    if (y.dims.length !== 1) throw new ShapeError(`input y must be flat but gets ${describeShape(y)}`, 'y');
    if (ctx.params.mode === 'channels') {
      if (x.kind !== 'image') throw new ShapeError(`mode "channels" needs an image at x but gets ${describeShape(x)}`, 'x');
      const [h, w, c] = x.dims;
      return { pair: { kind: 'image', dims: [h, w, c + y.dims[0]] } };
    }
    return { pair: { kind: 'vector', dims: [size(x.dims) + y.dims[0]] } };
  },
});
