/** InfoGAN: does c1 mean "which digit"? */
import { defineLesson } from '../types';

export const infoganLesson = defineLesson({
  view: 'infogan',
  title: 'InfoGAN on MNIST',
  roles: {
    data: { description: 'the real digits', category: ['data'], outputs: ['image'] },
    generator: { description: 'the generator, whose output Q reads', category: ['network'], outputs: ['image'] },
    noise: { description: 'the noise z', category: ['latent'] },
    category: { description: 'the categorical code c1', category: ['latent'], outputs: ['label'] },
    continuous: { description: 'the continuous codes c2, c3', category: ['latent'], outputs: ['code'] },
    recognizer: { description: 'Q’s logits for c1', outputs: ['logits'] },
  },
  results: {
    template: 'infogan',
    reference: [
      {
        metric: 'accuracy',
        paper: '95% (5% error)',
        target: '≥ 80% at small size (reference: 50% at 1k, 66–78% at 3k, 80% at 10k iterations)',
        met: (v) => v >= 0.8,
      },
      { metric: 'categoriesUsed', target: 'all 10 categories in use', met: (v) => v === 10 },
    ],
  },
});
