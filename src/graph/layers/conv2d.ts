import { z } from 'zod';
import { convOut, defineLayer, needImage, padding } from './define';

export const conv2d = defineLayer({
  type: 'conv2d',
  title: 'Conv2D',
  description: 'Slides learned filters over the image.',
  params: {
    filters: z.number().int().min(1).max(2_048).meta({ help: 'Output channels.', initial: 64 }),
    kernel: z.number().int().min(1).max(15).default(4).meta({ help: 'Filter size in pixels.' }),
    stride: z.number().int().min(1).max(8).default(2).meta({ help: 'Step between filter positions; 2 halves the size.' }),
    padding: padding.default('same').meta({ help: '"same" keeps size/stride; "valid" uses only full windows.' }),
    // Optional, not defaulted: a default would be written into every parsed layer (and change old plans).
    spectralNorm: z.boolean().optional().meta({
      label: 'spectral norm',
      initial: false,
      help: 'Divide the kernel by its largest singular value (one power-iteration step per training step): keeps a discriminator’s slope bounded.',
    }),
  },
  scaled: 'filters',
  infer(input, c) {
    const [h, w] = needImage(input, 'Conv2D');
    const oh = convOut(h, c.kernel, c.stride, c.padding);
    const ow = convOut(w, c.kernel, c.stride, c.padding);
    if (oh < 1 || ow < 1) throw new Error(`Conv2D with kernel ${c.kernel} does not fit an image ${input.join('×')}`);
    return [oh, ow, c.filters];
  },
  weights: (input, c) => c.kernel * c.kernel * input[2] * c.filters + c.filters,
});
