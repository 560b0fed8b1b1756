import { defineKind } from '../node-kind';
import { describeShape, ShapeError, size, type Shape } from '../types';
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
    {
      name: 'labels',
      type: 'enum',
      options: ['soft', 'hard'],
      optionLabels: { soft: 'soft (as given)', hard: 'hard (argmax, straight-through)' },
      default: 'soft',
      help: 'Hard: y becomes the one-hot of its largest value, so a discriminator sees pseudo-labels in the same format as real ones; the gradient still reaches the classifier’s softmax (straight-through). Also gives each row’s confidence.',
    },
  ],
  inputs: [
    { name: 'x', accepts: ['image', 'vector'], description: 'the sample' },
    { name: 'y', accepts: ['code', 'label', 'logits', 'vector'], description: 'its code or label (logits pass through softmax first)' },
  ],
  outputs: (p) => [
    { name: 'pair', kind: 'vector', description: 'the joined pair' },
    ...(p.labels === 'hard'
      ? [{ name: 'confidence', kind: 'vector' as const, description: 'each row’s largest softmax value (its confidence), to weight a loss per example' }]
      : []),
  ],
  formula: ({ args, port }) => (port === 'confidence' ? `max softmax(${args.y})` : `(${args.x}, ${args.y})`),
  gradient: 'pass',
  infer(ctx) {
    const x = input(ctx, 'x');
    const y = input(ctx, 'y');
    if (y.dims.length !== 1) throw new ShapeError(`input y must be flat but gets ${describeShape(y)}`, 'y');
    if (ctx.params.mode === 'channels') {
      if (x.kind !== 'image') throw new ShapeError(`mode "channels" needs an image at x but gets ${describeShape(x)}`, 'x');
      const [h, w, c] = x.dims;
      return { pair: { kind: 'image', dims: [h, w, c + y.dims[0]] }, ...confidence(ctx.params) };
    }
    return { pair: { kind: 'vector', dims: [size(x.dims) + y.dims[0]] }, ...confidence(ctx.params) };
  },
});

function confidence(params: Record<string, unknown>): Record<string, Shape> {
  return params.labels === 'hard' ? { confidence: { kind: 'vector', dims: [1] } } : {};
}
