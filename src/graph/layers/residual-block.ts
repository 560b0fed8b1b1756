import { z } from 'zod';
import { defineLayer, needImage } from './define';

export const residualBlock = defineLayer({
  type: 'residualBlock',
  title: 'ResidualBlock',
  description: 'conv–BN–ReLU–conv–BN plus the input: learns a correction, keeps the size.',
  params: {
    kernel: z.number().int().min(1).max(9).default(3).meta({ help: 'Filter size.' }),
  },
  infer: (input) => (needImage(input, 'ResidualBlock'), input),
  weights(input, { kernel: k }) {
    const c = input[2];
    return 2 * (k * k * c * c + c) + 4 * c;
  },
  batchStatistics: true,
});
