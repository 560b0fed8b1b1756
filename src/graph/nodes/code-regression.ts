import { defineKind } from '../node-kind';
import { expectSame, input, lossWeightParam, scalar } from './shared';

export const CodeRegression = defineKind({
  id: 'CodeRegression',
  category: 'loss',
  title: 'Code regression',
  description: 'Squared error between a predicted and the true continuous code (InfoGAN’s λ_cont term).',
  params: [lossWeightParam],
  inputs: [
    { name: 'prediction', accepts: ['code', 'vector', 'logits'], description: 'the recovered code' },
    { name: 'code', accepts: ['code', 'vector'], description: 'the code that was fed in' },
  ],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean squared error' }],
  formula: ({ args }) => `‖${args.prediction} − ${args.code}‖²`,
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    expectSame(input(ctx, 'prediction'), input(ctx, 'code'), 'prediction', 'code');
    return { loss: scalar };
  },
});
