import { z } from 'zod';
import { defineLayer, needImage } from './define';

export const unetBlock = defineLayer({
  type: 'unetBlock',
  title: 'U-Net block',
  description: 'Downsamples depth times and upsamples back, with skip connections at each scale.',
  params: {
    filters: z.number().int().min(1).max(512).meta({ help: 'Channels at the finest scale (doubling per level).', initial: 32 }),
    depth: z.number().int().min(1).max(5).default(2).meta({ help: 'Number of down/up levels.' }),
  },
  scaled: 'filters',
  infer(input, u) {
    const [h, w] = needImage(input, 'U-Net block');
    const m = 2 ** u.depth;
    if (h % m !== 0 || w % m !== 0) throw new Error(`U-Net block of depth ${u.depth} needs sizes divisible by ${m}, gets ${h}×${w}`);
    return [h, w, u.filters];
  },
  weights(input, block) {
    const ch = unetChannels(block);
    let total = 9 * input[2] * ch[0] + ch[0];
    for (let i = 1; i < ch.length; i++) total += 16 * ch[i - 1] * ch[i] + ch[i]; // 4×4 stride-2 down
    for (let i = ch.length - 1; i > 0; i--) {
      total += 16 * ch[i] * ch[i - 1] + ch[i - 1]; // 4×4 stride-2 up
      total += 9 * 2 * ch[i - 1] * ch[i - 1] + ch[i - 1]; // 3×3 after the skip concat
    }
    return total;
  },
});

/** Channel widths per U-Net level, shared with the engine so weights and shapes agree. */
export function unetChannels(block: { readonly filters: number; readonly depth: number; readonly [other: string]: unknown }): number[] {
  return Array.from({ length: block.depth + 1 }, (_, i) => block.filters * 2 ** i);
}
