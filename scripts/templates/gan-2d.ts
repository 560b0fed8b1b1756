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
collapse onto a few (mode collapse). D takes two steps for each of G's (the phase's repeats): with
one, G can outrun its judge, and on some seeds a mode is left empty after 2,000 steps. Try one D
repeat, other learning rates, or a smaller z.
`,
  zh: {
    title: '二维混合分布上的 GAN',
    description: 'GAN 的入门例子：生成器学着把点放到由 8 个高斯组成的圆环上。',
    lesson: `
**生成器**（Generator）G 把随机噪声 z 变成平面上的点；**判别器**（Discriminator）D 给每个点打分，判断它是真实的（来自 8 个高斯组成的圆环）还是生成的（来自 G）。训练时两个阶段交替进行：

1. **D 步**——D 学着分辨真假：\`BCE(D(x), 1) + BCE(D(G(z)), 0)\`。只有 D 的权重会改变。
2. **G 步**——G 学着骗过 D：\`BCE(D(G(z)), 1)\`。只有 G 的权重会改变，D 只当裁判。

看判别器的“决策面”：真实点所在的地方 D 的分数高。G 生成的点会沿着这个面往高处走，而 D 又会重新画这个面。训练顺利时，生成的点会覆盖全部 8 个模式；失败时，它们会挤到少数几个模式上（模式坍塌，mode collapse）。G 每走一步，D 走两步（阶段的重复次数）：只走一步时，G 可能跑得比它的裁判还快，有些随机种子训练 2,000 步后会空出一个模式。可以试试让 D 只重复一次、换一换学习率，或者把 z 调小。
`,
    nodes: { data: '8 个高斯的圆环', D: 'D（真实）', D_fake: 'D（生成）', L_real: '真实 → 1', L_fake: '生成 → 0', L_G: 'G：生成 → 1' },
    phases: { d: 'D 步', g: 'G 步' },
  },
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
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(1e-3), repeats: 2 }),
    phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(1e-3) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 1, batchSize: 128, steps: 2000 },
    full: { width: 2, batchSize: 256, steps: 10000 },
  },
});
