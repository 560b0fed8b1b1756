import { adam, makeTemplate, phase, variant } from './builder';
import { convEncoder, dcganDiscriminator32, dcganGenerator32 } from './layers';

const Z = 64;
/** Encoder steps per iteration (the variant "one encoder step" has 1). */
const ENCODER_STEPS = 5;

const ganSteps = [
  phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
  phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(2e-4) }),
];

/**
 * The encoder's step, `repeats` times per iteration. G runs on its moving statistics here: with
 * batch statistics its BatchNorm would normalise away the scale of E's codes (they grew to
 * ‖E(x)‖ ≈ 39 against the prior's 8), and the encoder's batches would move G's averages. Several
 * steps because G moves every iteration: with one, E lagged behind it — its codes stayed short
 * (‖E(x)‖ 4.1 against the prior's 7.9), its attribute vectors shorter still, and edits along them
 * hardly moved the picture.
 */
const encoderStep = (repeats: number) =>
  phase({ id: 'e', name: 'Encoder step (G frozen)', terms: ['L_rec'], updates: ['E'], optimizer: adam(1e-3, 0.9), repeats, batchNorm: { G: 'moving' } });

export default makeTemplate({
  id: 'photo-editing',
  title: 'Intelligent photo editing on faces',
  description: 'A face GAN plus an encoder back to z: edit a photo by moving its code along attribute directions.',
  view: 'photo-editing',
  roles: { data: 'x', encoder: 'E', generator: 'G', code: { node: 'G', input: 'x' }, judge: 'D_fake' },
  lesson: `
To edit a photo with a GAN, first find the code z whose picture G(z) is the photo. Three ways,
compared on the same test faces:

1. gradient descent on z for \`‖G(z) − x‖²\`, starting from noise;
2. an **encoder**: z = E(x), with E trained (G frozen) so that G(E(x)) ≈ x;
3. E(x) as the starting point of (1), which keeps the descent out of poor local minima.

Phases: the GAN trains as usual (D step, G step); the **encoder step** updates E only, through
G's weights, and runs **five times per iteration** (the phase's repeats; an iteration then
costs about 2.5 times as much). G moves every iteration; with one step E lags behind it, its codes stay short (‖E(x)‖ ≈ 4 against the prior's
≈ 8) and so do the attribute vectors read from them — the variant "one encoder step" shows it:
fewer edits flip. In that step G's BatchNorm runs on its **moving statistics**, its averages frozen
(the phase's BatchNorm setting for G). With batch statistics, G would normalise away the scale
of E's codes — they grew to ‖E(x)‖ ≈ 39 against the prior's ≈ 8 — so the codes would work only
inside a batch, not when G draws a face from its averages (as it does in the lesson view); and
E's batches would move G's averages. With the averages frozen, (3) should give the lowest
reconstruction error of the three.

Then edit in z. The **attribute vector** v for, say, long hair is the mean E(x) of long-haired
faces minus that of the others; z + α·v adds long hair. For a brush, solve
\`min_z U(G(z)) + λ1‖z − z0‖² − λ2·D(G(z))\`: fit the strokes, stay near the original, stay realistic.

**In the lesson view**:

- the mean reconstruction error of (1), (2), (3); for a face you pick or upload, the three
  reconstructions side by side;
- a slider per attribute. Edits are judged by an attribute classifier trained on the labels; a
  flip counts only for attributes it gets right on ≥ 80% of held-out faces (the others say "not
  counted"). The figure is the share of edits (α = 1.5) that flip it, with the **identity
  change** — how much the rest of the picture moved — beside it: many flips with a large
  identity change is a different face, not an edit;
- the brush: paint strokes on the projected face, set λ1 (closeness) and λ2 (realism), Apply.

What to expect at \`small\`: about two edits in three flip the judge (55–61% with one encoder
step). Large attributes (hair colour, skin, background) flip almost every time, small ones (a
smile, a fringe) seldom. G can draw them: among its own samples the judge finds smiles, and
moving z along the smile direction of G's samples flips most of them.
What loses them is the way back: the judge reads a smile on G(E(x)) barely better than chance,
though it reads it on the real faces, and descent from E(x) hardly recovers it. So the
attribute vectors of E's codes are short for them, and an edit along them changes little (see
each attribute's identity change). With one encoder step per iteration, more iterations
(6,000), a generator twice as wide or an encoder four times as wide did not change this; with
five, neither did more iterations (66% at 4,000, 60% at 6,000), E also trained to map G's own
samples back to their z, or E also matching D's features of x (as VAE-GAN does).
`,
  zh: {
    title: '人脸上的智能修图',
    description: '一个人脸 GAN，加一个回到 z 的编码器：沿着属性方向移动照片的编码来修图。',
    lesson: `
生成器的输入向量的每个维度，其实对应着图片的某些特征；如果知道怎样改 z 会改变哪个特征，就能控制生成的图片。要用 GAN 修改一张照片，先要找到那个让 G(z) 等于这张照片的 z。有三种方法，在同样的测试人脸上比较：

1. 把找 z 看成一个最优化问题：从噪声出发，对 \`‖G(z) − x‖²\` 做梯度下降；
2. 训练一个**编码器**：z = E(x)。训练 E 时生成器的参数固定不变，目标是 G(E(x)) ≈ x——一个典型的自编码器结构；
3. 把 (2) 的结果 E(x) 当作 (1) 的起点，这样梯度下降不容易陷进局部最优点。

各个阶段：GAN 照常训练（D 步、G 步）；**编码器步**只更新 E，梯度穿过 G 的权重，而且**每次迭代做五次**（这个阶段的重复次数；这样一次迭代的耗时大约是原来的 2.5 倍）。G 每次迭代都在变；只做一次的话，E 跟不上它，编码一直偏短（‖E(x)‖ ≈ 4，而先验的是 ≈ 8），从编码里读出的属性向量也偏短——变体“一个编码器步”能看到这一点：能翻转的修改更少。在这一步里，G 的 BatchNorm 用的是**滑动平均统计量**，而且这些平均值被冻结（在这个阶段的 BatchNorm 设置里，G 设为 moving）。如果用批次统计量，G 会把 E 的编码的尺度归一化掉——E 的编码长到 ‖E(x)‖ ≈ 39，而先验的只有 ≈ 8——于是这些编码只在一个批次里管用，G 用平均值生成人脸时（课程视图里就是这样）就不对了；而且 E 的批次还会改动 G 的平均值。冻结平均值之后，(3) 的重建误差应该是三种方法里最低的。

然后在 z 里修改。比如“长发”的**属性向量** v，就是长发人脸的 E(x) 平均值减去其他人脸的平均值；z + α·v 就加上了长发。用画笔修图时，求解 \`min_z U(G(z)) + λ1‖z − z0‖² − λ2·D(G(z))\`：第一项让图片满足用户画的笔画，第二项让新图片不离原图太远，第三项让它尽量真实。

**课程视图里**：

- (1)、(2)、(3) 的平均重建误差；对你选的或上传的人脸，三种重建并排显示；
- 每个属性一个滑块。修改的效果由一个用标签训练出来的属性分类器来评判；只有它在测试人脸上判对至少 80% 的属性才计数（其他属性标着 “not counted”）。数字是让分类器结论翻转的修改所占的比例（α = 1.5），旁边是**身份变化**——图片其余部分变了多少：翻转很多、身份变化也很大，那是换了一张脸，而不是修图；
- 画笔：在投影出来的人脸上画笔画，调好 λ1（贴近原图）和 λ2（真实感），再点 Apply。

在 \`small\` 规模下会看到：大约三次修改里有两次能让分类器翻转（只做一个编码器步时是 55–61%）。大的属性（头发颜色、肤色、背景）几乎每次都能翻转，小的属性（微笑、刘海）很少翻转。G 其实画得出它们：在 G 自己的样本里，属性分类器能找到微笑；沿着这些样本的“微笑方向”移动 z，大多数都会翻转。丢掉它们的是回去的那条路：在真实人脸上分类器认得出微笑，在 G(E(x)) 上却只比瞎猜好一点，从 E(x) 出发做梯度下降也几乎找不回来。所以 E 的编码里这些属性向量很短，沿着它们修改，图片变化很小（看每个属性的身份变化）。每次迭代只做一个编码器步时，训练更多迭代（6,000）、把生成器加宽一倍或者把编码器加宽到四倍，都没有改变这一点；做五步时，更多迭代（4,000 次 66%，6,000 次 60%）、让 E 同时学会把 G 自己的样本映射回它们的 z、或者让 E 同时匹配 D 对 x 的特征（像 VAE-GAN 那样），也都没有。
`,
    nodes: {
      x: '人脸',
      D: 'D（真实）',
      D_fake: 'D（生成）',
      L_real: '真实 → 1',
      L_fake: '生成 → 0',
      L_G: 'G：生成 → 1',
      G_rec: 'G（输入 E(x)）',
    },
    phases: { d: 'D 步', g: 'G 步', e: '编码器步（G 固定）' },
    variants: {
      'one-encoder-step': { title: '一个编码器步', description: '每次迭代编码器只走一步，和 GAN 一样：G 每次迭代都在变，E 跟不上它。' },
    },
  },
  build: (g) => {
    g.node('x', 'Dataset', [0, 0], { name: 'faces', range: '-1..1' }, 'faces');
    g.node('z', 'Noise', [0, 2], { dim: Z }, 'z');
    g.node('G', 'Generator', [1, 2], { layers: dcganGenerator32() }, 'G');
    g.wire('z.z', 'G.x');
    g.node('D', 'Discriminator', [2, 0], { layers: dcganDiscriminator32('Dl') }, 'D (real)');
    g.node('D_fake', 'Discriminator', [2, 2], {}, 'D (fake)');
    g.share('D', 'D_fake');
    g.wire('x.x', 'D.x');
    g.wire('G.out', 'D_fake.x');
    g.node('L_real', 'AdversarialLoss', [3, 0], { target: 'real' }, 'real → 1');
    g.node('L_fake', 'AdversarialLoss', [3, 1], { target: 'fake' }, 'fake → 0');
    g.node('L_G', 'AdversarialLoss', [3, 2], { target: 'real' }, 'G: fake → 1');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D_fake.out', 'L_G.logits');
    g.node('E', 'Encoder', [1, 4], { layers: convEncoder(Z) }, 'E');
    g.wire('x.x', 'E.x');
    g.node('G_rec', 'Generator', [2, 4], {}, 'G (from E(x))');
    g.share('G', 'G_rec');
    g.wire('E.out', 'G_rec.x');
    g.reconstructionLoss('L_rec', [3, 4], 'G_rec.out', 'x.x', '‖G(E(x)) − x‖²');
  },
  phases: [...ganSteps, encoderStep(ENCODER_STEPS)],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 32, steps: 2000 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
  variants: [
    variant('one-encoder-step', 'one encoder step', 'The encoder steps once per iteration, as the GAN does: it lags behind a G that moves every iteration.', {
      phases: [...ganSteps, encoderStep(1)],
    }),
  ],
});
