/** Lessons of the feature templates: DANN, feature disentangle, photo editing, super-resolution, inpainting. */
import type { Lesson } from './types';

export const FEATURE_LESSONS: Lesson[] = [];
