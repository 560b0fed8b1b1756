import { z } from 'zod';
import { defineLayer } from './define';

export const dropout = defineLayer({
  type: 'dropout',
  title: 'Dropout',
  description: 'Zeroes a random share of values while training.',
  params: {
    rate: z.number().min(0).max(0.95).default(0.3).meta({ help: 'Share of values dropped.' }),
  },
  infer: 'same',
});
