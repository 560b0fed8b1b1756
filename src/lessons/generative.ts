/** Lessons of the generative templates: 2-D GAN, InfoGAN, VAE-GAN, BiGAN, Triple-GAN. */
import type { Lesson } from './types';

export const GENERATIVE_LESSONS: Lesson[] = [];
