import { adam, makeTemplate, phase, variant } from './builder';
import { convEncoder, dcganDiscriminator32, dcganGenerator32 } from './layers';

const Z = 64;

export default makeTemplate({
  id: 'vae-gan',
  title: 'VAE-GAN on faces',
  description: 'A VAE whose reconstructions are judged by a discriminator’s features instead of pixels — sharper faces.',
  view: 'vae-gan',
  roles: { data: 'x', posterior: 'rep', decoder: 'G', prior: 'G_p', judge: 'D' },
  lesson: `
A **VAE** encodes x into a Gaussian q(z|x), samples z = μ + σ·ε, and decodes x̃ = G(z). Trained
with a pixel loss it gives blurry pictures: averaging plausible faces minimises squared error.

**VAE-GAN** measures the reconstruction in the feature space of a discriminator layer D_l instead:
\`L_llike = ‖D_l(x) − D_l(x̃)‖²\`, and adds a GAN that judges x, x̃ and G(z_p) for z_p from the prior.

- Encoder phase: \`L_prior + L_llike\` — no adversarial term reaches E.
- Generator phase: \`γ·L_llike + (fool D on x̃ and on G(z_p))\`.
- Discriminator phase: \`BCE(D(x),1) + BCE(D(x̃),0) + BCE(D(G(z_p)),0)\` — no reconstruction term.

Compare with the **plain VAE** variant (one click): input | plain VAE | VAE-GAN side by side.
The VAE-GAN's reconstructions should be sharper at a similar reconstruction error.
`,
  build: (g) => {
    g.node('x', 'Dataset', [0, 1], { name: 'faces', range: '-1..1' }, 'faces');
    g.node('E', 'Encoder', [1, 1], { layers: convEncoder(2 * Z) }, 'E');
    g.wire('x.x', 'E.x');
    g.node('musig', 'Split', [2, 1], { sizes: [Z, Z] }, 'μ, log σ²');
    g.wire('E.out', 'musig.x');
    g.node('rep', 'Reparameterize', [3, 1], {}, 'z ~ q(z|x)');
    g.wire('musig.out0', 'rep.mu');
    g.wire('musig.out1', 'rep.logvar');
    g.node('G', 'Generator', [4, 1], { layers: dcganGenerator32() }, 'G (decoder)');
    g.wire('rep.z', 'G.x');
    g.node('zp', 'Noise', [3, 3], { dim: Z }, 'z_p ~ N(0, 1)');
    g.node('G_p', 'Generator', [4, 3], {}, 'G (prior)');
    g.share('G', 'G_p');
    g.wire('zp.z', 'G_p.x');
    g.node('D', 'Discriminator', [5, 0], { layers: dcganDiscriminator32('Dl'), featuresAt: 'Dl' }, 'D (real)');
    g.node('D_rec', 'Discriminator', [5, 1], {}, 'D (x̃)');
    g.node('D_p', 'Discriminator', [5, 3], {}, 'D (prior)');
    g.share('D', 'D_rec');
    g.share('D', 'D_p');
    g.wire('x.x', 'D.x');
    g.wire('G.out', 'D_rec.x');
    g.wire('G_p.out', 'D_p.x');
    g.node('L_prior', 'KLNormal', [3, 2], { weight: 0.01 }, 'L_prior');
    g.wire('musig.out0', 'L_prior.mu');
    g.wire('musig.out1', 'L_prior.logvar');
    g.node('L_llike', 'FeatureMatching', [6, 1], {}, 'L_llike: ‖D_l(x) − D_l(x̃)‖²');
    g.wire('D.features', 'L_llike.a');
    g.wire('D_rec.features', 'L_llike.b');
    g.node('L_real', 'AdversarialLoss', [6, 0], { target: 'real' }, 'x → 1');
    g.node('L_rec_fake', 'AdversarialLoss', [6, 2], { target: 'fake' }, 'x̃ → 0');
    g.node('L_p_fake', 'AdversarialLoss', [6, 3], { target: 'fake' }, 'G(z_p) → 0');
    g.node('L_G_rec', 'AdversarialLoss', [7, 2], { target: 'real' }, 'G: x̃ → 1');
    g.node('L_G_p', 'AdversarialLoss', [7, 3], { target: 'real' }, 'G: G(z_p) → 1');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_rec.out', 'L_rec_fake.logits');
    g.wire('D_p.out', 'L_p_fake.logits');
    g.wire('D_rec.out', 'L_G_rec.logits');
    g.wire('D_p.out', 'L_G_p.logits');
  },
  phases: [
    phase({ id: 'e', name: 'Encoder step', terms: ['L_prior', 'L_llike'], updates: ['E'], optimizer: adam(3e-4) }),
    phase({ id: 'g', name: 'Generator step', terms: [{ loss: 'L_llike', weight: 0.1 }, 'L_G_rec', 'L_G_p'], updates: ['G'], optimizer: adam(3e-4) }),
    phase({ id: 'd', name: 'Discriminator step', terms: ['L_real', 'L_rec_fake', 'L_p_fake'], updates: ['D'], optimizer: adam(3e-4) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 32, steps: 1200 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
  variants: [
    variant('plain-vae', 'plain VAE', 'The same encoder and decoder trained with a pixel loss only: no discriminator.', {
      remove: ['zp', 'G_p', 'D', 'D_rec', 'D_p', 'L_llike', 'L_real', 'L_rec_fake', 'L_p_fake', 'L_G_rec', 'L_G_p'],
      add: (g) => {
        g.node('L_pixel', 'ReconstructionLoss', [5, 1], { metric: 'l2' }, 'L_pixel: ‖x − x̃‖²');
        g.wire('G.out', 'L_pixel.prediction');
        g.wire('x.x', 'L_pixel.target');
      },
      phases: [phase({ id: 'vae', name: 'VAE step', terms: ['L_prior', 'L_pixel'], updates: ['E', 'G'], optimizer: adam(3e-4) })],
    }),
  ],
});
