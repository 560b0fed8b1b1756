/** Every lesson, by view name. */
import { FEATURE_LESSONS } from './features';
import { GENERATIVE_LESSONS } from './generative';
import type { Lesson } from './types';

export const LESSONS: Lesson[] = [...GENERATIVE_LESSONS, ...FEATURE_LESSONS];

export function lessonFor(view: string | undefined): Lesson | undefined {
  return view ? LESSONS.find((l) => l.view === view) : undefined;
}

export type { Lesson, LessonContext, LessonMetrics, LessonValue, ReferenceFigure } from './types';
