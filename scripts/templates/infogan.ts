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
- \`L_I = λ_c1·CE(Q_c1(G), c1) + λ_cont·‖Q_c23(G) − c23‖²\` — the mutual-information term, with
  λ = 1, λ_c1 = 2 (the term weight in both phases) and λ_cont = 0.1. With λ_c1 = 1 one seed let
  two kinds of 1 share a category and 4, 7 and 9 the rest (c1 accuracy 62% against 80% on the
  other); weighing the category twice keeps the classes apart (78% and 93% on the same two seeds).

The trunk has a **BatchNorm after its dense-1024 layer**, as in the paper's reference. Without it
the shared trunk learned Q's categories far more slowly (about 20 points of c1 accuracy behind
at 3,000 iterations). \`small\` trains 15,000 iterations: past 10,000 the first seed was still
climbing (c1 accuracy 79% at 10,500, 82% at 12,000, 88% at 15,000).

**In the lesson view**: a grid whose rows fix c1 and whose columns sweep c2, then c3, from −2 to
2 (training draws them from −1..1, so the outer columns extrapolate). Each row should be one
digit — c1 picked up the digit class without any labels — and along a row the slant or width
should change. Sliders set every code by hand. The figure is c1's accuracy on held-out real
digits, read by Q, after the best one-to-one mapping of categories to digits, with its
confusion matrix: two similar digits (often 4 and 9) sharing a category is a typical failure.
`,
  zh: {
    title: 'MNIST 上的 InfoGAN',
    description: '把生成器的输入分成噪声和编码，并通过把编码还原出来，让编码变得有意义。',
    lesson: `
在普通的 GAN 里，输入的某一个维度并没有清楚的含义：改变它，输出会变，但我们说不出它控制的是什么。**InfoGAN** 把输入分成两部分：随机的 z′（我们也不知道它影响输出的哪些方面），和**隐编码** c——这里是一个类别编码 c1（10 个取值）以及两个连续编码 c2、c3。然后加一个网络 **Q**，它必须从生成的图片里把 c 反推出来。

可以把**生成器**看作“编码器”、把 Q 看作“解码器”：编码 → 图片 → 编码，组成一个带引号的“自编码器”——和平常的自编码器正好反过来。如果没有**判别器**，生成器为了让 Q 认出 c，直接把 c 贴在图片上就行，那就什么也没学到；加上判别器，图片才必须像真实的手写数字。

Q 和 D 读的是同一张图片，所以它们**共享参数**：Q 是接在 D 的特征上的一个输出头（Head 节点接在 D 的 \`features\` 端口上），主干的权重是同一组变量——一个输出的是编码，一个输出的是真假分数。

- D 阶段：\`BCE(D(x),1) + BCE(D(G),0) + λ·L_I\`，更新 D 的主干和输出头，以及 Q 的输出头。
- G 阶段：\`BCE(D(G),1) + λ·L_I\`，更新 G。
- \`L_I = λ_c1·CE(Q_c1(G), c1) + λ_cont·‖Q_c23(G) − c23‖²\`——**互信息**项，λ = 1，λ_c1 = 2（两个阶段里这一项的权重），λ_cont = 0.1。λ_c1 = 1 时，有一个随机种子让两种写法的 1 共用一个类别，4、7、9 挤在其余的类别里（c1 准确率 62%，另一个种子 80%）；把类别项的权重加倍，各个数字就能分开（同样两个种子上是 78% 和 93%）。

为什么加了 Q 就有用？因为只有当生成器在训练中真正学到了“c 怎样影响 x”，Q 才能从 x 里把 c 分辨出来。c 的含义不是事先规定好的：是因为设置了 c，训练才让 c 去控制某些特征。

主干在 1024 个单元的全连接层之后有一个 **BatchNorm**，和论文的参考实现一样。没有它，共享的主干学会 Q 的类别要慢得多（训练 3,000 次迭代时，c1 的准确率落后大约 20 个百分点）。\`small\` 训练 15,000 次迭代：过了 10,000 次，第一个种子还在上升（c1 准确率在 10,500 次时 79%，12,000 次时 82%，15,000 次时 88%）。

**课程视图里**：一个网格，每一行固定 c1，各列把 c2、再把 c3 从 −2 扫到 2（训练时它们取自 −1..1，所以两端的几列是外推）。理想情况下每一行是同一个数字——c1 在没有任何标签的情况下学会了“是哪个数字”——而沿着一行，倾斜或粗细会变化。还可以用滑块手动设置每个编码。数字指标是 c1 在留出的真实数字上的准确率（由 Q 读出，在类别与数字之间做最佳的一一对应之后），以及混淆矩阵：两个相像的数字（常见的是 4 和 9）共用一个类别，是典型的失败。
`,
    nodes: { D: 'D（真实）', D_fake: 'D（生成）', L_real: '真实 → 1', L_fake: '生成 → 0', L_G: 'G：生成 → 1', q: 'Q → c1、c23' },
    phases: { d: 'D 与 Q 步', g: 'G 步' },
  },
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
    phase({ id: 'd', name: 'D and Q step', terms: ['L_real', 'L_fake', { loss: 'L_c1', weight: 2 }, 'L_c23'], updates: ['D', 'Q'], optimizer: adam(2e-4) }),
    phase({ id: 'g', name: 'G step', terms: ['L_G', { loss: 'L_c1', weight: 2 }, 'L_c23'], updates: ['G'], optimizer: adam(1e-3) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 64, steps: 15000 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
});
