import { z } from 'zod';
import { defineLayer, needFlat } from './define';

export const dense = defineLayer({
  type: 'dense',
  title: 'Dense',
  description: 'Every output is a weighted sum of all inputs plus a bias.',
  params: {
    units: z.number().int().min(1).max(16_384).meta({ help: 'Number of outputs.', initial: 128 }),
    // Optional, not defaulted: a default would be written into every parsed layer (and change old plans).
    spectralNorm: z.boolean().optional().meta({
      label: 'spectral norm',
      initial: false,
      help: 'Divide the kernel by its largest singular value (one power-iteration step per training step): keeps a discriminator’s slope bounded.',
    }),
  },
  scaled: 'units',
  infer: (input, l) => [(needFlat(input, 'Dense'), l.units)],
  weights: (input, l) => (input[0] + 1) * l.units,
});
