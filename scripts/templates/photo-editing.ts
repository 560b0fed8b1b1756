import { adam, makeTemplate, phase } from './builder';
import { convEncoder, dcganDiscriminator32, dcganGenerator32 } from './layers';

const Z = 64;

export default makeTemplate({
  id: 'photo-editing',
  title: 'Intelligent photo editing on faces',
  description: 'A face GAN plus an encoder back to z: edit a photo by moving its code along attribute directions.',
  view: 'photo-editing',
  roles: { data: 'x', encoder: 'E', generator: 'G', code: { node: 'G', input: 'x' }, judge: 'D_fake' },
  lesson: `
To edit a photo with a GAN, first find the code z whose image G(z) is the photo. Three ways:

1. gradient descent on z for \`‖G(z) − x‖²\`;
2. an **encoder** E trained (with G frozen) so that G(E(x)) ≈ x;
3. E(x) as the starting point of (1) — usually the best.

Then edit in z: the **attribute vector** for, say, long hair is the mean code of long-haired faces
minus that of short-haired ones; z + α·v adds long hair. For a brush, solve
\`min_z U(G(z)) + λ1‖z − z0‖² − λ2·D(G(z))\`: fit the strokes, stay near the original, stay realistic.

Phases: the GAN trains as usual (D, then G); the encoder phase updates E only, through G's weights.
`,
  build: (g) => {
    g.node('x', 'Dataset', [0, 0], { name: 'faces', range: '-1..1' }, 'faces');
    g.node('z', 'Noise', [0, 2], { dim: Z }, 'z');
    g.node('G', 'Generator', [1, 2], { layers: dcganGenerator32() }, 'G');
    g.wire('z.z', 'G.x');
    g.node('D', 'Discriminator', [2, 0], { layers: dcganDiscriminator32('Dl') }, 'D (real)');
    g.node('D_fake', 'Discriminator', [2, 2], {}, 'D (fake)');
    g.share('D', 'D_fake');
    g.wire('x.x', 'D.x');
    g.wire('G.out', 'D_fake.x');
    g.node('L_real', 'AdversarialLoss', [3, 0], { target: 'real' }, 'real → 1');
    g.node('L_fake', 'AdversarialLoss', [3, 1], { target: 'fake' }, 'fake → 0');
    g.node('L_G', 'AdversarialLoss', [3, 2], { target: 'real' }, 'G: fake → 1');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D_fake.out', 'L_G.logits');
    g.node('E', 'Encoder', [1, 4], { layers: convEncoder(Z) }, 'E');
    g.wire('x.x', 'E.x');
    g.node('G_rec', 'Generator', [2, 4], {}, 'G (from E(x))');
    g.share('G', 'G_rec');
    g.wire('E.out', 'G_rec.x');
    g.node('L_rec', 'ReconstructionLoss', [3, 4], { metric: 'l2' }, '‖G(E(x)) − x‖²');
    g.wire('G_rec.out', 'L_rec.prediction');
    g.wire('x.x', 'L_rec.target');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
    phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(2e-4) }),
    // G runs on its moving statistics here: with batch statistics its BatchNorm would normalise
    // away the scale of E's codes (they grew to ‖E(x)‖ ≈ 39 against the prior's 8), and the encoder's
    // batches would move G's averages.
    phase({ id: 'e', name: 'Encoder step (G frozen)', terms: ['L_rec'], updates: ['E'], optimizer: adam(1e-3, 0.9), batchNorm: { G: 'moving' } }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 32, steps: 2000 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
});
