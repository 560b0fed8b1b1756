/**
 * 节点、层与数据集的中文说明（the Chinese of the node catalog, the layer types and the data sets):
 * the declarations in src/graph stay the English source; the page reads these beside them. Keyed
 * by kind id, layer type and data set name, so a new kind without its Chinese does not compile;
 * the coverage test also lists every port and param a declaration has and this table lacks.
 */
import type { NodeKindId } from '../../graph/catalog';
import type { Category } from '../../graph/node-kind';
import type { LayerType } from '../../graph/layers';
import type { TensorKind } from '../../graph/types';

export interface PortZh {
  label?: string;
  description: string;
}
export interface ParamZh {
  label?: string;
  help: string;
  /** Display names of enum options (where the declaration has labels, or the options are words). */
  options?: Record<string, string>;
}
export interface KindZh {
  title: string;
  description: string;
  inputs?: Record<string, PortZh>;
  outputs?: Record<string, PortZh>;
  params?: Record<string, ParamZh>;
  /** Ports the declaration makes from its params (a split's parts, a data set's outputs). */
  port?(dir: 'in' | 'out', name: string, params: Record<string, unknown>): PortZh | undefined;
}

export const CATEGORY_ZH: Record<Category, string> = {
  data: '数据',
  latent: '隐变量与编码',
  network: '网络',
  gradient: '梯度控制',
  loss: '损失',
};

export const TENSOR_KIND_ZH: Record<TensorKind, string> = {
  image: '图像',
  vector: '向量',
  label: '标签',
  logits: 'logits',
  code: '编码',
  scalar: '标量',
  weights: '共享权重',
};

const shares: PortZh = { label: '共享权重自', description: '把另一个网络的权重接到这里，就是再次使用同一个网络（同一组变量）' };
const weightsOut: PortZh = { description: '接到另一个网络的“共享权重自”端口，以复用这组权重' };
const networkParams: Record<string, ParamZh> = {
  layers: { help: '层的堆叠，从第一层到最后一层。' },
  width: { label: '宽度', help: '把除最后一层外每层的单元数/滤波器数乘以这个倍数（在规模预设之上）。' },
  featuresAt: { label: '特征取自', help: '某一层的名字，`features` 端口输出该层的结果（例如特征匹配用的 D_l）。' },
  ema: { label: '权重平均', help: '以这个衰减率保存权重的指数滑动平均（例如 0.999），每个训练步后更新；采样和评估使用平均后的权重。0 表示关闭。' },
};
const lossWeight: ParamZh = { label: '权重', help: '在任何使用这个损失的阶段里，都把它乘以这个数。' };
const exampleWeights: PortZh = { label: '权重', description: '每个样本一个权重（例如伪标签的置信度）：每个样本的损失按这个比例计入' };
const range: ParamZh = { label: '取值范围', help: '送入图中的像素范围：−1..1 适合以 tanh 结尾的生成器。' };
const channels: ParamZh = { label: '通道', help: '把图像转成灰度或 RGB，让两个数据集可以共用一个网络（DANN）。', options: { native: '保持原样', grey: '灰度', rgb: 'RGB' } };
const loss: PortZh = { label: '损失', description: '批内平均损失' };

/** A data set's output, in Chinese (the table below), for the Dataset node's ports. */
function datasetPort(name: string, port: string): PortZh | undefined {
  if (name === 'custom' && port === 'x') return { description: '你的图像，取值在所选范围内' };
  const text = DATASET_ZH[name]?.outputs[port];
  return text ? { description: text } : undefined;
}

export const KIND_ZH: Record<NodeKindId, KindZh> = {
  Composite: {
    title: '合成',
    description: '洞外保留 x，洞内取 y：x⊙(1−M) + y⊙M。',
    inputs: { x: { description: '洞周围的图像' }, y: { description: '填补洞的图像' }, mask: { label: '掩码', description: 'M，洞内为 1' } },
    outputs: { out: { description: '合成后的图像' } },
  },
  Dataset: {
    title: '数据集',
    description: '每一步都抽取一个新的、打乱过的样本批次（以及它们的标签）。',
    outputs: { domain: { label: '域', description: '这个数据集的域编号，作为长度为 1 的标签（用于 DANN）' } },
    port: (dir, name, params) => (dir === 'out' ? datasetPort(String(params.name), name) : undefined),
    params: {
      name: { label: '名称', help: '使用哪个数据集。', options: { custom: '你自己的图像' } },
      split: { label: '划分', help: '训练集还是留出的测试样本。', options: { train: '训练集', test: '测试集' } },
      range,
      channels,
      domain: { label: '域', help: '这个数据集输出的域标签（0 为源域，1 为目标域）。' },
      size: { label: '尺寸', help: '你自己的图像的高、宽、通道数（边长不超过 512）。' },
    },
  },
  Degrade: {
    title: '降质',
    description: '按倍数缩小图像，为超分辨率生成低/高分辨率图像对。',
    inputs: { x: { description: '高分辨率图像' } },
    outputs: { lr: { description: '低分辨率图像' }, hr: { description: '原始的高分辨率图像' } },
    params: { factor: { label: '倍数', help: '下采样倍数。' }, method: { label: '方法', help: '像素如何平均。', options: { area: '区域平均', bicubic: '双三次' } } },
  },
  LabelledSubset: {
    title: '带标签子集',
    description: '每个类别只保留前 k 个样本的标签，其余样本不带标签（半监督学习）。',
    outputs: { x_labelled: { description: '从带标签样本中抽取的一批' }, label: { label: '标签', description: '它们的标签' }, x_unlabelled: { description: '从其余无标签样本中抽取的一批' } },
    params: { dataset: { label: '数据集', help: '一个带类别标签的数据集。' }, perClass: { label: '每类标签数', help: '每个类别保留的带标签样本数。' }, range, channels },
  },
  Mask: {
    title: '掩码',
    description: '在图像上挖洞（中心方块、随机方框或笔画），用于图像补全。',
    inputs: { x: { description: '完整的图像' } },
    outputs: { masked: { description: '洞被置零的图像：x⊙(1−M)' }, mask: { label: '掩码', description: 'M：洞内为 1，其余为 0' }, x: { description: '完整的图像，原样传出' } },
    params: { shape: { label: '形状', help: '洞的位置与形状。', options: { centre: '中心方块', boxes: '随机方框', strokes: '笔画' } }, size: { label: '大小', help: '洞的大小，占图像边长的比例。' } },
  },
  CategoricalCode: {
    title: '类别编码',
    description: '从 k 个类别中随机取一个，表示为 one-hot 向量（InfoGAN 的 c1）。',
    outputs: { c: { description: 'one-hot 类别' } },
    params: { k: { label: '类别数', help: '类别的个数。' } },
  },
  Concat: {
    title: '拼接',
    description: '把向量首尾相接，或把图像按通道拼在一起。',
    inputs: { a: { description: '要拼接的一部分' }, b: { description: '要拼接的一部分' }, c: { description: '另一部分（可选）' }, d: { description: '另一部分（可选）' } },
    outputs: { out: { description: '拼接后的结果' } },
  },
  ContinuousCode: {
    title: '连续编码',
    description: '在一个区间内均匀抽取的随机值（InfoGAN 的 c2、c3）。',
    outputs: { c: { description: '连续编码' } },
    params: { dim: { label: '维度', help: '数值的个数。' }, min: { label: '下限', help: '区间的下端。' }, max: { label: '上限', help: '区间的上端。' } },
  },
  Noise: {
    title: '噪声',
    description: '每一步都重新抽取的随机向量 z，生成器把它变成样本。',
    outputs: { z: { description: '一批噪声向量' } },
    params: { dim: { label: '维度', help: 'z 的长度。' }, distribution: { label: '分布', help: 'N(0,1) 或 U(−1,1)。', options: { normal: '正态 N(0, 1)', uniform: '均匀 U(−1, 1)' } } },
  },
  Reparameterize: {
    title: '重参数化',
    description: '按 z = μ + σ·ε 采样，使梯度能传到编码器；同时给出与 N(0, 1) 的 KL 散度。',
    inputs: { mu: { label: 'μ', description: '均值' }, logvar: { label: 'log σ²', description: '对数方差' } },
    outputs: { z: { description: '采样得到的编码' }, kl: { description: 'KL(q(z|x) ‖ N(0, 1))，在批内取平均' } },
  },
  Split: {
    title: '切分',
    description: '把一个向量切成连续的几段（例如把编码器的输出切成 μ 和 log σ²）。',
    inputs: { x: { description: '要切分的向量' } },
    params: { sizes: { label: '各段长度', help: '每一段的长度，按顺序。' } },
    port: (dir, name, params) => {
      if (dir !== 'out') return undefined;
      const i = Number(name.replace(/\D/g, ''));
      const sizes = Array.isArray(params.sizes) ? (params.sizes as number[]) : [];
      return { label: `第 ${i + 1} 段`, description: `长度为 ${sizes[i] ?? '?'} 的数值` };
    },
  },
  Classifier: {
    title: '分类器',
    description: '为输入预测一个类别，输出 logits。',
    inputs: { x: { description: '要分类的图像或特征' }, shares },
    outputs: { out: { description: '类别 logits' }, weights: weightsOut },
    params: networkParams,
  },
  Discriminator: {
    title: '判别器',
    description: '给输入打分，判断它看起来有多真实（一个 logit：越高越像真的）。',
    inputs: { x: { description: '真实或生成的样本（或样本对）' }, shares },
    outputs: { out: { description: '真实度 logits' }, weights: weightsOut },
    params: networkParams,
  },
  Encoder: {
    title: '编码器',
    description: '把输入映射成编码（特征，或 VAE 的 μ 与 log σ²）。',
    inputs: { x: { description: '要编码的图像或向量' }, shares },
    outputs: { out: { description: '编码' }, weights: weightsOut },
    params: networkParams,
  },
  Generator: {
    title: '生成器',
    description: '把编码（或一张受损的图像）变成新的样本。',
    inputs: { x: { description: '噪声与编码，或一张要变换的图像' }, shares },
    outputs: { out: { description: '生成的样本' }, weights: weightsOut },
    params: networkParams,
  },
  Head: {
    title: '输出头',
    description: '接在另一个网络特征上的新输出：有自己的层，主干的权重共享（InfoGAN 中接在 D 上的 Q）。',
    inputs: { features: { label: '特征', description: '主干的特征（某个网络的 `features` 端口）' }, shares: { label: '共享权重自', description: '复用另一个输出头的权重' } },
    outputs: { out: { description: '输出头的预测' }, weights: weightsOut },
    params: { ...networkParams, outputKind: { label: '输出', help: '输出头预测什么。', options: { logits: 'logits', code: '编码', vector: '向量' } } },
  },
  Pair: {
    title: '配对',
    description: '把样本和它的编码或标签连在一起，让判别器评判这一对（BiGAN、Triple-GAN）。',
    inputs: { x: { description: '样本' }, y: { description: '它的编码或标签（logits 会先经过 softmax）' } },
    outputs: { pair: { description: '连在一起的样本对' }, confidence: { label: '置信度', description: '每一行 softmax 的最大值（置信度），可用来给损失按样本加权' } },
    params: {
      mode: { label: '方式', help: '“flatten”：x 展平成向量后接上 y；“channels”：把 y 铺满图像，作为额外的通道。', options: { flatten: '展平相接', channels: '作为通道' } },
      labels: { label: '标签', help: '硬标签：y 变成其最大值位置的 one-hot，使判别器看到的伪标签与真实标签格式相同；梯度仍按直通方式传到分类器的 softmax。同时给出每一行的置信度。', options: { soft: '软标签（原样）', hard: '硬标签（argmax，直通梯度）' } },
    },
  },
  GradientReversal: {
    title: '梯度反转',
    description: '前向时数值原样通过，反向时把梯度乘以 −λ，让后面的网络学会“失败”（DANN）。',
    inputs: { x: { description: '特征' } },
    outputs: { out: { description: '同样的特征；反向传回的梯度乘以 −λ' } },
    params: {
      schedule: { label: '调度', help: '固定的 λ，或随训练进度 p 从 0 升到 λ 的 DANN 曲线。', options: { constant: '固定 λ', dann: 'DANN：λ·(2/(1+e^(−γp)) − 1)' } },
      lambda: { label: 'λ', help: '反转的强度（DANN 曲线上的最终值）。' },
      gamma: { label: 'γ', help: 'DANN 曲线的陡峭程度。' },
    },
  },
  StopGradient: {
    title: '停止梯度',
    description: '数值原样通过，但不让任何梯度反向流过。',
    inputs: { x: { description: '任何输入' } },
    outputs: { out: { description: '同样的数值，被当作常量' } },
  },
  AdversarialLoss: {
    title: '对抗损失',
    description: '把判别器的分数推向“真”或“假”。',
    inputs: { logits: { description: '判别器的分数' }, weights: exampleWeights },
    outputs: { loss },
    params: {
      target: { label: '目标', help: '这个损失要求的判决。', options: { real: '真', fake: '假' } },
      type: { label: '类型', help: 'BCE：logit 的对数损失；最小二乘：(D − t)²；hinge：间隔损失。', options: { bce: '非饱和 BCE', 'least-squares': '最小二乘', hinge: 'hinge' } },
      role: { label: '角色', help: '仅 hinge：生成器一方用 −D(x)，而不是间隔。', options: { discriminator: '判别器', generator: '生成器' } },
      smoothing: { label: '标签平滑', help: '单边标签平滑：“真”的目标变成 1 − s（例如 0.1），判别器就不会被要求百分之百确定。只用在判别器的“真”项上。' },
      weight: lossWeight,
    },
  },
  CodeRegression: {
    title: '编码回归',
    description: '预测的连续编码与真实编码之间的平方误差（InfoGAN 的 λ_cont 项）。',
    inputs: { prediction: { label: '预测', description: '还原出的编码' }, code: { label: '编码', description: '当初输入的编码' } },
    outputs: { loss: { label: '损失', description: '平均平方误差' } },
    params: { weight: lossWeight },
  },
  ContrastivePair: {
    title: '对比损失',
    description: '把同一类的嵌入拉近，把不同类的嵌入推开，至少相隔一个间隔。',
    inputs: { a: { description: '嵌入' }, b: { description: '同类伙伴的嵌入，逐行对应' }, label: { label: '标签', description: '每一行的类别（负样本是其他类别的行）' } },
    outputs: { loss: { label: '损失', description: '平均对比 hinge 损失' } },
    params: { margin: { label: '间隔', help: '不同类别之间必须保持的距离。' }, weight: lossWeight },
  },
  CrossEntropy: {
    title: '交叉熵',
    description: 'logits 相对于标签的分类损失（k 类用 softmax，一类用 sigmoid）。',
    inputs: { logits: { description: '预测' }, labels: { label: '标签', description: '真实类别（one-hot），或软目标' }, weights: exampleWeights },
    outputs: { loss },
    params: { weight: lossWeight },
  },
  Entropy: {
    title: '熵',
    description: '分类器有多不确定：softmax 预测的平均熵 −Σ p log p；把它最小化会让预测更自信（半监督学习、Triple-GAN）。',
    inputs: { logits: { description: '分类器的 logits（在这里做 softmax）' } },
    outputs: { loss: { label: '损失', description: '平均熵，单位为奈特' } },
    params: { weight: lossWeight },
  },
  FeatureMatching: {
    title: '特征匹配',
    description: '两组特征图之间的平方距离（VAE-GAN 的 ‖D_l(x) − D_l(x̃)‖²）。',
    inputs: { a: { description: '一个输入的特征' }, b: { description: '另一个输入的特征' } },
    outputs: { loss: { label: '损失', description: '平均平方距离' } },
    params: { weight: lossWeight },
  },
  KLNormal: {
    title: '与 N(0, 1) 的 KL',
    description: '让编码器的高斯分布 q(z|x) 靠近先验 N(0, 1)（VAE 的 L_prior）。',
    inputs: { mu: { label: 'μ', description: '均值' }, logvar: { label: 'log σ²', description: '对数方差' } },
    outputs: { loss: { label: '损失', description: '各维 KL 之和在批内的平均' } },
    params: { weight: lossWeight },
  },
  R1Penalty: {
    title: 'R1 惩罚',
    description: '让判别器在真实数据处保持平滑：其分数对输入的斜率平方的均值乘以 γ/2（Mescheder 等）。',
    inputs: { logits: { description: '判别器对真实样本的分数，直接取自其输出（惩罚项对输入求导）' } },
    outputs: { loss: { label: '损失', description: 'γ/2 乘以输入梯度平方的均值' } },
    params: { gamma: { label: 'γ', help: '强度：惩罚为 γ/2 · E‖∇ₓD(x)‖²（图像通常取 10，小数据取 0.1–1）。' }, weight: lossWeight },
  },
  ReconstructionLoss: {
    title: '重构损失',
    description: '预测与目标之间逐像素的差距（可以只算掩码内的部分）。',
    inputs: { prediction: { label: '预测', description: '网络生成的结果' }, target: { label: '目标', description: '它本应生成的结果' }, mask: { label: '掩码', description: '每个像素的权重（1 表示计入）' } },
    outputs: { loss: { label: '损失', description: '平均误差' } },
    params: { metric: { label: '度量', help: '平方误差、绝对误差，或 [0, 1] 内取值时的 BCE。', options: { l2: '平方误差 L2', l1: '绝对误差 L1', bce: 'BCE' } }, weight: lossWeight },
  },
};

export interface LayerZh {
  title: string;
  description: string;
  fields: Record<string, ParamZh>;
}

const layerName: ParamZh = { label: '名称', help: '给这一层起个名字，就能把它的输出当作特征读取。' };
const spectralNorm: ParamZh = { label: '谱归一化', help: '把卷积核除以它的最大奇异值（每个训练步做一次幂迭代）：让判别器的斜率保持有界。' };

export const LAYER_ZH: Record<LayerType, LayerZh> = {
  dense: { title: '全连接', description: '每个输出都是所有输入的加权和再加上偏置。', fields: { units: { label: '单元数', help: '输出的个数。' }, spectralNorm, name: layerName } },
  conv2d: {
    title: '卷积',
    description: '在图像上滑动可学习的滤波器。',
    fields: {
      filters: { label: '滤波器数', help: '输出通道数。' },
      kernel: { label: '核大小', help: '滤波器的像素尺寸。' },
      stride: { label: '步长', help: '相邻两次滤波的间隔；2 会让尺寸减半。' },
      padding: { label: '填充', help: '“same”保持 尺寸/步长；“valid”只用完整的窗口。' },
      spectralNorm,
      name: layerName,
    },
  },
  convTranspose2d: {
    title: '转置卷积',
    description: '可学习的上采样：带步长卷积的转置。',
    fields: { filters: { label: '滤波器数', help: '输出通道数。' }, kernel: { label: '核大小', help: '滤波器的像素尺寸。' }, stride: { label: '步长', help: '上采样倍数。' }, padding: { label: '填充', help: '“same”得到 尺寸×步长。' }, name: layerName },
  },
  upsample: {
    title: '上采样',
    description: '通过重复像素（最近邻）或插值（双线性）放大图像。',
    fields: { factor: { label: '倍数', help: '放大倍数。' }, method: { label: '方法', help: '插值方式。', options: { nearest: '最近邻', bilinear: '双线性' } }, name: layerName },
  },
  batchNorm: { title: '批归一化', description: '在批内对每个通道做归一化，再缩放和平移。', fields: { momentum: { label: '动量', help: '滑动平均的动量。' }, name: layerName } },
  layerNorm: { title: '层归一化', description: '对每个样本在它的所有特征上做归一化，再缩放和平移。', fields: { name: layerName } },
  relu: { title: 'ReLU', description: 'max(0, x)。', fields: { name: layerName } },
  leakyRelu: { title: 'LeakyReLU', description: 'x > 0 时为 x，否则为 αx。', fields: { alpha: { label: 'α', help: '负输入的斜率。' }, name: layerName } },
  tanh: {
    title: 'Tanh',
    description: '以 s·tanh(x) 压缩到 (−s, s)：图像生成器常用的最后一层，或把编码限制在先验的范围内。',
    fields: { scale: { label: '缩放 s', help: '输出范围 (−s, s)：−1..1 的图像和 U(−1, 1) 编码用 1；例如 3 能让编码接近 N(0, 1) 先验。' }, name: layerName },
  },
  sigmoid: { title: 'Sigmoid', description: '压缩到 (0, 1)。', fields: { name: layerName } },
  reshape: { title: '变形', description: '把数值重新排成新的形状；可以有一维为 −1（自动推断）。', fields: { shape: { label: '形状', help: '目标形状，例如 7, 7, −1。' }, name: layerName } },
  flatten: { title: '展平', description: '把图像变成向量。', fields: { name: layerName } },
  dropout: { title: 'Dropout', description: '训练时把随机的一部分数值置零。', fields: { rate: { label: '比例', help: '被丢弃的数值比例。' }, name: layerName } },
  gaussianNoise: {
    title: '高斯噪声',
    description: '训练时加上强度为 σ 的随机正态噪声；作为判别器的第一层时就是“实例噪声”。',
    fields: { sigma: { label: 'σ', help: '噪声的标准差（−1..1 的图像：0.1–0.5）。' }, anneal: { label: '退火', help: '固定噪声，或随训练进度 p 变为 σ·(1 − p)。', options: { none: '固定 σ', linear: 'σ 随训练降到 0' } }, name: layerName },
  },
  residualBlock: { title: '残差块', description: '卷积–批归一化–ReLU–卷积–批归一化，再加上输入：学习一个修正量，尺寸不变。', fields: { kernel: { label: '核大小', help: '滤波器尺寸。' }, name: layerName } },
  unetBlock: {
    title: 'U-Net 块',
    description: '下采样 depth 次再上采样回来，每个尺度都有跳跃连接。',
    fields: { filters: { label: '滤波器数', help: '最细尺度的通道数（每层加倍）。' }, depth: { label: '深度', help: '下采样/上采样的层数。' }, name: layerName },
  },
};

export interface DatasetZh {
  title: string;
  description: string;
  outputs: Record<string, string>;
}

/** By data set name (src/graph/datasets.ts). */
export const DATASET_ZH: Record<string, DatasetZh> = {
  mnist: { title: 'MNIST 手写数字', description: '10,000 张真实的手写数字，28×28 灰度（9,000 训练 / 1,000 测试）。', outputs: { x: '数字图像，取值在 [0, 1]', label: '数字，one-hot' } },
  'mnist-m': { title: 'MNIST-M（合成纹理）', description: '与生成的彩色纹理混合的 MNIST 数字，28×28 RGB。', outputs: { x: '带纹理的数字，取值在 [0, 1]', label: '数字，one-hot' } },
  faces: { title: '卡通人脸（合成）', description: '程序绘制的 32×32 RGB 人脸，带有标注的属性。', outputs: { x: '人脸图像，取值在 [0, 1]', attributes: '二值属性' } },
  speech: { title: '类语音片段（合成）', description: '来自多个合成说话人的类频谱帧序列。', outputs: { x: '语音频谱图，取值在 [0, 1]', x2: '同一说话人的另一段语音', speaker: 'x（和 x2）的说话人，one-hot', content: 'x 的第一个音素，one-hot' } },
  ring8: { title: '8 个高斯组成的圆环（二维）', description: '半径为 2 的圆上的 8 个高斯分布。', outputs: { x: '平面上的一个点', label: '这个点来自哪个模式' } },
  grid25: { title: '5×5 高斯网格（二维）', description: '排成网格的 25 个高斯分布。', outputs: { x: '平面上的一个点', label: '这个点来自哪个模式' } },
  spiral: { title: '螺旋（二维）', description: '沿两圈螺旋线分布的点。', outputs: { x: '平面上的一个点', label: '这个点来自哪个模式' } },
  moons: { title: '双月（二维）', description: '两个交错的半圆。', outputs: { x: '平面上的一个点', label: '这个点来自哪个模式' } },
};

/** Network presets of the layer editor, by id (src/graph/presets.ts). */
export const PRESET_ZH: Record<string, { title: string; description: string }> = {
  mlp: { title: 'MLP（多层感知机）', description: '两个隐藏的全连接层；输入是图像时先展平，输出是图像时再变形。' },
  dcgan: { title: 'DCGAN', description: '带步长的卷积向下（输入是图像），或转置卷积向上（输出是图像）。' },
  'residual-sr': { title: '残差超分辨率', description: '残差卷积块，然后逐次 ×2 上采样到输出尺寸（超分辨率）。' },
  unet: { title: '小型 U-Net', description: '先下采样再上采样，带跳跃连接：图像尺寸不变（图像补全、图像到图像）。' },
};

/** The keyboard shortcuts' descriptions and gestures (src/ui/shell/shortcuts.ts), by their English text. */
export const SHORTCUT_ZH: Record<string, string> = {
  Undo: '撤销',
  Redo: '重做',
  'Copy the selection': '复制所选内容',
  'Cut the selection': '剪切所选内容',
  Paste: '粘贴',
  'Duplicate the selection': '复制一份所选内容',
  'Delete the selection': '删除所选内容',
  'Select everything': '全选',
  'Save the document as a file': '把文档保存为文件',
  'Open a document (.json or an exported .png)': '打开文档（.json 或导出的 .png）',
  'Train (checks the graph first)': '训练（先检查图）',
  'Search for a node and place it there': '搜索一个节点并放在那里',
  'Add a node that takes it': '添加一个能接上它的节点',
  'Select with a box': '框选',
  'Show these shortcuts': '显示这些快捷键',
  'Close a dialog, clear the selection': '关闭对话框，清除选择',
  'Double-click canvas': '双击画布',
  'Drop a wire on the canvas': '把连线拖到画布空白处',
  'Shift+drag': 'Shift+拖动',
  Space: '空格',
  Delete: 'Delete',
  Backspace: 'Backspace',
  Esc: 'Esc',
};
