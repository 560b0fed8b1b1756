/**
 * Network presets: layer stacks made to fit an input and a wanted output. The inspector offers
 * them; the result is an ordinary editable stack in the document.
 */
import type { Layer } from './layers';

export interface PresetRequest {
  /** Input dims (without batch): [n] or [H, W, C]. */
  input: number[];
  /** Wanted output dims: [n] or [H, W, C]. */
  output: number[];
  /** Use a final tanh (image generators) or leave logits/codes linear. */
  squash?: 'tanh' | 'sigmoid' | 'none';
}

export interface NetworkPreset {
  id: string;
  title: string;
  description: string;
  build(req: PresetRequest): Layer[];
}

const lrelu: Layer = { type: 'leakyRelu', alpha: 0.2 };
const relu: Layer = { type: 'relu' };
const bn: Layer = { type: 'batchNorm', momentum: 0.9 };
const squashLayer = (s: PresetRequest['squash']): Layer[] => (s === 'tanh' ? [{ type: 'tanh' }] : s === 'sigmoid' ? [{ type: 'sigmoid' }] : []);
const prod = (dims: number[]) => dims.reduce((p, d) => p * d, 1);

/** How many stride-2 halvings take `size` down to at least 4 while staying whole. */
function halvings(h: number, w: number, max = 3): number {
  let n = 0;
  while (n < max && h % 2 === 0 && w % 2 === 0 && h / 2 >= 4) {
    h /= 2;
    w /= 2;
    n++;
  }
  return n;
}

export const NETWORK_PRESETS: NetworkPreset[] = [
  {
    id: 'mlp',
    title: 'MLP',
    description: 'Two hidden dense layers; flattens images and reshapes image outputs.',
    build: ({ input, output, squash }) => {
      const layers: Layer[] = input.length === 3 ? [{ type: 'flatten' }] : [];
      layers.push({ type: 'dense', units: 256 }, lrelu, { type: 'dense', units: 256 }, lrelu, { type: 'dense', units: prod(output) });
      if (output.length === 3) layers.push({ type: 'reshape', shape: [...output] });
      return [...layers, ...squashLayer(squash)];
    },
  },
  {
    id: 'dcgan',
    title: 'DCGAN',
    description: 'Strided convolutions down (images in) or transposed convolutions up (images out).',
    build: ({ input, output, squash }) => {
      const layers: Layer[] = [];
      let filters = 64;
      if (input.length === 3) {
        const n = halvings(input[0], input[1]);
        for (let i = 0; i < n; i++) {
          layers.push({ type: 'conv2d', filters, kernel: 4, stride: 2, padding: 'same' });
          if (i > 0) layers.push(bn);
          layers.push(lrelu);
          filters *= 2;
        }
        layers.push({ type: 'flatten' });
      }
      if (output.length === 3) {
        const [h, w, c] = output;
        const n = halvings(h, w);
        const f = 2 ** n;
        let ch = 64 * 2 ** Math.max(0, n - 1);
        layers.push({ type: 'dense', units: (h / f) * (w / f) * ch }, bn, relu, { type: 'reshape', shape: [h / f, w / f, -1] });
        for (let i = 0; i < n; i++) {
          const last = i === n - 1;
          layers.push({ type: 'convTranspose2d', filters: last ? c : (ch = ch / 2), kernel: 4, stride: 2, padding: 'same' });
          if (!last) layers.push(bn, relu);
        }
        if (n === 0) layers.push({ type: 'conv2d', filters: c, kernel: 3, stride: 1, padding: 'same' });
      } else {
        layers.push({ type: 'dense', units: 256 }, lrelu, { type: 'dense', units: prod(output) });
      }
      return [...layers, ...squashLayer(squash)];
    },
  },
  {
    id: 'residual-sr',
    title: 'Residual SR',
    description: 'Residual conv blocks, then ×2 upsampling steps up to the output size (super-resolution).',
    build: ({ input, output, squash }) => {
      const layers: Layer[] = [{ type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu];
      for (let i = 0; i < 4; i++) layers.push({ type: 'residualBlock', kernel: 3 });
      let size = input[0];
      while (output.length === 3 && size * 2 <= output[0]) {
        layers.push({ type: 'upsample', factor: 2, method: 'nearest' }, { type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu);
        size *= 2;
      }
      layers.push({ type: 'conv2d', filters: output[output.length - 1], kernel: 3, stride: 1, padding: 'same' });
      return [...layers, ...squashLayer(squash)];
    },
  },
  {
    id: 'unet',
    title: 'Small U-Net',
    description: 'Down and up again with skip connections: keeps the image size (inpainting, image-to-image).',
    build: ({ input, output, squash }) => [
      { type: 'unetBlock', filters: 32, depth: Math.max(1, halvings(input[0], input[1], 3)) },
      { type: 'conv2d', filters: output[output.length - 1], kernel: 3, stride: 1, padding: 'same' },
      ...squashLayer(squash),
    ],
  },
];
