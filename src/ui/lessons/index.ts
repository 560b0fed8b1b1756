/** Every lesson view, by view name. */
import { FEATURE_VIEWS } from './features';
import { GENERATIVE_VIEWS } from './generative';
import type { LessonViews } from './types';

export const LESSON_VIEWS: LessonViews = { ...GENERATIVE_VIEWS, ...FEATURE_VIEWS };
export type { LessonViewProps, LessonViews } from './types';
