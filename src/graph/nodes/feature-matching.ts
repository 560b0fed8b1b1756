import { defineKind } from '../node-kind';
import { expectSame, input, lossWeightParam, scalar } from './shared';

export const FeatureMatching = defineKind({
  id: 'FeatureMatching',
  category: 'loss',
  title: 'Feature matching',
  description: 'Squared distance between two feature maps (VAE-GAN’s ‖D_l(x) − D_l(x̃)‖²).',
  params: [lossWeightParam],
  inputs: [
    { name: 'a', accepts: ['vector', 'image', 'code'], description: 'features of one input' },
    { name: 'b', accepts: ['vector', 'image', 'code'], description: 'features of the other' },
  ],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean squared distance' }],
  formula: ({ args }) => `‖${args.a} − ${args.b}‖²`,
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    expectSame(input(ctx, 'a'), input(ctx, 'b'), 'a', 'b');
    return { loss: scalar };
  },
});
