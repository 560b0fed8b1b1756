import { z } from 'zod';
import { defineLayer } from './define';

export const batchNorm = defineLayer({
  type: 'batchNorm',
  title: 'BatchNorm',
  description: 'Normalises each channel over the batch, then scales and shifts it.',
  params: {
    momentum: z.number().min(0).max(1).default(0.9).meta({ help: 'Moving-average momentum.' }),
  },
  infer: 'same',
  weights: (input) => 2 * input[input.length - 1],
  batchStatistics: true,
});
