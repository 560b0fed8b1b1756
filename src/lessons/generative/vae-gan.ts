/** VAE-GAN: reconstruction error and sharpness, against the plain VAE (and the paper's generator step beside them). */
import { defineLesson } from '../types';

export const vaeGanLesson = defineLesson({
  view: 'vae-gan',
  title: 'VAE-GAN on faces',
  roles: {
    data: { description: 'the real images', category: ['data'], outputs: ['image'] },
    posterior: { description: 'the sample z ~ q(z|x), its ε set to 0 for reconstructions', category: ['latent'], outputs: ['code'] },
    decoder: { description: 'the decoder applied to z ~ q(z|x)', category: ['network'], outputs: ['image'] },
    prior: { description: 'the decoder applied to prior noise', category: ['network'], outputs: ['image'], optional: true },
    judge: { description: 'the discriminator (absent in the plain VAE)', category: ['network'], optional: true },
  },
  results: {
    template: 'vae-gan',
    variants: ['plain-vae', 'paper-generator'],
    reference: [
      { metric: 'reconstructionMse', variant: 'plain-vae', target: 'baseline' },
      {
        metric: 'reconstructionMse',
        target: 'similar to the plain VAE (within 25%)',
        met: (v, f) => v <= 1.25 * (f('reconstructionMse', 'plain-vae') ?? -Infinity),
      },
      { metric: 'reconstructionMse', variant: 'paper-generator', target: 'beside: the paper’s generator step (G fools D, no pixel term)' },
      { metric: 'sharpnessRatio', variant: 'plain-vae', target: 'baseline (1 = as sharp as real faces)' },
      { metric: 'sharpnessRatio', variant: 'paper-generator', target: 'beside: the paper’s generator step (speckle counts as sharpness)' },
      {
        metric: 'sharpnessRatio',
        paper: 'VAE-GAN sharper than the VAE (qualitative)',
        target: 'nearer 1 than the plain VAE',
        met: (v, f) => Math.abs(1 - v) < Math.abs(1 - (f('sharpnessRatio', 'plain-vae') ?? Infinity)),
      },
    ],
  },
});
