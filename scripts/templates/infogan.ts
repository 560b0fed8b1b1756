import { adam, makeTemplate, phase } from './builder';
import { bn, dcganDiscriminator28, dcganGenerator28, lrelu } from './layers';

export default makeTemplate({
  id: 'infogan',
  title: 'InfoGAN on MNIST',
  description: 'Splits the generator’s input into noise and codes, and makes the codes mean something by recovering them.',
  view: 'infogan',
  roles: { data: 'x', generator: 'G', noise: 'z', category: 'c1', continuous: 'c23', recognizer: { node: 'q', port: 'out0' } },
  lesson: `
In a plain GAN, no single input dimension has a clear meaning. **InfoGAN** splits the input into
noise z and a code c — here a categorical c1 (10 values) and two continuous c2, c3 — and adds a
network **Q** that must recover c from the generated image. G and Q form an "autoencoder" in
reverse: code → image → code. Without the discriminator, G could simply paint c into the picture;
D keeps the pictures looking like digits.

Q and D read the image with **one shared trunk**: Q is a head on D's features, so the trunk's
weights are one set of variables (the Head node on D's \`features\` port).

- D phase: \`BCE(D(x),1) + BCE(D(G),0) + λ·L_I\` updates D's trunk and head and Q's head.
- G phase: \`BCE(D(G),1) + λ·L_I\` updates G.
- \`L_I = CE(Q_c1(G), c1) + λ_cont·‖Q_c23(G) − c23‖²\` — the mutual-information term.

After training, fix c1 per row and sweep c2 along a row: each row should be one digit, and c2
should change something like slant or width. The metric is how well c1 matches the true digit
(after the best one-to-one mapping of categories to digits).
`,
  build: (g) => {
    g.node('x', 'Dataset', [2, 0], { name: 'mnist', range: '-1..1' }, 'MNIST');
    g.node('z', 'Noise', [0, 1], { dim: 62, distribution: 'normal' }, 'z');
    g.node('c1', 'CategoricalCode', [0, 2], { k: 10 }, 'c1');
    g.node('c23', 'ContinuousCode', [0, 3], { dim: 2, min: -1, max: 1 }, 'c2, c3');
    g.node('zc', 'Concat', [1, 2], {}, 'z ⊕ c');
    g.wire('z.z', 'zc.a');
    g.wire('c1.c', 'zc.b');
    g.wire('c23.c', 'zc.c');
    g.node('G', 'Generator', [2, 2], { layers: dcganGenerator28(1) }, 'G');
    g.wire('zc.out', 'G.x');
    g.node('D', 'Discriminator', [3, 0], { layers: dcganDiscriminator28('trunk'), featuresAt: 'trunk' }, 'D (real)');
    g.node('D_fake', 'Discriminator', [3, 2], {}, 'D (fake)');
    g.share('D', 'D_fake');
    g.wire('x.x', 'D.x');
    g.wire('G.out', 'D_fake.x');
    g.node('Q', 'Head', [4, 3], { layers: [{ type: 'dense', units: 128 }, bn, lrelu, { type: 'dense', units: 12 }], outputKind: 'logits' }, 'Q');
    g.wire('D_fake.features', 'Q.features');
    g.node('q', 'Split', [5, 3], { sizes: [10, 2] }, 'Q → c1, c23');
    g.wire('Q.out', 'q.x');
    g.node('L_real', 'AdversarialLoss', [5, 0], { target: 'real' }, 'real → 1');
    g.node('L_fake', 'AdversarialLoss', [5, 1], { target: 'fake' }, 'fake → 0');
    g.node('L_G', 'AdversarialLoss', [5, 2], { target: 'real' }, 'G: fake → 1');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D_fake.out', 'L_G.logits');
    g.node('L_c1', 'CrossEntropy', [6, 3], {}, 'L_I: c1');
    g.node('L_c23', 'CodeRegression', [6, 4], { weight: 0.1 }, 'L_I: c2, c3');
    g.wire('q.out0', 'L_c1.logits');
    g.wire('c1.c', 'L_c1.labels');
    g.wire('q.out1', 'L_c23.prediction');
    g.wire('c23.c', 'L_c23.code');
  },
  phases: [
    phase({ id: 'd', name: 'D and Q step', terms: ['L_real', 'L_fake', 'L_c1', 'L_c23'], updates: ['D', 'Q'], optimizer: adam(2e-4) }),
    phase({ id: 'g', name: 'G step', terms: ['L_G', 'L_c1', 'L_c23'], updates: ['G'], optimizer: adam(1e-3) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 64, steps: 10000 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
});
