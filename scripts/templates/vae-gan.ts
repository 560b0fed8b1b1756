import { adam, makeTemplate, phase, variant } from './builder';
import { convEncoder, dcganDiscriminator32, dcganGenerator32 } from './layers';

const Z = 64;

export default makeTemplate({
  id: 'vae-gan',
  title: 'VAE-GAN on faces',
  description: 'A VAE whose reconstructions are judged in a discriminator’s features, not in pixels alone — sharper faces.',
  view: 'vae-gan',
  roles: { data: 'x', posterior: 'rep', decoder: 'G', prior: 'G_p', judge: 'D' },
  lesson: `
A **VAE** encodes a face x into a Gaussian q(z|x), samples z = μ + σ·ε and decodes x̃ = G(z).
Trained with a pixel loss its reconstructions are blurry: when several details are plausible,
their average has the smallest squared error.

**VAE-GAN** also measures the reconstruction in the features of a discriminator layer D_l (its
last conv block) — \`L_llike = ‖D_l(x) − D_l(x̃)‖²\` — and trains D as a GAN's discriminator on
x, x̃ and G(z_p) for z_p from the prior. D learns which features tell real faces from
reconstructions, and that is the similarity the decoder is held to: a *learned* metric in place of
pixels alone. Each network gets only its own terms:

- Encoder step: \`0.01·KL(q(z|x) ‖ N(0, 1)) + L_llike + L_pixel\` — no adversarial term reaches E.
- Generator step: \`0.05·L_llike + L_pixel\`.
- Discriminator step: \`BCE(D(x),1) + BCE(D(x̃),0) + BCE(D(G(z_p)),0)\` — no reconstruction term.

The paper's generator step also asks G to fool D on x̃ and G(z_p). Try the variant **G fools D
(the paper's step)**: at this size the reconstructions fill with speckle (sharpness ratio about 2).
Even a weight of 0.001 on "fool D" still shows (ratio about 1.4). The likely reason: D's gradient
with respect to its input is far larger than the mean pixel and feature terms', and a small
network trained for 1,200 iterations cannot yet turn that push into real detail.

**In the lesson view**: faces beside their reconstructions G(μ(x)), and samples from the prior.
Once the run is paused or done, train the **plain VAE** baseline (the same E and G with only
\`‖x − x̃‖²\`, no discriminator) for as many iterations: the grid becomes
input | plain VAE | VAE-GAN. Two figures:

- reconstruction error (MSE) — the VAE-GAN should stay close to the plain VAE's;
- sharpness ratio — the mean gradient magnitude of the reconstructions over that of the real
  faces (1 = as sharp as real faces). The plain VAE sits well below 1: that is the blur. The
  VAE-GAN should be nearer 1.

A ratio above 1 means more fine texture than real faces have, and artefacts count as texture
too: judge the pictures, not only the number.
`,
  zh: {
    title: '人脸上的 VAE-GAN',
    description: '一个 VAE，重建的好坏不只逐个像素比较，还由判别器的特征来衡量——人脸因此更清晰。',
    lesson: `
**VAE** 把人脸 x 编码成一个高斯分布 q(z|x)，采样 z = μ + σ·ε，再由**解码器**还原成 x̃ = G(z)。只用像素损失训练时，重建是模糊的：几种细节都说得通的时候，取它们的平均值平方误差最小。

**VAE-GAN** 还在**判别器**某一层 D_l（最后一个卷积块）的特征空间里衡量**重建**——\`L_llike = ‖D_l(x) − D_l(x̃)‖²\`——并像 GAN 的判别器那样训练 D，让它分辨 x、x̃ 和从先验采样得到的 G(z_p)。D 学会了哪些特征能把真实人脸和重建区分开，解码器就按这种相似度来还原：用*学出来的*度量，而不只是像素。每个网络只接收属于自己的项：

- **编码器**步：\`0.01·KL(q(z|x) ‖ N(0, 1)) + L_llike + L_pixel\`——对抗项不会传到 E。
- **生成器**步：\`0.05·L_llike + L_pixel\`。
- 判别器步：\`BCE(D(x),1) + BCE(D(x̃),0) + BCE(D(G(z_p)),0)\`——没有重建项。

论文的生成器步还要求 G 在 x̃ 和 G(z_p) 上骗过 D。试试变体 **G 骗过 D（论文的做法）**：在这个规模下，重建会布满噪点（清晰度比约为 2）。“骗过 D”哪怕只占 0.001 的权重也看得出来（清晰度比约为 1.4）。可能的原因是：D 对输入的梯度远大于取平均的像素项和特征项，而一个训练 1,200 次迭代的小网络还没法把这股推力变成真正的细节。

**课程视图里**：人脸和它的重建 G(μ(x)) 两两并排，还有从先验采样的图片。训练暂停或结束后，可以把基线“纯 VAE”（plain VAE）训练同样多的迭代——同样的 E 和 G，只用 \`‖x − x̃‖²\`，没有判别器——网格就变成“输入 | 纯 VAE | VAE-GAN”。两个数字：

- 重建误差（MSE）——VAE-GAN 应该和纯 VAE 相差不大；
- 清晰度比——重建图片的平均梯度大小除以真实人脸的（1 表示和真实人脸一样清晰）。纯 VAE 明显低于 1，这就是模糊；VAE-GAN 应该更接近 1。

比值大于 1 表示比真实人脸有更多细碎的纹理，而伪影也算纹理：要看图片本身，不要只看数字。
`,
    nodes: { x: '人脸', G: 'G（解码器）', G_p: 'G（先验）', D: 'D（真实）', D_p: 'D（先验）', L_pixel: 'L_pixel：‖x − x̃‖²' },
    phases: { e: '编码器步', g: '生成器步', d: '判别器步', vae: 'VAE 步' },
    variants: {
      'plain-vae': { title: '纯 VAE', description: '同样的编码器和解码器，只用像素损失训练：没有判别器。' },
      'paper-generator': { title: 'G 骗过 D（论文的做法）', description: '论文的生成器步：γ·L_llike 加上在 x̃ 和 G(z_p) 上“骗过 D”，没有像素项。在这个规模下重建会布满噪点。' },
    },
  },
  build: (g) => {
    g.node('x', 'Dataset', [0, 1], { name: 'faces', range: '-1..1' }, 'faces');
    g.node('E', 'Encoder', [1, 1], { layers: convEncoder(2 * Z) }, 'E');
    g.wire('x.x', 'E.x');
    g.node('musig', 'Split', [2, 1], { sizes: [Z, Z] }, 'μ, log σ²');
    g.wire('E.out', 'musig.x');
    g.node('rep', 'Reparameterize', [3, 1], {}, 'z ~ q(z|x)');
    g.wire('musig.out0', 'rep.mu');
    g.wire('musig.out1', 'rep.logvar');
    g.node('G', 'Generator', [4, 1], { layers: dcganGenerator32() }, 'G (decoder)');
    g.wire('rep.z', 'G.x');
    g.node('zp', 'Noise', [3, 3], { dim: Z }, 'z_p ~ N(0, 1)');
    g.node('G_p', 'Generator', [4, 3], {}, 'G (prior)');
    g.share('G', 'G_p');
    g.wire('zp.z', 'G_p.x');
    g.node('D', 'Discriminator', [5, 0], { layers: dcganDiscriminator32('Dl'), featuresAt: 'Dl' }, 'D (real)');
    g.node('D_rec', 'Discriminator', [5, 1], {}, 'D (x̃)');
    g.node('D_p', 'Discriminator', [5, 3], {}, 'D (prior)');
    g.share('D', 'D_rec');
    g.share('D', 'D_p');
    g.wire('x.x', 'D.x');
    g.wire('G.out', 'D_rec.x');
    g.wire('G_p.out', 'D_p.x');
    g.node('L_prior', 'KLNormal', [3, 2], { weight: 0.01 }, 'L_prior');
    g.wire('musig.out0', 'L_prior.mu');
    g.wire('musig.out1', 'L_prior.logvar');
    g.node('L_llike', 'FeatureMatching', [6, 1], {}, 'L_llike: ‖D_l(x) − D_l(x̃)‖²');
    g.wire('D.features', 'L_llike.a');
    g.wire('D_rec.features', 'L_llike.b');
    g.reconstructionLoss('L_pixel', [5, 2], 'G.out', 'x.x', 'L_pixel: ‖x − x̃‖²');
    g.node('L_real', 'AdversarialLoss', [6, 0], { target: 'real' }, 'x → 1');
    g.node('L_rec_fake', 'AdversarialLoss', [6, 2], { target: 'fake' }, 'x̃ → 0');
    g.node('L_p_fake', 'AdversarialLoss', [6, 3], { target: 'fake' }, 'G(z_p) → 0');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_rec.out', 'L_rec_fake.logits');
    g.wire('D_p.out', 'L_p_fake.logits');
  },
  phases: [
    phase({ id: 'e', name: 'Encoder step', terms: ['L_prior', 'L_llike', 'L_pixel'], updates: ['E'], optimizer: adam(3e-4) }),
    // No adversarial term for G: at this size even a weight of 0.001 on "fool D" covered the
    // reconstructions in speckle (sharpness ratio 1.4–2.0 on a tuning seed), most likely because D's
    // gradient with respect to its input dwarfs the pixel and feature terms' (see the "paper-generator" variant).
    phase({ id: 'g', name: 'Generator step', terms: [{ loss: 'L_llike', weight: 0.05 }, 'L_pixel'], updates: ['G'], optimizer: adam(3e-4) }),
    phase({ id: 'd', name: 'Discriminator step', terms: ['L_real', 'L_rec_fake', 'L_p_fake'], updates: ['D'], optimizer: adam(3e-4) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 32, steps: 1200 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
  variants: [
    variant('plain-vae', 'plain VAE', 'The same encoder and decoder trained with a pixel loss only: no discriminator.', {
      remove: ['zp', 'G_p', 'D', 'D_rec', 'D_p', 'L_llike', 'L_real', 'L_rec_fake', 'L_p_fake'],
      phases: [phase({ id: 'vae', name: 'VAE step', terms: ['L_prior', 'L_pixel'], updates: ['E', 'G'], optimizer: adam(3e-4) })],
    }),
    variant('paper-generator', 'G fools D (the paper’s step)', 'The paper’s generator step: γ·L_llike plus “fool D” on x̃ and on G(z_p), and no pixel term. At this size the reconstructions fill with speckle.', {
      remove: ['L_pixel'],
      add: (g) => {
        g.node('L_G_rec', 'AdversarialLoss', [7, 2], { target: 'real' }, 'G: x̃ → 1');
        g.node('L_G_p', 'AdversarialLoss', [7, 3], { target: 'real' }, 'G: G(z_p) → 1');
        g.wire('D_rec.out', 'L_G_rec.logits');
        g.wire('D_p.out', 'L_G_p.logits');
      },
      phases: [
        phase({ id: 'e', name: 'Encoder step', terms: ['L_prior', 'L_llike'], updates: ['E'], optimizer: adam(3e-4) }),
        phase({ id: 'g', name: 'Generator step', terms: [{ loss: 'L_llike', weight: 0.1 }, 'L_G_rec', 'L_G_p'], updates: ['G'], optimizer: adam(3e-4) }),
        phase({ id: 'd', name: 'Discriminator step', terms: ['L_real', 'L_rec_fake', 'L_p_fake'], updates: ['D'], optimizer: adam(3e-4) }),
      ],
    }),
  ],
});
