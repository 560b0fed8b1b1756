import { adam, makeTemplate, phase, variant } from './builder';
import { dcganDiscriminator32 } from './layers';

const gStep = (terms: (string | { loss: string; weight: number })[]) =>
  phase({ id: 'g', name: 'G step', terms, updates: ['G'], optimizer: adam(2e-4) });

export default makeTemplate({
  id: 'inpainting',
  title: 'Image completion (inpainting)',
  description: 'Fills holes in faces; the adversarial term makes the fill look real rather than averaged.',
  view: 'inpainting',
  roles: { data: 'x', mask: { node: 'm', port: 'mask' }, completion: 'comp' },
  lesson: `
Cut a hole M in an image, give the generator the rest (and the mask), and ask it to fill the hole.
The result is the **composite** x̂ = x⊙(1−M) + G⊙M: the known pixels stay, G only paints the hole.

- \`0.999·‖(x − G)⊙M‖²\` — match the missing pixels;
- \`0.001·adversarial\` — a discriminator judges the composite, so the fill also has to look real.

With the L2 term alone (the **L2 only** variant) the fill is a blurry average; the small adversarial
term makes it crisp. Paint your own hole in the lesson view and watch it fill.
`,
  build: (g) => {
    g.node('x', 'Dataset', [0, 1], { name: 'faces', range: '-1..1' }, 'faces');
    g.node('m', 'Mask', [1, 1], { shape: 'centre', size: 0.5 }, 'hole');
    g.wire('x.x', 'm.x');
    g.node('gin', 'Concat', [2, 2], {}, 'image ⊕ mask');
    g.wire('m.masked', 'gin.a');
    g.wire('m.mask', 'gin.b');
    g.node('G', 'Generator', [3, 2], {
      layers: [{ type: 'unetBlock', filters: 32, depth: 2 }, { type: 'conv2d', filters: 3, kernel: 3, stride: 1, padding: 'same' }, { type: 'tanh' }],
    }, 'G (completion)');
    g.wire('gin.out', 'G.x');
    g.node('comp', 'Composite', [4, 2], {}, 'x⊙(1−M) + G⊙M');
    g.wire('m.x', 'comp.x');
    g.wire('G.out', 'comp.y');
    g.wire('m.mask', 'comp.mask');
    g.node('L_hole', 'ReconstructionLoss', [4, 3], { metric: 'l2', weight: 0.999 }, '‖(x − G)⊙M‖²');
    g.wire('G.out', 'L_hole.prediction');
    g.wire('m.x', 'L_hole.target');
    g.wire('m.mask', 'L_hole.mask');
    g.node('D', 'Discriminator', [5, 0], { layers: dcganDiscriminator32('Dl') }, 'D (real)');
    g.node('D_fake', 'Discriminator', [5, 2], {}, 'D (completed)');
    g.share('D', 'D_fake');
    g.wire('x.x', 'D.x');
    g.wire('comp.out', 'D_fake.x');
    g.node('L_real', 'AdversarialLoss', [6, 0], { target: 'real' }, 'real → 1');
    g.node('L_fake', 'AdversarialLoss', [6, 1], { target: 'fake' }, 'completed → 0');
    g.node('L_adv', 'AdversarialLoss', [6, 2], { target: 'real', weight: 0.001 }, 'G: completed → 1 (×0.001)');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D_fake.out', 'L_adv.logits');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
    gStep(['L_hole', 'L_adv']),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.5, batchSize: 16, steps: 1500 },
    full: { width: 1, batchSize: 32, steps: 20000 },
  },
  variants: [
    variant('l2-only', 'L2 only', 'The same generator trained with the masked L2 loss alone.', {
      remove: ['D', 'D_fake', 'L_real', 'L_fake', 'L_adv'],
      phases: [gStep(['L_hole'])],
    }),
  ],
});
