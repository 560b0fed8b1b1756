/** 2-D GAN: how well the generated points cover the mixture's modes. */
import { defineLesson } from '../types';

export const gan2dLesson = defineLesson({
  view: 'gan-2d',
  title: 'GAN on a 2-D mixture',
  roles: {
    data: { description: 'the real 2-D points', category: ['data'], outputs: ['vector'] },
    generator: { description: 'the generator of points', category: ['network'], outputs: ['vector'] },
    judge: { description: 'the discriminator on the real points, for its decision surface', category: ['network'], outputs: ['logits'], optional: true },
  },
  results: {
    template: 'gan-2d',
    reference: [
      { metric: 'modesCovered', target: 'all 8 modes within 2,000 steps', met: (v, f) => v === f('modes') },
      { metric: 'withinShare', target: 'most points within 3σ of a mode', met: (v) => v > 0.5 },
      { metric: 'minModeShare', target: 'no mode starved (≥ 2%)', met: (v) => v >= 0.02 },
    ],
  },
});
