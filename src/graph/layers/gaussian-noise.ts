import { z } from 'zod';
import { defineLayer } from './define';

/**
 * Adds N(0, σ²) noise while training (nothing when sampling). First in a discriminator's stack it is
 * instance noise: real and fake inputs alike get blurred, so the two distributions overlap and D's
 * gradient stays informative; annealed, σ falls linearly to 0 over training.
 */
export const gaussianNoise = defineLayer({
  type: 'gaussianNoise',
  title: 'Gaussian noise',
  description: 'Adds random normal noise of strength σ while training; as a discriminator’s first layer, instance noise.',
  params: {
    sigma: z.number().min(0).max(100).default(0.1).meta({ label: 'σ', help: 'Standard deviation of the noise (images in −1..1: 0.1–0.5).' }),
    anneal: z
      .enum(['none', 'linear'])
      .default('none')
      .meta({ labels: { none: 'constant σ', linear: 'σ falls to 0 over training' }, help: 'Constant noise, or σ·(1 − p) over training progress p.' }),
  },
  infer: 'same',
});
