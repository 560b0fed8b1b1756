import { makeTemplate, phase, sgd } from './builder';
import { buildDannTrunk, DANN_PRESETS, DANN_TRUNK_ZH, domainClassifier } from './dann-common';

const opt = { optimizer: sgd(0.01, 0.9), lrSchedule: { type: 'dann' as const, alpha: 10, beta: 0.75 } };

export default makeTemplate({
  id: 'dann-alternating',
  title: 'DANN: MNIST → MNIST-M (alternating phases)',
  description: 'The lecture’s version: train the domain classifier, then the features to fool it, in turn.',
  view: 'dann',
  roles: { source: 'src', features: 'F', classifier: 'Cy' },
  lesson: `
The lecture's version of domain-adversarial training: a game in two moves, like a GAN, with no
reversal layer.

1. **Domain classifier step** — Cd learns to tell source features (label 0) from target
   features (1); each term at weight 0.5.
2. **Feature step** — F and the digit classifier Cy learn to classify source digits, and to make
   Cd call source features "target" and target features "source" (each at weight 0.5).

The lecture notes that although the paper trains the three networks together, training them in
turn — the domain classifier first, then the feature extractor — is more stable. The networks
are those of the gradient-reversal template, tanh on F's features included, with the same
learning-rate decay and 12,000 iterations at \`small\`. What differs: F fights Cd as it is after
Cd's own step; it minimises the loss against flipped labels instead of maximising Cd's loss
(like G's "fake → 1" in a GAN: where Cd is confidently right, the reversed gradient fades but
the flipped labels' does not); and there is no λ ramp — the flipped terms count fully from the
first step.

**In the lesson view**: the same figures as for DANN — target and source accuracy over training
and the PCA of F(x) by domain, where the clouds should merge while source accuracy stays high.
This template has no one-click baselines: for source only and train on target, open the
gradient-reversal DANN template and its variants, and compare at the same number of iterations.
`,
  zh: {
    title: 'DANN：MNIST → MNIST-M（交替训练）',
    description: '课上讲的版本：先训练域分类器，再训练特征去骗过它，轮流进行。',
    lesson: `
课上讲的**域对抗**训练：像 GAN 一样分两步轮流走，不用梯度反转层。

1. **域分类器步**——Cd 学着分辨源域特征（标签 0）和目标域特征（标签 1），两项权重各 0.5。
2. **特征步**——F 和数字**分类器** Cy 学着分好源域的数字，同时让 Cd 把源域特征说成“目标域”、把目标域特征说成“源域”（两项权重各 0.5）。

课上提到：虽然论文里三个网络是一起训练的，但分开轮流训练——先训练域分类器，再训练特征提取器——会比较稳。网络和梯度反转的模板一样（包括 F 特征上的 tanh），学习率衰减相同，\`small\` 也是 12,000 次迭代。不同之处在于：F 面对的是刚走完自己那一步的 Cd；F 是对着翻转后的标签最小化损失，而不是最大化 Cd 的损失（就像 GAN 里生成器的“生成 → 1”：Cd 有把握地判对时，反转的梯度会变得很小，翻转标签的梯度却不会）；而且没有 λ 的逐步增大——翻转标签的两项从第一步起就全额计入。

**课程视图里**：和 DANN 一样的图——训练过程中目标域和源域的准确率，以及按域着色的 F(x) 的 PCA 图：两团点应该融合，同时源域准确率保持在高位。这个模板没有一键基线：要看“只用源域”和“在目标域上训练”，请打开梯度反转版的 DANN 模板和它的变体，在相同的迭代次数下比较。
`,
    nodes: {
      ...DANN_TRUNK_ZH,
      Cd: 'Cd（域，源域）',
      Cd_t: 'Cd（域，目标域）',
      L_d_s: 'Cd：源域 → 0',
      L_d_t: 'Cd：目标域 → 1',
      L_f_s: 'F：源域 → 1',
      L_f_t: 'F：目标域 → 0',
    },
    phases: { domain: '域分类器步', features: '特征步' },
  },
  build: (g) => {
    buildDannTrunk(g);
    g.node('Cd', 'Classifier', [2, 1], { layers: domainClassifier }, 'Cd (domain, source)');
    g.node('Cd_t', 'Classifier', [2, 3], {}, 'Cd (domain, target)');
    g.share('Cd', 'Cd_t');
    g.wire('F.out', 'Cd.x');
    g.wire('F_t.out', 'Cd_t.x');
    // Half each: one BCE over the mixed batch.
    g.node('L_d_s', 'CrossEntropy', [3, 1], { weight: 0.5 }, 'Cd: source → 0');
    g.node('L_d_t', 'CrossEntropy', [3, 3], { weight: 0.5 }, 'Cd: target → 1');
    g.node('L_f_s', 'CrossEntropy', [4, 1], {}, 'F: source → 1');
    g.node('L_f_t', 'CrossEntropy', [4, 3], {}, 'F: target → 0');
    g.wire('Cd.out', 'L_d_s.logits');
    g.wire('src.domain', 'L_d_s.labels');
    g.wire('Cd_t.out', 'L_d_t.logits');
    g.wire('tgt.domain', 'L_d_t.labels');
    g.wire('Cd.out', 'L_f_s.logits');
    g.wire('tgt.domain', 'L_f_s.labels');
    g.wire('Cd_t.out', 'L_f_t.logits');
    g.wire('src.domain', 'L_f_t.labels');
  },
  phases: [
    phase({ id: 'domain', name: 'Domain classifier step', terms: ['L_d_s', 'L_d_t'], updates: ['Cd'], ...opt }),
    phase({ id: 'features', name: 'Feature step', terms: ['L_y', { loss: 'L_f_s', weight: 0.5 }, { loss: 'L_f_t', weight: 0.5 }], updates: ['F', 'Cy'], ...opt }),
  ],
  presets: DANN_PRESETS,
});
