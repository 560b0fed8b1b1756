import { adam, makeTemplate, phase } from './builder';
import { mlp, relu } from './layers';

export default makeTemplate({
  id: 'gan-2d',
  title: 'GAN on a 2-D mixture',
  description: 'The hello-world of GANs: a generator learns to place points on a ring of eight Gaussians.',
  view: 'gan-2d',
  roles: { data: 'data', generator: 'G', judge: 'D' },
  lesson: `
A **generator** G turns random noise z into points; a **discriminator** D scores points as real
(from the ring of eight Gaussians) or fake (from G). Training alternates two phases:

1. **D step** — D learns to tell real from fake: \`BCE(D(x), 1) + BCE(D(G(z)), 0)\`. Only D's weights change.
2. **G step** — G learns to fool D: \`BCE(D(G(z)), 1)\`. Only G's weights change; D is the judge.

Watch the decision surface: D's score is high where real points are. G's points move uphill on it,
and D redraws it. When it works, generated points cover all eight modes; when it fails, they
collapse onto a few (mode collapse). Try more D repeats, other learning rates, or a smaller z.
`,
  build: (g) => {
    g.node('data', 'Dataset', [0, 0], { name: 'ring8' }, 'ring of 8');
    g.node('z', 'Noise', [0, 2], { dim: 8, distribution: 'normal' }, 'z');
    g.node('G', 'Generator', [1, 2], { layers: mlp([256, 256], 2, relu) }, 'G');
    g.node('D', 'Discriminator', [2, 0], { layers: mlp([256, 256], 1) }, 'D (real)');
    g.node('D_fake', 'Discriminator', [2, 2], {}, 'D (fake)');
    g.share('D', 'D_fake');
    g.wire('data.x', 'D.x');
    g.wire('z.z', 'G.x');
    g.wire('G.out', 'D_fake.x');
    g.node('L_real', 'AdversarialLoss', [3, 0], { target: 'real' }, 'real → 1');
    g.node('L_fake', 'AdversarialLoss', [3, 1], { target: 'fake' }, 'fake → 0');
    g.node('L_G', 'AdversarialLoss', [3, 2], { target: 'real' }, 'G: fake → 1');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D_fake.out', 'L_G.logits');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(1e-3) }),
    phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(1e-3) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 1, batchSize: 128, steps: 2000 },
    full: { width: 2, batchSize: 256, steps: 10000 },
  },
});
