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
With only **100 labelled digits** (10 per class), a classifier alone overfits: it fits the 100
examples and generalises poorly. **Triple-GAN** has three players:

- a **classifier** C(x) → p(y|x),
- a conditional **generator** G(z, y) → x,
- a **discriminator** D(x, y) that judges (image, label) **pairs**.

D accepts labelled real pairs and C's **pseudo-labelled pairs** (x_u, C(x_u)) (at half weight),
and rejects generated pairs (G(z, y), y). A pair reaches D as the image with y **tiled over it as
10 extra channels**, and C's labels as one-hot (hard pseudo-labels), in the same format as the
real ones. G tries to make D accept its pairs, so it must draw the class y asks for. Given as 10
values after the 784 pixels, the label was too small a part of D's input: D ignored it, and so
did G — fewer than a third of its samples were the class asked for. C learns from three terms:

- cross-entropy on the 100 labels;
- cross-entropy on G's pairs (weight 0.3): G's pictures should be classified as the y they were
  made for. These extra labelled examples help only as far as G's pictures really show their class;
- the entropy of its predictions on the unlabelled digits (weight 0.3): the same regulariser as
  the baseline **classifier + entropy**, so the gap between the two is what G and D add.

In the paper D rejects the pseudo-labelled pairs, and C learns to make D accept them. At this
size that term was the damaging one: C fell below the classifier alone. Without it, and with D
still rejecting C's pairs, the 100 labelled digits were the only real pairs: G drew just those,
which C already classifies right, and C ended level with the classifier alone. Taken as real, as
the official code does, the unlabelled digits labelled by C are what G learns to draw: each class
in many more styles. The variant **the paper's steps, flat pairs** keeps the paper's terms (with
soft pseudo-labels) and gives D flat pairs.

**In the lesson view**: G's samples, one row per class, and C's test accuracy with its confusion
matrix. Once the run is paused or done, train the **classifier only** baseline — the same
classifier, with the same dropout, on the 100 labels alone — for as many iterations. The
question is whether G and D add something beyond the classifier's own regulariser: the gap
between the two accuracies is what the adversarial part bought. A row that mixes digits means
G's pairs are teaching C wrong labels.

The variant **classifier + entropy** is the stricter baseline: the same classifier, plus the
entropy of its predictions on the unlabelled digits (weight 0.3), with no G and no D. Making
predictions confident on unlabelled data is itself a regulariser; G and D have to beat this one
too before they have shown anything of their own.

What to expect at \`small\`: G's rows become their digits within about 1,500 iterations, in
more styles than the 100 labelled digits have. About 85% of G's samples are the class asked for;
most of the rest are digits that C labels wrong, which G has learnt to draw as that class. C ends
3–4 points above the classifier alone and 2–5 above the classifier with entropy, still climbing
at the end: twice as many iterations (8,000) took C to 84.7% on one seed, against 76.7% for the
classifier alone. That is still short of the paper's gain, which took far longer training at full
width. The variant with the paper's steps and flat pairs does worse: C, pushed to make D accept
its pseudo-labels, falls below the classifier alone, and G ignores y.
`,
  zh: {
    title: '只有 100 个标签的 MNIST 上的 Triple-GAN',
    description: '一个分类器、一个条件生成器和一个判断（图片, 标签）对的判别器，互相帮助，从 100 个标签里学习。',
    lesson: `
只有 **100 个带标签的数字**（每类 10 个）时，单独一个分类器会过拟合：它记住了这 100 个例子，换成新的数字就不行了。**Triple-GAN** 有三个角色：

- **分类器** C(x) → p(y|x)；
- 条件**生成器** G(z, y) → x；
- **判别器** D(x, y)，判断的是（图片, 标签）**对**。

D 要接受带标签的真实对，也接受 C 给出的**伪标签对** (x_u, C(x_u))（权重减半），拒绝生成对 (G(z, y), y)。一个对送进 D 时，是图片加上**铺满整张图的 y，作为 10 个额外的通道**；C 的标签是 one-hot 的（硬伪标签），和真实标签的格式一样。G 想让 D 接受它的对，所以它必须画出 y 要求的那一类。如果标签只是跟在 784 个像素后面的 10 个值，它在 D 的输入里占得太少：D 忽略了它，G 也就忽略了它——G 的样本只有不到三分之一是要求的那一类。C 从三项里学习：

- 100 个标签上的交叉熵；
- G 生成的对上的交叉熵（权重 0.3）：为类别 y 生成的图片应该被分成 y。这些额外的带标签例子有多大帮助，取决于 G 的图片是不是真的像它那一类；
- 它在未标注数字上预测的熵（权重 0.3）：和基线**分类器加熵正则**用的是同一个正则项，所以两者之差就是 G 和 D 带来的东西。

论文里 D 拒绝伪标签对，而 C 要学着让 D 接受它们。在这个规模下，正是这一项有害：C 的准确率掉到了单独一个分类器之下。去掉这一项、D 仍然拒绝 C 的对时，真实的对就只剩那 100 个带标签的数字：G 只画它们，而这些 C 本来就能分对，于是 C 只和单独的分类器持平。像官方代码那样把伪标签对当作真实的，G 学着画的就是被 C 标上标签的未标注数字：每一类都有多得多的写法。变体**论文的步骤，扁平的对**保留了论文的各项（软伪标签），并把扁平的对交给 D。

**课程视图里**：G 的样本，每类一行；C 在测试集上的准确率和混淆矩阵。训练暂停或结束后，可以把基线“只有分类器”（classifier only）训练同样多的迭代——同样的分类器、同样的 dropout，只用那 100 个标签。要回答的问题是：G 和 D 是否带来了分类器自身的正则化之外的东西？两个准确率之差，就是对抗部分带来的收益。如果某一行里混着不同的数字，说明 G 的对正在教给 C 错误的标签。

变体 **分类器加熵正则** 是更严格的基线：同样的分类器，再加上它在未标注数字上预测的熵（权重 0.3），没有 G，也没有 D。让分类器在未标注数据上的预测更有把握，本身就是一种正则；G 和 D 要胜过这个基线，才算真正贡献了自己的东西。

在 \`small\` 规模下会看到：大约 1,500 次迭代之后，G 的每一行都变成了对应的数字，而且写法比那 100 个带标签的数字多得多。G 的样本里大约 85% 是要求的那一类；其余的大多是 C 分错的数字，G 学会了把它们当成那一类来画。C 最后比单独的分类器高 3–4 个百分点，比分类器加熵正则高 2–5 个百分点，到最后还在上升：迭代次数加倍（8,000 次）时，在一个随机种子上 C 达到了 84.7%，而单独的分类器是 76.7%。这离论文的提升还有距离，论文是在完整宽度上训练了长得多的时间。用论文的步骤和扁平的对的变体更差：C 被要求让 D 接受它的伪标签，准确率掉到单独的分类器之下，而 G 忽略了 y。
`,
    nodes: {
      sub: '100 个标签',
      C: 'C（有标签）',
      C_u: 'C（无标签）',
      C_g: 'C（生成）',
      D: 'D（有标签的对）',
      D_u: 'D（C 的对）',
      D_g: 'D（G 的对）',
      L_D_real: '有标签的对 → 1',
      L_C_sup: 'C：100 个标签上的交叉熵',
      L_C_gen: 'C：(G(z,y), y) 上的交叉熵',
      L_D_u: 'D：(x_u, C(x_u))',
      L_D_g: 'D：(G, y) → 0',
      L_C_ent: 'C：未标注数字上的熵',
    },
    phases: { d: 'D 步', g: 'G 步', c: 'C 步' },
    variants: {
      'paper-steps': { title: '论文的步骤，扁平的对', description: '和论文一样，C 还要让 D 接受它的伪标签对（软标签）；D 把每个对读成一个扁平向量：784 个像素，后面跟着 10 个标签值。' },
      'classifier-only': { title: '只有分类器', description: '同样的分类器，只用那 100 个标签训练。' },
      'classifier-entropy': { title: '分类器加熵正则', description: '同样的分类器，用那 100 个标签训练，再加上它在未标注图片上预测的熵（权重 0.3）：没有 G，也没有 D。' },
    },
  },
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
    // y tiled over the image as 10 extra channels: as 10 values after 784 pixels, D (and so G)
    // ignored it, and G's samples were the class asked for 23–25% of the time.
    g.node('P_l', 'Pair', [3, 0], { mode: 'channels' }, '(x_l, y_l)');
    // Hard pseudo-labels: D sees C's labels one-hot, in the same format as the real ones.
    g.node('P_u', 'Pair', [3, 2], { mode: 'channels', labels: 'hard' }, '(x_u, C(x_u))');
    g.node('P_g', 'Pair', [3, 3], { mode: 'channels' }, '(G(z,y), y)');
    g.wire('sub.x_labelled', 'P_l.x');
    g.wire('sub.label', 'P_l.y');
    g.wire('sub.x_unlabelled', 'P_u.x');
    g.wire('C_u.out', 'P_u.y');
    g.wire('G.out', 'P_g.x');
    g.wire('y.c', 'P_g.y');
    // A pair arrives as a 28×28×11 image: D flattens it, then an MLP.
    g.node('D', 'Discriminator', [4, 0], { layers: mlp([512, 256], 1, lrelu, true) }, 'D (labelled pair)');
    g.node('D_u', 'Discriminator', [4, 2], {}, 'D (C’s pair)');
    g.node('D_g', 'Discriminator', [4, 3], {}, 'D (G’s pair)');
    g.share('D', 'D_u');
    g.share('D', 'D_g');
    g.wire('P_l.pair', 'D.x');
    g.wire('P_u.pair', 'D_u.x');
    g.wire('P_g.pair', 'D_g.x');
    g.node('L_D_real', 'AdversarialLoss', [5, 0], { target: 'real' }, 'labelled → 1');
    // C's pseudo-labelled pairs count as real for D (at half weight), as the official code does. As
    // fakes, with C not fighting back, the real pairs were only the 100 labelled ones: G drew just
    // those digits, and C learnt nothing from G's pairs (C ended level with the classifier alone).
    g.node('L_D_u', 'AdversarialLoss', [5, 1], { target: 'real', weight: 0.5 }, 'D: (x_u, C(x_u))');
    g.node('L_D_g', 'AdversarialLoss', [5, 2], { target: 'fake' }, 'D: (G, y) → 0');
    g.node('L_G', 'AdversarialLoss', [5, 3], { target: 'real', weight: 0.5 }, 'G: (G, y) → 1');
    g.wire('D.out', 'L_D_real.logits');
    g.wire('D_u.out', 'L_D_u.logits');
    g.wire('D_g.out', 'L_D_g.logits');
    g.wire('D_g.out', 'L_G.logits');
    g.node('L_C_sup', 'CrossEntropy', [2, 0], {}, 'C: CE on 100 labels');
    g.wire('C.out', 'L_C_sup.logits');
    g.wire('sub.label', 'L_C_sup.labels');
    g.node('L_C_gen', 'CrossEntropy', [4, 5], { weight: 0.3 }, 'C: CE on (G(z,y), y)');
    g.wire('C_g.out', 'L_C_gen.logits');
    g.wire('y.c', 'L_C_gen.labels');
    // The regulariser the classifier + entropy baseline has too, so the gap between the two is
    // what G and D add.
    g.node('L_C_ent', 'Entropy', [2, 2], { weight: 0.3 }, 'C: entropy on unlabelled');
    g.wire('C_u.out', 'L_C_ent.logits');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_D_real', 'L_D_u', 'L_D_g'], updates: ['D'], optimizer: adam(3e-4) }),
    phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(3e-4) }),
    // No "make D accept C's pairs" term for C: it was the damaging one (C at 53–66% with it).
    phase({ id: 'c', name: 'C step', terms: ['L_C_sup', 'L_C_gen', 'L_C_ent'], updates: ['C'], optimizer: adam(3e-4) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 64, steps: 4000 },
    full: { width: 1, batchSize: 100, steps: 20000 },
  },
  variants: [
    variant('paper-steps', 'the paper’s steps, flat pairs', 'C also learns to make D accept its pseudo-labelled pairs (soft labels), as in the paper, and D reads each pair as a flat vector: 784 pixels, then the 10 label values.', {
      add: (g) => {
        g.node('L_C_adv', 'AdversarialLoss', [5, 4], { target: 'real', weight: 0.5 }, 'C: (x_u, C) → 1');
        g.wire('D_u.out', 'L_C_adv.logits');
      },
      remove: ['L_C_ent'],
      set: [
        { node: 'L_D_u', param: 'target', value: 'fake' },
        { node: 'L_D_u', param: 'weight', value: 0.5 },
        { node: 'L_D_g', param: 'weight', value: 0.5 },
        { node: 'P_l', param: 'mode', value: 'flatten' },
        { node: 'P_u', param: 'mode', value: 'flatten' },
        { node: 'P_u', param: 'labels', value: 'soft' },
        { node: 'P_g', param: 'mode', value: 'flatten' },
        { node: 'D', param: 'layers', value: mlp([512, 256], 1) },
      ],
      phases: [
        phase({ id: 'd', name: 'D step', terms: ['L_D_real', 'L_D_u', 'L_D_g'], updates: ['D'], optimizer: adam(3e-4) }),
        phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(3e-4) }),
        phase({ id: 'c', name: 'C step', terms: ['L_C_sup', 'L_C_adv', 'L_C_gen'], updates: ['C'], optimizer: adam(3e-4) }),
      ],
    }),
    variant('classifier-only', 'classifier only', 'The same classifier trained on the 100 labels alone.', {
      remove: ['z', 'y', 'zy', 'G', 'C_u', 'C_g', 'P_l', 'P_u', 'P_g', 'D', 'D_u', 'D_g', 'L_D_real', 'L_D_u', 'L_D_g', 'L_G', 'L_C_gen', 'L_C_ent'],
      phases: [phase({ id: 'c', name: 'C step', terms: ['L_C_sup'], updates: ['C'], optimizer: adam(3e-4) })],
    }),
    // The regulariser alone: if Triple-GAN only matches this, G and D added nothing beyond it.
    variant('classifier-entropy', 'classifier + entropy', 'The same classifier trained on the 100 labels plus the entropy of its predictions on unlabelled digits (weight 0.3): no G, no D.', {
      remove: ['z', 'y', 'zy', 'G', 'C_g', 'P_l', 'P_u', 'P_g', 'D', 'D_u', 'D_g', 'L_D_real', 'L_D_u', 'L_D_g', 'L_G', 'L_C_gen'],
      phases: [phase({ id: 'c', name: 'C step', terms: ['L_C_sup', 'L_C_ent'], updates: ['C'], optimizer: adam(3e-4) })],
    }),
  ],
});
