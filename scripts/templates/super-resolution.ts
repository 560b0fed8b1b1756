import { adam, makeTemplate, phase, variant } from './builder';
import { dcganDiscriminator32, relu } from './layers';
import type { Layer } from '../../src/graph/layers';

const residual: Layer = { type: 'residualBlock', kernel: 3 };
const generator: Layer[] = [
  { type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu,
  residual, residual, residual, residual,
  { type: 'upsample', factor: 2, method: 'nearest' },
  { type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu,
  { type: 'upsample', factor: 2, method: 'nearest' },
  { type: 'conv2d', filters: 64, kernel: 3, stride: 1, padding: 'same' }, relu,
  { type: 'conv2d', filters: 3, kernel: 3, stride: 1, padding: 'same' },
  { type: 'tanh' },
];

const gStep = (terms: (string | { loss: string; weight: number })[]) =>
  phase({ id: 'g', name: 'G step', terms, updates: ['G'], optimizer: adam(2e-4, 0.9) });

export default makeTemplate({
  id: 'super-resolution',
  title: 'Super-resolution ×4 (SRGAN)',
  description: 'Restores 8×8 faces to 32×32; a small adversarial term makes the details sharp instead of smooth.',
  view: 'super-resolution',
  roles: { data: 'x', lowRes: { node: 'deg', port: 'lr' }, highRes: { node: 'deg', port: 'hr' }, upscaler: 'G', judge: 'D' },
  lesson: `
Low-resolution faces are made by shrinking 32×32 faces ×4 (bicubic) to 8×8 — such pairs are
easy to make from any pictures. A generator of residual conv blocks and two ×2 upsamplings
learns the way back.

Trained with a **pixel loss** only, it predicts the average of all plausible details: a good
PSNR, but smooth. A small **adversarial** term (weight 10⁻³, as in SRGAN) has a discriminator
push the output towards the look of real faces: sharper, with details G invents. They need not
match the original, only fool D, so the PSNR drops. (SRGAN's content loss compares VGG
features; here it is the pixel loss.)

**In the lesson view**: PSNR, SSIM and sharpness of bicubic and of the network on test faces,
and for one face the panels bicubic | network | original — hover over a panel to zoom in. Once
the run is paused or done, train the **pixel loss only** baseline (SRResNet: the same G, no D)
for as many iterations, and the panels become bicubic | pixel loss | GAN | original. What the
paper found, and this run should show: the pixel-loss network above bicubic in PSNR; the GAN
below the pixel-loss network in PSNR, but sharper.
`,
  zh: {
    title: '×4 超分辨率（SRGAN）',
    description: '把 8×8 的人脸还原成 32×32；一个很小的对抗项让细节变得清晰，而不是平滑。',
    lesson: `
把 32×32 的人脸用双三次插值缩小 4 倍得到 8×8 的低分辨率人脸——这样的训练数据很好准备：清晰的图片变模糊很容易。由残差卷积块和两次 ×2 上采样组成的**生成器**学习反过来的路。

只用**像素损失**训练时，它预测的是所有可能细节的平均：PSNR 不错，但画面平滑、模糊。加一个很小的**对抗**项（权重 10⁻³，和 SRGAN 一样），**判别器**就会把输出往真实人脸的样子推：更清晰，但细节是 G 自己生成的。这些细节不必和原图一样，只要能骗过判别器就行，所以 PSNR 会下降。（SRGAN 的内容损失比较的是 VGG 特征；这里用的是像素损失。）

**课程视图里**：测试人脸上双三次插值和网络的 PSNR、SSIM 和清晰度；对一张人脸，显示“双三次 | 网络 | 原图”几幅图，鼠标移上去可以放大局部。训练暂停或结束后，可以把基线“只用像素损失”（pixel loss only，即 SRResNet：同样的 G，没有 D）训练同样多的迭代，图就变成“双三次 | 像素损失 | GAN | 原图”——和课上的四幅图一样。论文的结论、也是这次训练应该显示的：像素损失网络的 PSNR 高于双三次插值；GAN 的 PSNR 低于像素损失网络，但更清晰。
`,
    nodes: { x: '32×32 人脸', G: 'G（超分辨率）', L_pix: '像素损失', D: 'D（高分辨率）', D_fake: 'D（超分辨率结果）' },
    phases: { d: 'D 步', g: 'G 步' },
    variants: {
      'pixel-loss': { title: '只用像素损失', description: '同样的生成器，只用像素损失训练（SRResNet）。' },
    },
  },
  build: (g) => {
    g.node('x', 'Dataset', [0, 1], { name: 'faces', range: '-1..1' }, 'faces 32×32');
    g.node('deg', 'Degrade', [1, 1], { factor: 4, method: 'bicubic' }, '↓4');
    g.wire('x.x', 'deg.x');
    g.node('G', 'Generator', [2, 2], { layers: generator }, 'G (SR)');
    g.wire('deg.lr', 'G.x');
    g.reconstructionLoss('L_pix', [3, 2], 'G.out', 'deg.hr', 'pixel loss');
    g.node('D', 'Discriminator', [3, 0], { layers: dcganDiscriminator32('Dl') }, 'D (HR)');
    g.node('D_fake', 'Discriminator', [3, 1], {}, 'D (SR)');
    g.share('D', 'D_fake');
    g.wire('deg.hr', 'D.x');
    g.wire('G.out', 'D_fake.x');
    g.node('L_real', 'AdversarialLoss', [4, 0], { target: 'real' }, 'HR → 1');
    g.node('L_fake', 'AdversarialLoss', [4, 1], { target: 'fake' }, 'SR → 0');
    g.node('L_adv', 'AdversarialLoss', [4, 2], { target: 'real', weight: 1e-3 }, 'G: SR → 1 (×10⁻³)');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_fake.out', 'L_fake.logits');
    g.wire('D_fake.out', 'L_adv.logits');
  },
  phases: [
    phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(2e-4) }),
    gStep(['L_pix', 'L_adv']),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.5, batchSize: 16, steps: 1500 },
    full: { width: 1, batchSize: 32, steps: 20000 },
  },
  variants: [
    variant('pixel-loss', 'pixel loss only', 'The same generator trained with the pixel loss alone (SRResNet).', {
      remove: ['D', 'D_fake', 'L_real', 'L_fake', 'L_adv'],
      phases: [gStep(['L_pix'])],
    }),
  ],
});
