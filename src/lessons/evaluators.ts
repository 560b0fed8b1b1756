/**
 * Every lesson's evaluation, by view: what runs a trained engine to compute the figures. Typed
 * over the lessons' view ids, so a lesson without an evaluation does not compile. Imported by
 * the training worker and the CLI, never by the page.
 */
import { evaluateDann } from './features/dann.evaluate';
import { evaluateDisentangle } from './features/disentangle.evaluate';
import { evaluateInpainting } from './features/inpainting.evaluate';
import { evaluatePhotoEditing } from './features/photo-editing.evaluate';
import { evaluateSuperResolution } from './features/super-resolution.evaluate';
import { evaluateBigan } from './generative/bigan.evaluate';
import { evaluateGan2d } from './generative/gan-2d.evaluate';
import { evaluateInfogan } from './generative/infogan.evaluate';
import { evaluateTripleGan } from './generative/triple-gan.evaluate';
import { evaluateVaeGan } from './generative/vae-gan.evaluate';
import type { LessonView } from './index';
import type { LessonEvaluation } from './types';

export const LESSON_EVALUATIONS: { readonly [V in LessonView]: LessonEvaluation } = {
  'gan-2d': evaluateGan2d,
  infogan: evaluateInfogan,
  'vae-gan': evaluateVaeGan,
  bigan: evaluateBigan,
  'triple-gan': evaluateTripleGan,
  dann: evaluateDann,
  'feature-disentangle': evaluateDisentangle,
  'photo-editing': evaluatePhotoEditing,
  'super-resolution': evaluateSuperResolution,
  inpainting: evaluateInpainting,
};

/** The evaluation of the lesson with this view id, if there is one. */
export function evaluationFor(view: string | undefined): LessonEvaluation | undefined {
  return view && Object.hasOwn(LESSON_EVALUATIONS, view) ? LESSON_EVALUATIONS[view as LessonView] : undefined;
}
