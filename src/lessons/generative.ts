/** Lessons of the generative templates: 2-D GAN, InfoGAN, VAE-GAN, BiGAN, Triple-GAN. */
import { biganLesson } from './generative/bigan';
import { gan2dLesson } from './generative/gan-2d';
import { infoganLesson } from './generative/infogan';
import { tripleGanLesson } from './generative/triple-gan';
import { vaeGanLesson } from './generative/vae-gan';

export const GENERATIVE_LESSONS = [gan2dLesson, infoganLesson, vaeGanLesson, biganLesson, tripleGanLesson] as const;
