import { adam, makeTemplate, phase, variant } from './builder';
import { dcganDiscriminator32, relu } from './layers';
import type { Layer } from '../../src/graph/layers';

const residual: Layer = { type: 'residualBlock', kernel: 3 };
const generator: Layer[] = [
  { type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu,
  residual, residual, residual, residual,
  { type: 'upsample', factor: 2, method: 'nearest' },
  { type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu,
  { type: 'upsample', factor: 2, method: 'nearest' },
  { type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu,
  { type: 'conv2d', filters: 3, kernel: 3, stride: 1, padding: 'same' },
  { type: 'tanh' },
];

const gStep = (terms: (string | { loss: string; weight: number })[]) =>
  phase({ id: 'g', name: 'G step', terms, updates: ['G'], optimizer: adam(2e-4, 0.9) });

export default makeTemplate({
  id: 'super-resolution',
  title: 'Super-resolution ×4 (SRGAN)',
  description: 'Restores 8×8 faces to 32×32; a small adversarial term makes the details sharp instead of smooth.',
  view: 'super-resolution',
  roles: { data: 'x', lowRes: { node: 'deg', port: 'lr' }, highRes: { node: 'deg', port: 'hr' }, upscaler: 'G', judge: 'D' },
  lesson: `
Low-resolution images are made by shrinking high-resolution ones (↓4). A generator of residual
conv blocks and upsampling learns the way back.

Trained with a **pixel loss** only, it predicts the average of all plausible details: high PSNR,
but smooth. Adding a small **adversarial** term (10⁻³) makes a discriminator push the output
towards the look of real faces: sharper, with invented detail — and a lower PSNR. The lecture shows
four panels: bicubic, pixel-loss network, GAN, original. The **pixel loss** variant is one click away.
`,
  build: (g) => {
    g.node('x', 'Dataset', [0, 1], { name: 'faces', range: '-1..1' }, 'faces 32×32');
    g.node('deg', 'Degrade', [1, 1], { factor: 4, method: 'bicubic' }, '↓4');
    g.wire('x.x', 'deg.x');
    g.node('G', 'Generator', [2, 2], { layers: generator }, 'G (SR)');
    g.wire('deg.lr', 'G.x');
    g.node('L_pix', 'ReconstructionLoss', [3, 2], { metric: 'l2' }, 'pixel loss');
    g.wire('G.out', 'L_pix.prediction');
    g.wire('deg.hr', 'L_pix.target');
    g.node('D', 'Discriminator', [3, 0], { layers: dcganDiscriminator32('Dl') }, 'D (HR)');
    g.node('D_fake', 'Discriminator', [3, 1], {}, 'D (SR)');
    g.share('D', 'D_fake');
    g.wire('deg.hr', 'D.x');
    g.wire('G.out', 'D_fake.x');
    g.node('L_real', 'AdversarialLoss', [4, 0], { target: 'real' }, 'HR → 1');
    g.node('L_fake', 'AdversarialLoss', [4, 1], { target: 'fake' }, 'SR → 0');
    g.node('L_adv', 'AdversarialLoss', [4, 2], { target: 'real', weight: 1e-3 }, 'G: SR → 1 (×10⁻³)');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D_fake.out', 'L_adv.logits');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
    gStep(['L_pix', 'L_adv']),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.5, batchSize: 16, steps: 1500 },
    full: { width: 1, batchSize: 32, steps: 20000 },
  },
  variants: [
    variant('pixel-loss', 'pixel loss only', 'The same generator trained with the pixel loss alone (SRResNet).', {
      remove: ['D', 'D_fake', 'L_real', 'L_fake', 'L_adv'],
      phases: [gStep(['L_pix'])],
    }),
  ],
});
