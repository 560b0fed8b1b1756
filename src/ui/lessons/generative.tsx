/** Lesson views of the generative templates. */
import type { LessonViews } from './types';

export const GENERATIVE_VIEWS: LessonViews = {};
