import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { input, lossWeightParam, scalar } from './shared';

export const R1Penalty = defineKind({
  id: 'R1Penalty',
  category: 'loss',
  title: 'R1 penalty',
  description: 'Keeps a discriminator smooth where the real data is: γ/2 times the mean squared slope of its score with respect to its input (Mescheder et al.).',
  params: [
    {
      name: 'gamma',
      label: 'γ',
      type: 'float',
      default: 10,
      min: 0,
      max: 10_000,
      log: true,
      help: 'Strength: the penalty is γ/2 · E‖∇ₓD(x)‖² (10 is usual for images, 0.1–1 for small data).',
    },
    lossWeightParam,
  ],
  inputs: [
    {
      name: 'logits',
      accepts: ['logits'],
      fromNetwork: true,
      description: 'the discriminator’s scores on real samples, straight from its output (the penalty differentiates it with respect to its input)',
    },
  ],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'γ/2 times the mean squared input gradient' }],
  formula: ({ args, params }) => `${params.gamma}/2 · ‖∇ₓ ${args.logits}‖²`,
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    const l = input(ctx, 'logits');
    if (l.dims.length !== 1 || l.dims[0] !== 1) throw new ShapeError(`input logits expects one score per example but gets ${describeShape(l)}`, 'logits');
    return { loss: scalar };
  },
});
