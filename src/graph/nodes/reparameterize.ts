import { defineKind } from '../node-kind';
import { expectSame, input, scalar } from './shared';

export const Reparameterize = defineKind({
  id: 'Reparameterize',
  category: 'latent',
  title: 'Reparameterize',
  description: 'Samples z = μ + σ·ε so gradients reach the encoder; also reports the KL to N(0, 1).',
  params: [],
  inputs: [
    { name: 'mu', label: 'μ', accepts: ['code', 'vector'], description: 'the mean' },
    { name: 'logvar', label: 'log σ²', accepts: ['code', 'vector'], description: 'the log-variance' },
  ],
  outputs: [
    { name: 'z', kind: 'code', description: 'the sampled code' },
    { name: 'kl', kind: 'scalar', description: 'KL(q(z|x) ‖ N(0, 1)), averaged over the batch' },
  ],
  formula: ({ args, port }) => (port === 'kl' ? `KL(N(${args.mu}, e^${args.logvar}) ‖ N(0, 1))` : `${args.mu} + σ·ε`),
  gradient: 'pass',
  infer(ctx) {
    const mu = input(ctx, 'mu');
    const logvar = input(ctx, 'logvar');
    expectSame(mu, logvar, 'mu', 'logvar');
    return { z: { kind: 'code', dims: [...mu.dims] }, kl: scalar };
  },
});
