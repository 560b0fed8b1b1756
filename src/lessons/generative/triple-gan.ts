/** Triple-GAN: the classifier’s accuracy with 100 labels, against the classifier alone. */
import { defineLesson } from '../types';

export const tripleGanLesson = defineLesson({
  view: 'triple-gan',
  title: 'Triple-GAN on MNIST with 100 labels',
  roles: {
    data: { description: 'the labelled images the classifier reads', category: ['data'], outputs: ['image'] },
    classifier: { description: 'the classifier C', category: ['network'], outputs: ['logits'] },
    generator: { description: 'the class-conditional generator (absent in the classifier-only variant)', category: ['network'], outputs: ['image'], optional: true },
    label: { description: 'the class code y fed to G', category: ['latent'], outputs: ['label'], optional: true },
  },
  results: {
    template: 'triple-gan',
    variants: ['classifier-only', 'classifier-entropy', 'paper-steps'],
    reference: [
      { metric: 'accuracy', variant: 'classifier-only', target: 'baseline: the classifier on the 100 labels alone' },
      { metric: 'accuracy', variant: 'classifier-entropy', target: 'baseline: the classifier with the same kind of regulariser (entropy on unlabelled digits), no G or D' },
      {
        metric: 'accuracy',
        paper: '99.09% (0.91% error, 100 labels)',
        target: '≥ classifier-only + 10 points',
        met: (v, f) => v >= (f('accuracy', 'classifier-only') ?? Infinity) + 0.1,
      },
      {
        metric: 'accuracy',
        target: 'above the classifier + entropy',
        met: (v, f) => v > (f('accuracy', 'classifier-entropy') ?? Infinity),
      },
      { metric: 'accuracy', variant: 'paper-steps', target: 'beside: the paper’s steps with flat pairs (D rejects C’s pairs and C learns to fool it; D reads y as 10 values after the pixels)' },
      { metric: 'generatedAsIntended', target: '≥ 80% of G’s samples classified as the class asked for', met: (v) => v >= 0.8 },
      { metric: 'generatedAsIntended', variant: 'paper-steps', target: 'beside: the paper’s steps with flat pairs' },
    ],
  },
});
