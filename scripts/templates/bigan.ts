import { adam, makeTemplate, phase, variant } from './builder';
import { convEncoder, dcganGenerator28, mlp } from './layers';

export default makeTemplate({
  id: 'bigan',
  title: 'BiGAN on MNIST',
  description: 'Learns an encoder alongside the generator: the discriminator judges (image, code) pairs; a latent regressor and an image cycle tie the encoder to the generator.',
  view: 'bigan',
  roles: { data: 'x', encoder: 'E', generator: 'G', code: { node: 'G', input: 'x' } },
  lesson: `
A GAN maps z → x but gives no way back. **BiGAN** trains an encoder E: x → z at the same time.
The discriminator sees **pairs**: a real image with its code (x, E(x)), or a generated image with
the code it came from (G(z), z). It can tell them apart unless E and G invert each other.

- D step: real pair → 1, generated pair → 0.
- E and G step: the flipped targets, plus \`‖E(G(z)) − z‖²\` and \`‖G(E(x)) − x‖²\`.

This template is **BiGAN with a latent regressor and an image cycle** (as in ALICE), not pure
BiGAN. Three changes make it work at this size:

- **E ends in tanh**, so E(x) stays inside z's support U(−1, 1). With a linear output most codes
  fell outside it, and D told real pairs from generated ones by the codes' magnitude alone.
- **The latent regressor**: E applied to G's pictures (the node "E (on G(z))", sharing E's
  weights) must give back their codes, \`‖E(G(z)) − z‖²\`. It ties E to G directly, not only
  through D's judgement.
- **The image cycle**: G applied to E(x) (the node "G (on E(x))") should draw x again,
  \`‖G(E(x)) − x‖²\` at weight 1 as in ALICE. With the latent regressor alone E learns to invert G, and G's codes for real digits were
  no better a feature than an untrained encoder's (1-NN 70–72% against 74%): E kept what G needs
  to redraw its own pictures, not what tells real digits apart.

**In the lesson view**: digits x beside G(E(x)). They should be the same digit, not the same
picture — "a bird in, another bird out": E keeps what the digit is, G draws it its own way.
Figures: how often a reference classifier gives x and G(E(x)) the same class, and the 1-NN
accuracy of E(x) as a feature next to an untrained encoder's (which already scores high, so
compare the two).

Variants:

- **without the image cycle** — the latent regressor only: G(E(x)) still mostly keeps the digit
  (77–79%), but compare the 1-NN figure with the untrained encoder's.
- **pure BiGAN** — neither term: only D ties E to G. At this size x and G(E(x)) rarely share a
  class.
- **autoencoder** — the same E and G trained to copy x with a pixel loss. The view trains it as
  a baseline beside your run (x | BiGAN | autoencoder): closer copies, but blurry ones.
`,
  zh: {
    title: 'MNIST 上的 BiGAN',
    description: '在训练生成器的同时学一个编码器：判别器判断（图片, 编码）对，另有隐编码回归项和图像循环项把编码器和生成器连起来。',
    lesson: `
GAN 能把 z 变成 x，却没有回去的路。**BiGAN** 同时训练一个**编码器** E：x → z。和 VAE 不同，编码器和**解码器**（生成器）是完全分开的：生成器的输入不是编码器的输出，而是从先验分布里采样的 z。两者靠**判别器**联系起来：判别器看的是**一对**数据——真实图片和它的编码 (x, E(x))，或者生成图片和生成它的隐编码 (G(z), z)。只有当 E 和 G 互为逆映射时，判别器才分不出这两种对。

- D 步：真实对 → 1，生成对 → 0。
- E 与 G 步：目标反过来，再加上 \`‖E(G(z)) − z‖²\` 和 \`‖G(E(x)) − x‖²\`。

这个模板是**带隐编码回归项和图像循环项的 BiGAN**（和 ALICE 一样），不是纯粹的 BiGAN。为了在这个规模上训练得起来，做了三处改动：

- **E 的最后一层是 tanh**，这样 E(x) 留在 z 的取值范围 U(−1, 1) 之内。如果输出是线性的，大多数编码会落到这个范围之外，判别器只看编码的大小就能分出真实对和生成对。
- **隐编码回归项**：把 E 用在 G 生成的图片上（节点“E（作用于 G(z)）”，和 E 共享权重），要求它还原出原来的编码：\`‖E(G(z)) − z‖²\`。这样 E 和 G 直接联系在一起，而不只靠判别器的判断。
- **图像循环项**：把 G 用在 E(x) 上（节点“G（作用于 E(x)）”），要求它重新画出 x：\`‖G(E(x)) − x‖²\`，和 ALICE 一样权重为 1。只有隐编码回归项时，E 学会的是 G 的逆映射；真实数字的编码当特征用，并不比未训练的编码器好（1-NN 70–72%，未训练的 74%）：E 记住的是 G 重画自己的图片所需要的东西，而不是区分真实数字的东西。

**课程视图里**：数字 x 和 G(E(x)) 并排。它们应该是同一个数字，但不是同一张图——“输入一只鸟，得到另外一只鸟”：E 记住的是“这是几”，G 用自己的方式把它画出来。数字指标：参考分类器认为 x 和 G(E(x)) 属于同一类的比例；以及把 E(x) 当特征时的最近邻（1-NN）准确率，旁边是未训练的编码器的准确率（它本来就不低，所以要两个一起比较）。

变体：

- **没有图像循环项**——只有隐编码回归项：G(E(x)) 大多还是同一个数字（77–79%），但要把 1-NN 的数字和未训练的编码器比一比。
- **纯 BiGAN**——两项都去掉，只靠判别器把 E 和 G 联系起来。在这个规模上，x 和 G(E(x)) 很少是同一类。
- **自编码器**——同样的 E 和 G，用像素损失训练去复制 x。课程视图可以把它当基线、在你的训练旁边训练出来（x | BiGAN | 自编码器）：复制得更像，但很模糊——输入一只鸟，得到一只同样的、模糊的鸟。
`,
    nodes: {
      D: 'D（真实对）',
      D_fake: 'D（生成对）',
      L_real: '真实对 → 1',
      L_fake: '生成对 → 0',
      L_E: 'E：真实对 → 0',
      L_G: 'G：生成对 → 1',
      E_G: 'E（作用于 G(z)）',
      G_E: 'G（作用于 E(x)）',
    },
    phases: { d: 'D 步', eg: 'E 与 G 步', ae: 'E 与 G 步' },
    variants: {
      'no-cycle': { title: '没有图像循环项', description: '只带隐编码回归项的 BiGAN：G(E(x)) 大多保留原来的数字，但 E(x) 当特征用并不比未训练的编码器好。' },
      pure: { title: '纯 BiGAN', description: '没有隐编码回归项，也没有图像循环项：只有判别器对 (x, z) 对的判断把 E 和 G 联系起来。在这个规模上，G(E(x)) 很少保留原来的数字。' },
      autoencoder: { title: '自编码器', description: '同样的 E 和 G 接成 x → E → G，用像素损失训练去复制 x：没有判别器，也没有噪声。' },
    },
  },
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
    // The image cycle: G applied to E(x) should draw x again. Without it E only inverts G, and
    // its codes were no better a feature than an untrained encoder's (1-NN 70–72% against 74%).
    g.node('G_E', 'Generator', [2, 5], {}, 'G (on E(x))');
    g.share('G', 'G_E');
    g.wire('E.out', 'G_E.x');
    g.reconstructionLoss('L_x', [4, 5], 'G_E.out', 'x.x', '‖G(E(x)) − x‖²');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
    phase({ id: 'eg', name: 'E and G step', terms: ['L_E', 'L_G', 'L_z', 'L_x'], updates: ['E', 'G'], optimizer: adam(2e-4) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 64, steps: 5000 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
  variants: [
    variant('no-cycle', 'without the image cycle', 'BiGAN with the latent regressor only: G(E(x)) mostly keeps the digit, but E(x) is no better a feature than an untrained encoder’s.', {
      remove: ['G_E', 'L_x'],
      phases: [
        phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
        phase({ id: 'eg', name: 'E and G step', terms: ['L_E', 'L_G', 'L_z'], updates: ['E', 'G'], optimizer: adam(2e-4) }),
      ],
    }),
    variant('pure', 'pure BiGAN', 'Without the latent regressor and the image cycle: only D’s judgement of (x, z) pairs ties E to G. At this size G(E(x)) rarely keeps the digit.', {
      remove: ['E_G', 'L_z', 'G_E', 'L_x'],
      phases: [
        phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
        phase({ id: 'eg', name: 'E and G step', terms: ['L_E', 'L_G'], updates: ['E', 'G'], optimizer: adam(2e-4) }),
      ],
    }),
    variant('autoencoder', 'autoencoder', 'The same E and G wired x → E → G and trained to copy x with a pixel loss: no discriminator, no noise.', {
      remove: ['z', 'P_real', 'P_fake', 'D', 'D_fake', 'L_real', 'L_fake', 'L_E', 'L_G', 'E_G', 'L_z', 'G_E', 'L_x'],
      add: (g) => {
        g.wire('E.out', 'G.x');
        g.reconstructionLoss('L_rec', [2, 1], 'G.out', 'x.x', '‖G(E(x)) − x‖²');
      },
      phases: [phase({ id: 'ae', name: 'E and G step', terms: ['L_rec'], updates: ['E', 'G'], optimizer: adam(1e-3) })],
    }),
  ],
});
