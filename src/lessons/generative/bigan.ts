/** BiGAN: does G(E(x)) keep x’s class, and is E(x) a good feature? */
import { defineLesson } from '../types';

export const biganLesson = defineLesson({
  view: 'bigan',
  title: 'BiGAN on MNIST',
  roles: {
    data: { description: 'the real digits', category: ['data'], outputs: ['image'] },
    encoder: { description: 'the encoder E(x)', category: ['network'], trainable: true },
    generator: { description: 'the generator G(z)', category: ['network'], outputs: ['image'] },
    code: { description: 'what feeds G (replaced by E(x) for reconstructions)', outputs: ['code', 'vector'] },
  },
  results: {
    template: 'bigan',
    variants: ['autoencoder', 'no-cycle'],
    reference: [
      { metric: 'referenceAccuracy', target: 'the judge: ≥ 97% on held-out digits', met: (v) => v >= 0.97 },
      { metric: 'agreement', target: '≥ 70%: G(E(x)) judged the same class as x', met: (v) => v >= 0.7 },
      { metric: 'agreement', variant: 'autoencoder', target: 'baseline: an autoencoder copies x (pixel loss)' },
      { metric: 'agreement', variant: 'no-cycle', target: 'beside: without the image cycle (latent regressor only)' },
      { metric: 'nnAccuracyUntrained', target: 'baseline: 1-NN on an untrained encoder’s E(x)' },
      { metric: 'nnAccuracy', variant: 'autoencoder', target: 'baseline: the autoencoder’s E(x)' },
      { metric: 'nnAccuracy', variant: 'no-cycle', target: 'beside: without the image cycle' },
      {
        metric: 'nnAccuracy',
        paper: '97.39% (1-NN on E(x), full MNIST)',
        target: 'above the untrained encoder',
        met: (v, f) => v > (f('nnAccuracyUntrained') ?? Infinity),
      },
    ],
  },
});
