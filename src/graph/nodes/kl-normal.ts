import { defineKind } from '../node-kind';
import { expectSame, input, lossWeightParam, scalar } from './shared';

export const KLNormal = defineKind({
  id: 'KLNormal',
  category: 'loss',
  title: 'KL to N(0, 1)',
  description: 'Keeps an encoder’s Gaussian q(z|x) close to the prior N(0, 1) (a VAE’s L_prior).',
  params: [lossWeightParam],
  inputs: [
    { name: 'mu', label: 'μ', accepts: ['code', 'vector'], description: 'the mean' },
    { name: 'logvar', label: 'log σ²', accepts: ['code', 'vector'], description: 'the log-variance' },
  ],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'mean over the batch of the summed KL' }],
  formula: ({ args }) => `KL(N(${args.mu}, e^${args.logvar}) ‖ N(0, 1))`,
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    expectSame(input(ctx, 'mu'), input(ctx, 'logvar'), 'mu', 'logvar');
    return { loss: scalar };
  },
});
