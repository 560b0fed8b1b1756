import { adam, makeTemplate, phase, variant } from './builder';
import { dcganGenerator28, lrelu, mlp } from './layers';
import type { Layer } from '../../src/graph/layers';

const classifier: Layer[] = [
  { type: 'conv2d', filters: 32, kernel: 3, stride: 1, padding: 'same' }, lrelu,
  { type: 'conv2d', filters: 64, kernel: 4, stride: 2, padding: 'same' }, lrelu,
  { type: 'conv2d', filters: 128, kernel: 4, stride: 2, padding: 'same' }, lrelu,
  { type: 'flatten' },
  { type: 'dropout', rate: 0.3 },
  { type: 'dense', units: 10 },
];

export default makeTemplate({
  id: 'triple-gan',
  title: 'Triple-GAN on MNIST with 100 labels',
  description: 'A classifier, a conditional generator and a pair discriminator help each other learn from 100 labels.',
  view: 'triple-gan',
  roles: { data: { node: 'sub', port: 'x_labelled' }, classifier: 'C', generator: 'G', label: 'y' },
  lesson: `
With only **100 labelled digits** (10 per class), a classifier alone overfits. **Triple-GAN** has
three players:

- a classifier C(x) → p(y|x),
- a conditional generator G(z, y) → x,
- a discriminator D(x, y) that judges **pairs**.

D accepts labelled real pairs and rejects generated pairs (G(z,y), y) and pseudo-labelled pairs
(x_u, C(x_u)), the two fake terms weighted α and 1−α. G tries to make D accept its pairs. C learns
from the 100 labels, tries to make D accept its labelled unlabelled images, and learns to classify
G's images as the y they were made for.

View: samples with one row per class, and the classifier's confusion matrix next to the same
classifier trained on the 100 labels alone (the **classifier only** variant).
`,
  build: (g) => {
    g.node('sub', 'LabelledSubset', [0, 1], { dataset: 'mnist', perClass: 10, range: '-1..1' }, '100 labels');
    g.node('z', 'Noise', [0, 3], { dim: 100 }, 'z');
    g.node('y', 'CategoricalCode', [0, 4], { k: 10 }, 'y');
    g.node('zy', 'Concat', [1, 3], {}, 'z ⊕ y');
    g.wire('z.z', 'zy.a');
    g.wire('y.c', 'zy.b');
    g.node('G', 'Generator', [2, 3], { layers: dcganGenerator28(1, 512, 64) }, 'G');
    g.wire('zy.out', 'G.x');
    g.node('C', 'Classifier', [1, 0], { layers: classifier }, 'C (labelled)');
    g.node('C_u', 'Classifier', [1, 2], {}, 'C (unlabelled)');
    g.node('C_g', 'Classifier', [3, 4], {}, 'C (generated)');
    g.share('C', 'C_u');
    g.share('C', 'C_g');
    g.wire('sub.x_labelled', 'C.x');
    g.wire('sub.x_unlabelled', 'C_u.x');
    g.wire('G.out', 'C_g.x');
    g.node('P_l', 'Pair', [3, 0], {}, '(x_l, y_l)');
    g.node('P_u', 'Pair', [3, 2], {}, '(x_u, C(x_u))');
    g.node('P_g', 'Pair', [3, 3], {}, '(G(z,y), y)');
    g.wire('sub.x_labelled', 'P_l.x');
    g.wire('sub.label', 'P_l.y');
    g.wire('sub.x_unlabelled', 'P_u.x');
    g.wire('C_u.out', 'P_u.y');
    g.wire('G.out', 'P_g.x');
    g.wire('y.c', 'P_g.y');
    g.node('D', 'Discriminator', [4, 0], { layers: mlp([512, 256], 1) }, 'D (labelled pair)');
    g.node('D_u', 'Discriminator', [4, 2], {}, 'D (C’s pair)');
    g.node('D_g', 'Discriminator', [4, 3], {}, 'D (G’s pair)');
    g.share('D', 'D_u');
    g.share('D', 'D_g');
    g.wire('P_l.pair', 'D.x');
    g.wire('P_u.pair', 'D_u.x');
    g.wire('P_g.pair', 'D_g.x');
    g.node('L_D_real', 'AdversarialLoss', [5, 0], { target: 'real' }, 'labelled → 1');
    g.node('L_D_u', 'AdversarialLoss', [5, 1], { target: 'fake', weight: 0.5 }, '(x_u, C) → 0 · (1−α)');
    g.node('L_D_g', 'AdversarialLoss', [5, 2], { target: 'fake', weight: 0.5 }, '(G, y) → 0 · α');
    g.node('L_G', 'AdversarialLoss', [5, 3], { target: 'real', weight: 0.5 }, 'G: (G, y) → 1');
    g.node('L_C_adv', 'AdversarialLoss', [5, 4], { target: 'real', weight: 0.5 }, 'C: (x_u, C) → 1');
    g.wire('D.out', 'L_D_real.logits');
    g.wire('D_u.out', 'L_D_u.logits');
    g.wire('D_g.out', 'L_D_g.logits');
    g.wire('D_g.out', 'L_G.logits');
    g.wire('D_u.out', 'L_C_adv.logits');
    g.node('L_C_sup', 'CrossEntropy', [2, 0], {}, 'C: CE on 100 labels');
    g.wire('C.out', 'L_C_sup.logits');
    g.wire('sub.label', 'L_C_sup.labels');
    g.node('L_C_gen', 'CrossEntropy', [4, 5], { weight: 0.3 }, 'C: CE on (G(z,y), y)');
    g.wire('C_g.out', 'L_C_gen.logits');
    g.wire('y.c', 'L_C_gen.labels');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_D_real', 'L_D_u', 'L_D_g'], updates: ['D'], optimizer: adam(3e-4) }),
    phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(3e-4) }),
    phase({ id: 'c', name: 'C step', terms: ['L_C_sup', 'L_C_adv', 'L_C_gen'], updates: ['C'], optimizer: adam(3e-4) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 64, steps: 4000 },
    full: { width: 1, batchSize: 100, steps: 20000 },
  },
  variants: [
    variant('classifier-only', 'classifier only', 'The same classifier trained on the 100 labels alone.', {
      remove: ['z', 'y', 'zy', 'G', 'C_u', 'C_g', 'P_l', 'P_u', 'P_g', 'D', 'D_u', 'D_g', 'L_D_real', 'L_D_u', 'L_D_g', 'L_G', 'L_C_adv', 'L_C_gen'],
      phases: [phase({ id: 'c', name: 'C step', terms: ['L_C_sup'], updates: ['C'], optimizer: adam(3e-4) })],
    }),
  ],
});
