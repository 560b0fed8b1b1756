import { adam, makeTemplate, phase } from './builder';
import { mlp, relu } from './layers';
import { SPEECH } from '../../src/graph/datasets';

const frames = SPEECH.frames;
const bins = SPEECH.bins;

export default makeTemplate({
  id: 'feature-disentangle',
  title: 'Feature disentangle: content and speaker',
  description: 'Two encoders split an utterance into what is said and who says it; the decoder puts them back together.',
  view: 'feature-disentangle',
  roles: { data: 'data', content: 'Ec', speaker: 'Es', decoder: 'Dec' },
  lesson: `
An utterance carries both **content** (the phonemes said) and **speaker** (pitch, formants,
spectral tilt). Two encoders split them: E_c(x) for content, E_s(x) for the speaker, and a
decoder rebuilds x̂ = Dec(E_c(x), E_s(x)) with \`‖x − x̂‖²\`. Reconstruction alone does not say
which code keeps what; two more terms do:

- **Speaker encoder**: E_s of two utterances by the same speaker (x and x2) close, of different
  speakers (other rows of the batch) at least a margin apart — a contrastive hinge (margin 2,
  weight 0.2).
- **Content encoder**: a speaker classifier reads E_c(x) through a **gradient reversal** layer
  (weight 0.1): the classifier learns to find the speaker in E_c, and E_c learns to hide it.

E_c ends in **tanh**. Through the reversal, the speaker classifier pays E_c to make its logits
extreme, and an unbounded E_c answers by growing without end (to ~10⁶), drowning the content.

The utterances are synthetic: spectrogram-like, 32 frames × 40 bins, 24 speakers, 12 phonemes.

**In the lesson view**:

- a nearest-centroid probe's speaker accuracy from E_s (should be high) and from E_c (should be
  near chance, 1/24), and content accuracy (the first phoneme) from E_c (chance 1/12);
- both codes in 2-D (PCA), coloured by speaker or by phoneme: E_s should cluster by speaker,
  E_c should not;
- voice conversion, Dec(E_c(x_A), E_s(x_B)): A's words in B's voice. Its figures: how often the
  speaker probe hears B, and how often the content probe still reads A's phoneme.

There is no one-click variant. To see what the reversal does, set the weight of the loss node
"speaker from content" to 0 and compare the speaker accuracy from E_c.
`,
  zh: {
    title: '特征解耦：内容和语者',
    description: '两个编码器把一段语音拆成“说了什么”和“谁在说”，解码器再把它们拼回去。',
    lesson: `
一段语音既包含**内容**（说出的音素），也包含**语者**（音高、共振峰、频谱倾斜）的信息。语音自编码器把声音压缩成编码再还原，但编码里的各种信息交织在一起。**特征解耦**就是把它们解开：两个**编码器**分别负责，E_c(x) 提取内容，E_s(x) 提取语者；**解码器**用 \`‖x − x̂‖²\` 重建 x̂ = Dec(E_c(x), E_s(x))。只靠重建，说不清哪个编码保存了什么；另外两项说清楚了：

- **语者编码器**：同一个语者的两段语音（x 和 x2），E_s 的输出越接近越好；不同语者的（批次里的其他行），至少相隔一个间隔——对比式的 hinge 损失（间隔 2，权重 0.2）。
- **内容编码器**：一个语者分类器通过**梯度反转层**读取 E_c(x)（权重 0.1）：分类器学着从 E_c 里找出语者，E_c 学着把语者藏起来。

E_c 的最后一层是 **tanh**。通过反转层，语者分类器会“奖励” E_c 把它的 logits 推向极端；如果 E_c 没有上界，它就会无休止地变大（到 10⁶ 左右），把内容信息淹没。

这里的语音是合成的：类似频谱图，32 帧 × 40 个频段，24 个语者，12 个音素。

**课程视图里**：

- 最近质心探针的语者准确率：从 E_s 读（应该很高）和从 E_c 读（应该接近随机猜测，1/24）；以及从 E_c 读内容（第一个音素）的准确率（随机猜测是 1/12）；
- 两个编码的二维 PCA 图，可以按语者或按音素着色：E_s 应该按语者聚成团，E_c 不应该；
- 变声：Dec(E_c(x_A), E_s(x_B))——用 B 的声音说 A 的话。对应的数字：语者探针听成 B 的比例，以及内容探针仍读出 A 的音素的比例。

这个模板没有一键变体。想看梯度反转层起了什么作用，可以把“从内容编码认语者”这个损失节点的权重设为 0，再比较从 E_c 读出的语者准确率。
`,
    nodes: {
      data: '语音片段',
      Ec: 'E_c（内容）',
      Es: 'E_s（语者）',
      Es2: 'E_s（同一语者）',
      cs: '内容 ⊕ 语者',
      L_spk: '同一语者靠近，不同语者分开',
      grl: '梯度反转层',
      Cls: '语者分类器',
      L_adv: '从内容编码认语者',
    },
    phases: { train: '训练' },
  },
  build: (g) => {
    g.node('data', 'Dataset', [0, 1], { name: 'speech', range: '-1..1' }, 'utterances');
    // A bounded content code: through the reversal the speaker classifier pays E_c to make its logits
    // extreme, and an unbounded E_c answers by growing without end (to ~10⁶), drowning the content.
    g.node('Ec', 'Encoder', [1, 0], { layers: [...mlp([256, 128], 16, relu, true), { type: 'tanh' }] }, 'E_c (content)');
    g.node('Es', 'Encoder', [1, 2], { layers: mlp([256], 16, relu, true) }, 'E_s (speaker)');
    g.node('Es2', 'Encoder', [1, 3], {}, 'E_s (same speaker)');
    g.share('Es', 'Es2');
    g.wire('data.x', 'Ec.x');
    g.wire('data.x', 'Es.x');
    g.wire('data.x2', 'Es2.x');
    g.node('cs', 'Concat', [2, 1], {}, 'content ⊕ speaker');
    g.wire('Ec.out', 'cs.a');
    g.wire('Es.out', 'cs.b');
    g.node('Dec', 'Generator', [3, 1], {
      layers: [{ type: 'dense', units: 256 }, { type: 'relu' }, { type: 'dense', units: frames * bins }, { type: 'reshape', shape: [frames, bins, 1] }, { type: 'tanh' }],
    }, 'Dec');
    g.wire('cs.out', 'Dec.x');
    g.reconstructionLoss('L_rec', [4, 1], 'Dec.out', 'data.x', '‖x − x̂‖²');
    g.node('L_spk', 'ContrastivePair', [2, 3], { margin: 2, weight: 0.2 }, 'same speaker close, others apart');
    g.wire('Es.out', 'L_spk.a');
    g.wire('Es2.out', 'L_spk.b');
    g.wire('data.speaker', 'L_spk.label');
    g.node('grl', 'GradientReversal', [2, 0], { schedule: 'dann', lambda: 1, gamma: 10 }, 'GRL');
    g.wire('Ec.out', 'grl.x');
    g.node('Cls', 'Classifier', [3, 0], { layers: mlp([64], SPEECH.speakers, relu) }, 'speaker classifier');
    g.wire('grl.out', 'Cls.x');
    g.node('L_adv', 'CrossEntropy', [4, 0], { weight: 0.1 }, 'speaker from content');
    g.wire('Cls.out', 'L_adv.logits');
    g.wire('data.speaker', 'L_adv.labels');
  },
  phases: [
    phase({ id: 'train', name: 'Train', terms: ['L_rec', 'L_spk', 'L_adv'], updates: ['Ec', 'Es', 'Dec', 'Cls'], optimizer: adam(1e-3, 0.9) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 1, batchSize: 64, steps: 4000 },
    full: { width: 2, batchSize: 128, steps: 20000 },
  },
});
