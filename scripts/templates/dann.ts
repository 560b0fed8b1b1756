import { makeTemplate, phase, sgd, variant } from './builder';
import { buildDannTrunk, DANN_PRESETS, DANN_TRUNK_ZH, domainClassifier, unboundedFeatureExtractor } from './dann-common';

const train = (terms: string[], updates: string[]) =>
  phase({ id: 'train', name: 'Train', terms, updates, optimizer: sgd(0.01, 0.9), lrSchedule: { type: 'dann', alpha: 10, beta: 0.75 } });

export default makeTemplate({
  id: 'dann',
  title: 'DANN: MNIST → MNIST-M (gradient reversal)',
  description: 'Learns features that classify digits but cannot tell which domain they came from.',
  view: 'dann',
  roles: { source: 'src', features: 'F', classifier: 'Cy' },
  lesson: `
A digit classifier trained on MNIST does poorly on MNIST-M (digits blended with colour textures):
its features depend on the domain. **Domain-adversarial training** adds a domain classifier Cd
that tries to tell source features from target features, and trains the feature extractor F to
defeat it. Only source labels are used.

The trick is the **gradient reversal layer** (GRL): identity going forward, ×(−λ) going backward.
Cd minimises its loss; F receives the reversed gradient and so maximises it. λ ramps up as
\`λ = 2/(1+e^(−10p)) − 1\` over training progress p; the learning rate decays as
\`0.01/(1+10p)^0.75\` (SGD, momentum 0.9). Also in this recipe:

- F's flattened features pass through a **tanh**, so they are bounded (see the last variant).
- Each domain term has weight 0.5: together they are the paper's one BCE over the mixed batch
  (effective λ 1).
- \`small\` trains 12,000 iterations: the gain over source only takes thousands.

**In the lesson view**: target (MNIST-M) and source (MNIST) accuracy over training, each on
1,000 test images, and a PCA of F(x) coloured by domain, with a nearest-centroid domain probe
(50% = fully mixed). You should see the two clouds merge while source accuracy stays high, and
target accuracy rise above the source-only baseline.

Variants (the view trains the first two as baselines beside your run):

- **source only** — F and Cy on MNIST labels, no domain classifier: the lower bound. Its
  features keep the two domains apart.
- **train on target** — F and Cy on MNIST-M's own labels: the upper bound.
- **DANN without bounded features** — no tanh. Through the reversal F maximises a loss with no
  ceiling; its ReLU features grow until units die, and target accuracy collapses (to about
  chance in a 10,000-iteration run).

Our MNIST-M uses generated textures (the original used photo patches), so the figures differ
from the paper's.
`,
  zh: {
    title: 'DANN：MNIST → MNIST-M（梯度反转）',
    description: '学出能分辨数字、却分不出来自哪个域的特征。',
    lesson: `
在 MNIST 上训练的数字分类器，拿到 MNIST-M（和彩色纹理混合的数字）上效果很差：它的特征和域有关。**域对抗**训练加一个域**分类器** Cd，让它分辨特征来自源域还是目标域，同时训练特征提取器 F 去打败它。整个过程只用源域的标签。

这是一个大网络，但不同部分的目标不同。关键是**梯度反转层**（GRL）：前向时什么也不做，反向传播时把梯度乘以 −λ。Cd 在最小化自己的损失；F 收到的是反转后的梯度，所以它在最大化这个损失。λ 随训练进度 p 增大：\`λ = 2/(1+e^(−10p)) − 1\`；学习率按 \`0.01/(1+10p)^0.75\` 衰减（SGD，动量 0.9）。这个配方里还有：

- F 展平后的特征经过一个 **tanh**，取值有界（见最后一个变体）。
- 两个域损失项的权重各为 0.5：合起来就是论文里对混合批次算的一个 BCE（等效 λ 为 1）。
- \`small\` 训练 12,000 次迭代：相对“只用源域”的提升要几千次迭代才出现。

**课程视图里**：训练过程中目标域（MNIST-M）和源域（MNIST）的准确率，各用 1,000 张测试图片；还有按域着色的 F(x) 的 PCA 图，以及一个最近质心的域探针（50% 表示完全混在一起）。你应该看到两团点逐渐融合，同时源域准确率保持在高位，目标域准确率升到“只用源域”基线之上。

变体（前两个可以在课程视图里当基线，在你的训练旁边训练）：

- **只用源域**——F 和 Cy 只用 MNIST 的标签训练，没有域分类器：下限。它的特征让两个域保持分开。
- **在目标域上训练**——F 和 Cy 用 MNIST-M 自己的标签训练：上限。
- **不限制特征范围的 DANN**——去掉 tanh。通过反转层，F 在最大化一个没有上限的损失；它的 ReLU 特征越长越大，直到神经元“死掉”，目标域准确率崩溃（一次 10,000 次迭代的训练里掉到接近随机猜测）。

我们的 MNIST-M 用的是程序生成的纹理（原论文用的是照片块），所以数字和论文的不同。
`,
    nodes: {
      ...DANN_TRUNK_ZH,
      grl_s: '梯度反转层',
      grl_t: '梯度反转层',
      Cd: 'Cd（域，源域）',
      Cd_t: 'Cd（域，目标域）',
      L_d_s: '域损失（源域 → 0）',
      L_d_t: '域损失（目标域 → 1）',
    },
    phases: { train: '训练' },
    variants: {
      'source-only': { title: '只用源域', description: 'F 和 Cy 只用 MNIST 的标签训练：DANN 必须超过的基线。' },
      'train-on-target': { title: '在目标域上训练', description: 'F 和 Cy 用 MNIST-M 自己的标签训练：上限。' },
      'unbounded-features': {
        title: '不限制特征范围的 DANN',
        description: 'F 的特征去掉最后的 tanh：通过反转层，F 在最大化一个没有上限的损失，ReLU 特征越长越大，直到神经元死掉，目标域准确率崩溃。',
      },
    },
  },
  build: (g) => {
    buildDannTrunk(g);
    g.node('grl_s', 'GradientReversal', [2, 1], { schedule: 'dann', lambda: 1, gamma: 10 }, 'GRL');
    g.node('grl_t', 'GradientReversal', [2, 3], { schedule: 'dann', lambda: 1, gamma: 10 }, 'GRL');
    g.wire('F.out', 'grl_s.x');
    g.wire('F_t.out', 'grl_t.x');
    g.node('Cd', 'Classifier', [3, 1], { layers: domainClassifier }, 'Cd (domain, source)');
    g.node('Cd_t', 'Classifier', [3, 3], {}, 'Cd (domain, target)');
    g.share('Cd', 'Cd_t');
    g.wire('grl_s.out', 'Cd.x');
    g.wire('grl_t.out', 'Cd_t.x');
    // Half each: together one BCE over the mixed batch, as in the paper (at 1 each, λ is doubled).
    g.node('L_d_s', 'CrossEntropy', [4, 1], { weight: 0.5 }, 'domain loss (source → 0)');
    g.node('L_d_t', 'CrossEntropy', [4, 3], { weight: 0.5 }, 'domain loss (target → 1)');
    g.wire('Cd.out', 'L_d_s.logits');
    g.wire('src.domain', 'L_d_s.labels');
    g.wire('Cd_t.out', 'L_d_t.logits');
    g.wire('tgt.domain', 'L_d_t.labels');
  },
  phases: [train(['L_y', 'L_d_s', 'L_d_t'], ['F', 'Cy', 'Cd'])],
  presets: DANN_PRESETS,
  variants: [
    variant('source-only', 'source only', 'F and Cy trained on MNIST labels alone: the baseline DANN must beat.', {
      remove: ['tgt', 'F_t', 'grl_s', 'grl_t', 'Cd', 'Cd_t', 'L_d_s', 'L_d_t'],
      phases: [train(['L_y'], ['F', 'Cy'])],
    }),
    variant('train-on-target', 'train on target', 'F and Cy trained on MNIST-M’s own labels: the upper bound.', {
      remove: ['tgt', 'F_t', 'grl_s', 'grl_t', 'Cd', 'Cd_t', 'L_d_s', 'L_d_t'],
      set: [
        { node: 'src', param: 'name', value: 'mnist-m' },
        { node: 'src', param: 'channels', value: 'native' },
      ],
      phases: [train(['L_y'], ['F', 'Cy'])],
    }),
    variant('unbounded-features', 'DANN without bounded features', 'F’s features without the final tanh: through the reversal F maximises a loss with no ceiling, its ReLU features grow until units die, and target accuracy collapses.', {
      set: [{ node: 'F', param: 'layers', value: unboundedFeatureExtractor }],
    }),
  ],
});
