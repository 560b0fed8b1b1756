import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { input, lossWeightParam, scalar } from './shared';

export const Entropy = defineKind({
  id: 'Entropy',
  category: 'loss',
  title: 'Entropy',
  description: 'How unsure a classifier is: the mean entropy −Σ p log p of its softmax predictions; minimising it makes them confident (semi-supervised learning, Triple-GAN).',
  params: [lossWeightParam],
  inputs: [{ name: 'logits', accepts: ['logits'], description: 'the classifier’s logits (softmax is applied here)' }],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean entropy, in nats' }],
  formula: ({ args }) => `H(softmax(${args.logits}))`,
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    const l = input(ctx, 'logits');
    if (l.dims.length !== 1 || l.dims[0] < 2) throw new ShapeError(`input logits expects scores for two or more classes but gets ${describeShape(l)}`, 'logits');
    return { loss: scalar };
  },
});
