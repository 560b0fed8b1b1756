import { adam, makeTemplate, phase, variant } from './builder';
import { convEncoder, dcganGenerator28, mlp } from './layers';

export default makeTemplate({
  id: 'bigan',
  title: 'BiGAN on MNIST',
  description: 'Learns an encoder alongside the generator by letting the discriminator judge (image, code) pairs.',
  view: 'bigan',
  roles: { data: 'x', encoder: 'E', generator: 'G', code: { node: 'G', input: 'x' } },
  lesson: `
A GAN maps z → x but gives no way back. **BiGAN** trains an encoder E: x → z at the same time.
The discriminator sees **pairs**: a real image with its encoding (x, E(x)), or a generated image
with the code it came from (G(z), z). It cannot tell them apart only when E inverts G.

- D phase: real pair → 1, generated pair → 0.
- E and G phase: the flipped targets.

E and G never see each other's outputs directly, yet G(E(x)) ends up resembling x: "a bird in,
another bird out" — the same class, not the same picture. Compare with an autoencoder, which
copies x but blurrily. Metrics: how often x and G(E(x)) get the same class from a reference
classifier, and the 1-NN accuracy of E(x) features (next to an untrained encoder's).
`,
  build: (g) => {
    g.node('x', 'Dataset', [0, 0], { name: 'mnist', range: '-1..1' }, 'MNIST');
    g.node('z', 'Noise', [0, 2], { dim: 50, distribution: 'uniform' }, 'z');
    // tanh keeps E(x) inside z's support (−1, 1): with a linear output most codes fell outside it
    // and D told real pairs from generated ones by the codes' size alone.
    g.node('E', 'Encoder', [1, 0], { layers: [...convEncoder(50, 64, 2), { type: 'tanh' }] }, 'E');
    g.node('G', 'Generator', [1, 2], { layers: dcganGenerator28(1) }, 'G');
    g.wire('x.x', 'E.x');
    g.wire('z.z', 'G.x');
    g.node('P_real', 'Pair', [2, 0], { mode: 'flatten' }, '(x, E(x))');
    g.node('P_fake', 'Pair', [2, 2], { mode: 'flatten' }, '(G(z), z)');
    g.wire('x.x', 'P_real.x');
    g.wire('E.out', 'P_real.y');
    g.wire('G.out', 'P_fake.x');
    g.wire('z.z', 'P_fake.y');
    g.node('D', 'Discriminator', [3, 0], { layers: [...mlp([1024, 512], 1)] }, 'D (real pair)');
    g.node('D_fake', 'Discriminator', [3, 2], {}, 'D (generated pair)');
    g.share('D', 'D_fake');
    g.wire('P_real.pair', 'D.x');
    g.wire('P_fake.pair', 'D_fake.x');
    g.node('L_real', 'AdversarialLoss', [4, 0], { target: 'real' }, 'real pair → 1');
    g.node('L_fake', 'AdversarialLoss', [4, 1], { target: 'fake' }, 'generated pair → 0');
    g.node('L_E', 'AdversarialLoss', [4, 2], { target: 'fake' }, 'E: real pair → 0');
    g.node('L_G', 'AdversarialLoss', [4, 3], { target: 'real' }, 'G: generated pair → 1');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D.out', 'L_E.logits');
    g.wire('D_fake.out', 'L_G.logits');
    // The latent regressor: E applied to G's pictures must give back their codes.
    g.node('E_G', 'Encoder', [3, 4], {}, 'E (on G(z))');
    g.share('E', 'E_G');
    g.wire('G.out', 'E_G.x');
    g.node('L_z', 'CodeRegression', [4, 4], { weight: 1 }, '‖E(G(z)) − z‖²');
    g.wire('E_G.out', 'L_z.prediction');
    g.wire('z.z', 'L_z.code');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
    phase({ id: 'eg', name: 'E and G step', terms: ['L_E', 'L_G', 'L_z'], updates: ['E', 'G'], optimizer: adam(2e-4) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 64, steps: 5000 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
  variants: [
    variant('pure', 'pure BiGAN', 'Without the latent regressor: only D’s judgement of (x, z) pairs ties E to G. At this size G(E(x)) rarely keeps the digit.', {
      remove: ['E_G', 'L_z'],
      phases: [
        phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
        phase({ id: 'eg', name: 'E and G step', terms: ['L_E', 'L_G'], updates: ['E', 'G'], optimizer: adam(2e-4) }),
      ],
    }),
    variant('autoencoder', 'autoencoder', 'The same E and G wired x → E → G and trained to copy x with a pixel loss: no discriminator, no noise.', {
      remove: ['z', 'P_real', 'P_fake', 'D', 'D_fake', 'L_real', 'L_fake', 'L_E', 'L_G', 'E_G', 'L_z'],
      add: (g) => {
        g.wire('E.out', 'G.x');
        g.node('L_rec', 'ReconstructionLoss', [2, 1], { metric: 'l2' }, '‖G(E(x)) − x‖²');
        g.wire('G.out', 'L_rec.prediction');
        g.wire('x.x', 'L_rec.target');
      },
      phases: [phase({ id: 'ae', name: 'E and G step', terms: ['L_rec'], updates: ['E', 'G'], optimizer: adam(1e-3) })],
    }),
  ],
});
