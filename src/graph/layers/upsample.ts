import { z } from 'zod';
import { defineLayer, needImage } from './define';

export const upsample = defineLayer({
  type: 'upsample',
  title: 'Upsample',
  description: 'Enlarges the image by repeating (nearest) or interpolating (bilinear) pixels.',
  params: {
    factor: z.number().int().min(1).max(8).default(2).meta({ help: 'Scale factor.' }),
    method: z.enum(['nearest', 'bilinear']).default('nearest').meta({ help: 'Interpolation.' }),
  },
  infer(input, l) {
    const [h, w, c] = needImage(input, 'Upsample');
    return [h * l.factor, w * l.factor, c];
  },
});
