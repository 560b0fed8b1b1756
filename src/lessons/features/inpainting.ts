/** Inpainting: the hole filled by the generator, against mean-fill. */
import { defineLesson } from '../types';

export const INPAINTING_LESSON = defineLesson({
  view: 'inpainting',
  title: 'Inpainting: the hole filled by the generator vs mean-fill',
  roles: {
    data: { description: 'the complete faces', category: ['data'], outputs: ['image'] },
    mask: { description: 'the hole mask M', outputs: ['image'] },
    completion: { description: 'the composite: the generator’s pixels in the hole, the original elsewhere', outputs: ['image'] },
  },
  results: {
    template: 'inpainting',
    variants: ['l2-only'],
    reference: [
      { metric: 'holePsnr.meanFill', target: 'baseline: the hole filled with the mean colour (dB)' },
      { metric: 'holePsnr.generator', target: '> mean-fill (dB)', met: (v, f) => v > (f('holePsnr.meanFill') ?? Infinity) },
      { metric: 'holePsnr.generator', variant: 'l2-only', target: 'baseline: the L2 term alone (dB)' },
    ],
  },
});
