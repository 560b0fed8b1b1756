import { adam, makeTemplate, phase, variant } from './builder';
import { convEncoder, dcganDiscriminator32, dcganGenerator32 } from './layers';

const Z = 64;

export default makeTemplate({
  id: 'vae-gan',
  title: 'VAE-GAN on faces',
  description: 'A VAE whose reconstructions are judged by a discriminator’s features instead of pixels — sharper faces.',
  view: 'vae-gan',
  roles: { data: 'x', posterior: 'rep', decoder: 'G', prior: 'G_p', judge: 'D' },
  lesson: `
A **VAE** encodes a face x into a Gaussian q(z|x), samples z = μ + σ·ε and decodes x̃ = G(z).
Trained with a pixel loss its reconstructions are blurry: when several details are plausible,
their average has the smallest squared error.

**VAE-GAN** measures the reconstruction in the features of a discriminator layer D_l (its last
conv block) instead — \`L_llike = ‖D_l(x) − D_l(x̃)‖²\` — and adds a GAN that judges x, x̃ and
G(z_p) for z_p from the prior. Each network gets only its own terms:

- Encoder step: \`0.01·KL(q(z|x) ‖ N(0, 1)) + L_llike\` — no adversarial term reaches E.
- Generator step: \`γ·L_llike\` + fool D on x̃ and on G(z_p), with γ = 0.1.
- Discriminator step: \`BCE(D(x),1) + BCE(D(x̃),0) + BCE(D(G(z_p)),0)\` — no reconstruction term.

**In the lesson view**: faces beside their reconstructions G(μ(x)), and samples from the prior.
Once the run is paused or done, train the **plain VAE** baseline (the same E and G with
\`‖x − x̃‖²\` in place of D_l, no discriminator) for as many iterations: the grid becomes
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
    description: '一个 VAE，但重建的好坏由判别器的特征来衡量，而不是逐个像素比较——人脸因此更清晰。',
    lesson: `
**VAE** 把人脸 x 编码成一个高斯分布 q(z|x)，采样 z = μ + σ·ε，再由**解码器**还原成 x̃ = G(z)。只用像素损失训练时，重建是模糊的：几种细节都说得通的时候，取它们的平均值平方误差最小。

**VAE-GAN** 改在**判别器**某一层 D_l（最后一个卷积块）的特征空间里衡量**重建**——\`L_llike = ‖D_l(x) − D_l(x̃)‖²\`——再加上一个 GAN，让判别器去分辨 x、x̃ 和从先验采样得到的 G(z_p)。从 VAE 的角度看，判别器逼着重建更像真实图片；从 GAN 的角度看，生成器见过真实图片、目标是把它还原出来，而不只是骗过判别器，所以训练更稳。每个网络只接收属于自己的项：

- **编码器**步：\`0.01·KL(q(z|x) ‖ N(0, 1)) + L_llike\`——对抗项不会传到 E。
- **生成器**步：\`γ·L_llike\` + 让 D 把 x̃ 和 G(z_p) 当成真实图片，γ = 0.1。
- 判别器步：\`BCE(D(x),1) + BCE(D(x̃),0) + BCE(D(G(z_p)),0)\`——没有重建项。

**课程视图里**：人脸和它的重建 G(μ(x)) 两两并排，还有从先验采样的图片。训练暂停或结束后，可以把基线“纯 VAE”（plain VAE）训练同样多的迭代——同样的 E 和 G，用 \`‖x − x̃‖²\` 代替 D_l，没有判别器——网格就变成“输入 | 纯 VAE | VAE-GAN”。两个数字：

- 重建误差（MSE）——VAE-GAN 应该和纯 VAE 相差不大；
- 清晰度比——重建图片的平均梯度大小除以真实人脸的（1 表示和真实人脸一样清晰）。纯 VAE 明显低于 1，这就是模糊；VAE-GAN 应该更接近 1。

比值大于 1 表示比真实人脸有更多细碎的纹理，而伪影也算纹理：要看图片本身，不要只看数字。
`,
    nodes: { x: '人脸', G: 'G（解码器）', G_p: 'G（先验）', D: 'D（真实）', D_p: 'D（先验）', L_pixel: 'L_pixel：‖x − x̃‖²' },
    phases: { e: '编码器步', g: '生成器步', d: '判别器步', vae: 'VAE 步' },
    variants: {
      'plain-vae': { title: '纯 VAE', description: '同样的编码器和解码器，只用像素损失训练：没有判别器。' },
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
    g.node('L_real', 'AdversarialLoss', [6, 0], { target: 'real' }, 'x → 1');
    g.node('L_rec_fake', 'AdversarialLoss', [6, 2], { target: 'fake' }, 'x̃ → 0');
    g.node('L_p_fake', 'AdversarialLoss', [6, 3], { target: 'fake' }, 'G(z_p) → 0');
    g.node('L_G_rec', 'AdversarialLoss', [7, 2], { target: 'real' }, 'G: x̃ → 1');
    g.node('L_G_p', 'AdversarialLoss', [7, 3], { target: 'real' }, 'G: G(z_p) → 1');
    g.wire('D.out', 'L_real.logits');
    g.wire('D_rec.out', 'L_rec_fake.logits');
    g.wire('D_p.out', 'L_p_fake.logits');
    g.wire('D_rec.out', 'L_G_rec.logits');
    g.wire('D_p.out', 'L_G_p.logits');
  },
  phases: [
    phase({ id: 'e', name: 'Encoder step', terms: ['L_prior', 'L_llike'], updates: ['E'], optimizer: adam(3e-4) }),
    phase({ id: 'g', name: 'Generator step', terms: [{ loss: 'L_llike', weight: 0.1 }, 'L_G_rec', 'L_G_p'], updates: ['G'], optimizer: adam(3e-4) }),
    phase({ id: 'd', name: 'Discriminator step', terms: ['L_real', 'L_rec_fake', 'L_p_fake'], updates: ['D'], optimizer: adam(3e-4) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 0.25, batchSize: 32, steps: 1200 },
    full: { width: 1, batchSize: 64, steps: 20000 },
  },
  variants: [
    variant('plain-vae', 'plain VAE', 'The same encoder and decoder trained with a pixel loss only: no discriminator.', {
      remove: ['zp', 'G_p', 'D', 'D_rec', 'D_p', 'L_llike', 'L_real', 'L_rec_fake', 'L_p_fake', 'L_G_rec', 'L_G_p'],
      add: (g) => {
        g.node('L_pixel', 'ReconstructionLoss', [5, 1], { metric: 'l2' }, 'L_pixel: ‖x − x̃‖²');
        g.wire('G.out', 'L_pixel.prediction');
        g.wire('x.x', 'L_pixel.target');
      },
      phases: [phase({ id: 'vae', name: 'VAE step', terms: ['L_prior', 'L_pixel'], updates: ['E', 'G'], optimizer: adam(3e-4) })],
    }),
  ],
});
