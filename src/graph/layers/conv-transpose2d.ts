import { z } from 'zod';
import { convTransposeOut, defineLayer, needImage, padding } from './define';

export const convTranspose2d = defineLayer({
  type: 'convTranspose2d',
  title: 'ConvTranspose2D',
  description: 'A learned upsampling: the transpose of a strided convolution.',
  params: {
    filters: z.number().int().min(1).max(2_048).meta({ help: 'Output channels.', initial: 64 }),
    kernel: z.number().int().min(1).max(15).default(4).meta({ help: 'Filter size in pixels.' }),
    stride: z.number().int().min(1).max(8).default(2).meta({ help: 'Upsampling factor.' }),
    padding: padding.default('same').meta({ help: '"same" gives size×stride.' }),
  },
  scaled: 'filters',
  infer(input, c) {
    const [h, w] = needImage(input, 'ConvTranspose2D');
    return [convTransposeOut(h, c.kernel, c.stride, c.padding), convTransposeOut(w, c.kernel, c.stride, c.padding), c.filters];
  },
  weights: (input, c) => c.kernel * c.kernel * input[2] * c.filters + c.filters,
});
