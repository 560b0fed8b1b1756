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
Cut a hole M in a face, give the generator the rest (and the mask), and ask it to fill the hole
— training data is easy to make: take any picture and cut a hole. The result is the
**composite** x̂ = x⊙(1−M) + G⊙M: the known pixels stay, G only paints the hole.

- \`0.999·‖(x − G)⊙M‖²\` — match the missing pixels;
- \`0.001·adversarial\` — a discriminator judges the composite against real faces, so the fill
  also has to look real.

The template trains on a centre square half the image's side; the Mask node can also cut random
boxes or strokes.

**In the lesson view**: a face with its hole filled, the original beside it, and the PSNR inside
the hole on test faces for the generator and for mean-fill (each hole pixel set to the mean
colour of the visible ones). Paint your own hole on the face and watch it fill; holes unlike the
training masks are harder (set the Mask node to boxes or strokes to train for them).

Without the adversarial term — the **L2 only** variant — the fill is the average of the
plausible fills: blurry. The view trains it as a baseline and shows its hole PSNR. PSNR rewards
the average, so the L2-only figure can match or beat the GAN's: the difference is in the look —
open the variant and compare the fills.
`,
  zh: {
    title: '图像补全（图像修复）',
    description: '填补人脸上的空洞；对抗项让填进去的内容看起来真实，而不是一团平均。',
    lesson: `
在人脸上挖一个洞 M，把其余部分（和掩码）交给**生成器**，让它把洞补上——训练数据也很好准备：随便找图片，挖空就有了。结果是**合成图** x̂ = x⊙(1−M) + G⊙M：已知的像素保持不变，G 只画洞里的部分。

- \`0.999·‖(x − G)⊙M‖²\`——和缺失的像素对上；
- \`0.001·对抗项\`——**判别器**拿合成图和真实人脸比较，所以补上的内容还得看起来真实。

模板训练时用的是位于中心、边长为图像一半的正方形空洞；Mask 节点也可以挖随机的方块或笔画。

**课程视图里**：一张补好洞的人脸，旁边是原图；还有测试人脸上洞内的 PSNR，生成器和“均值填充”（每个洞里的像素填成可见像素的平均颜色）各一个。可以在人脸上自己画一个洞，看它被补上；和训练时的掩码不一样的洞更难补（把 Mask 节点设成 boxes 或 strokes，就能为它们训练）。

去掉对抗项——变体“只用 L2”——补上的是所有可能内容的平均：模糊。课程视图可以把它当基线训练，并显示它的洞内 PSNR。PSNR 偏爱平均值，所以只用 L2 的数字可能持平甚至更高：差别在于看起来怎样——打开这个变体，比较补出来的内容。
`,
    nodes: {
      x: '人脸',
      m: '空洞',
      gin: '图像 ⊕ 掩码',
      G: 'G（补全）',
      D: 'D（真实）',
      D_fake: 'D（补全后）',
      L_real: '真实 → 1',
      L_fake: '补全后 → 0',
      L_adv: 'G：补全后 → 1（×0.001）',
    },
    phases: { d: 'D 步', g: 'G 步' },
    variants: {
      'l2-only': { title: '只用 L2', description: '同样的生成器，只用洞内的 L2 损失训练。' },
    },
  },
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
    g.reconstructionLoss('L_hole', [4, 3], 'G.out', 'm.x', '‖(x − G)⊙M‖²', { weight: 0.999 });
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
