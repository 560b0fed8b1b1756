/** Lessons of the feature templates: DANN, feature disentangle, photo editing, super-resolution, inpainting. */
import { DANN_LESSON } from './features/dann';
import { DISENTANGLE_LESSON } from './features/disentangle';
import { INPAINTING_LESSON } from './features/inpainting';
import { PHOTO_EDITING_LESSON } from './features/photo-editing';
import { SUPER_RESOLUTION_LESSON } from './features/super-resolution';

export const FEATURE_LESSONS = [DANN_LESSON, DISENTANGLE_LESSON, PHOTO_EDITING_LESSON, SUPER_RESOLUTION_LESSON, INPAINTING_LESSON] as const;
