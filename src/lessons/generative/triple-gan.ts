/** Triple-GAN: the classifier’s accuracy with 100 labels, against the classifier alone. */
import { defineLesson } from '../types';

export const tripleGanLesson = defineLesson({
  view: 'triple-gan',
  title: 'Triple-GAN on MNIST with 100 labels',
  results: {
    template: 'triple-gan',
    variants: ['classifier-only'],
    reference: [
      { metric: 'accuracy', variant: 'classifier-only', target: 'baseline: the classifier on the 100 labels alone' },
      {
        metric: 'accuracy',
        paper: '99.09% (0.91% error, 100 labels)',
        target: '≥ classifier-only + 10 points',
        met: (v, f) => v >= (f('accuracy', 'classifier-only') ?? Infinity) + 0.1,
      },
    ],
  },
});
