/** Lesson views of the feature templates, keyed by the documents' `meta.view`. */
import { DannView } from './features/DannView';
import { DisentangleView } from './features/DisentangleView';
import { InpaintingView } from './features/InpaintingView';
import { PhotoEditingView } from './features/PhotoEditingView';
import { SuperResolutionView } from './features/SuperResolutionView';
import type { LessonViews } from './types';

export const FEATURE_VIEWS: LessonViews = {
  dann: DannView,
  'feature-disentangle': DisentangleView,
  'photo-editing': PhotoEditingView,
  'super-resolution': SuperResolutionView,
  inpainting: InpaintingView,
};
