import { z } from 'zod';
import { defineLayer } from './define';

export const reshape = defineLayer({
  type: 'reshape',
  title: 'Reshape',
  description: 'Rearranges values into a new shape; one dimension may be −1 (inferred).',
  params: {
    shape: z.array(z.number().int().min(-1).max(65_536)).min(1).max(3).meta({ help: 'Target shape, e.g. 7, 7, −1.', initial: [7, 7, -1] }),
  },
  infer(input, { shape }) {
    const total = input.reduce((p, d) => p * d, 1);
    const unknown = shape.filter((d) => d === -1).length;
    if (unknown > 1) throw new Error('Reshape can infer only one dimension (−1)');
    if (shape.some((d) => d === 0 || d < -1)) throw new Error(`Reshape sizes must be positive or −1, not ${shape.join(', ')}`);
    const known = shape.filter((d) => d > 0).reduce((p, d) => p * d, 1);
    if (unknown === 1) {
      if (total % known !== 0) throw new Error(`Reshape cannot arrange ${total} values as ${shape.map((d) => (d === -1 ? '?' : d)).join('×')}`);
      return shape.map((d) => (d === -1 ? total / known : d));
    }
    if (known !== total) throw new Error(`Reshape cannot arrange ${total} values as ${shape.join('×')} (${known})`);
    if (shape.length !== 1 && shape.length !== 3) throw new Error('Reshape must give a vector (n) or an image (H, W, C)');
    return [...shape];
  },
});
