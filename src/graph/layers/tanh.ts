import { z } from 'zod';
import { defineLayer } from './define';

export const tanh = defineLayer({
  type: 'tanh',
  title: 'Tanh',
  description: 'Squashes to (−s, s) as s·tanh(x): the usual last layer of an image generator, or a code kept inside its prior’s range.',
  params: {
    // Optional, not defaulted: a default would be written into every parsed tanh layer.
    scale: z
      .number()
      .positive()
      .max(1000)
      .optional()
      .meta({ label: 'scale s', initial: 1, help: 'Output range (−s, s): 1 for images in −1..1 and U(−1, 1) codes; e.g. 3 keeps a code near an N(0, 1) prior.' }),
  },
  infer: 'same',
  outputRange: (l) => [-(l.scale ?? 1), l.scale ?? 1],
});
