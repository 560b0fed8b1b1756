import { z } from 'zod';
import { defineLayer } from './define';

export const leakyRelu = defineLayer({
  type: 'leakyRelu',
  title: 'LeakyReLU',
  description: 'x for x > 0, αx otherwise.',
  params: {
    alpha: z.number().min(0).max(1).default(0.2).meta({ help: 'Slope for negative inputs.' }),
  },
  infer: 'same',
});
