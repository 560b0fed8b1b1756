/** Lesson views of the feature templates. */
import type { LessonViews } from './types';

export const FEATURE_VIEWS: LessonViews = {};
