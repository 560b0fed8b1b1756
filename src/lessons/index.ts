/** Every lesson's declaration, by view name. Pure: the page reads it; evaluations live in ./evaluators. */
import { FEATURE_LESSONS } from './features';
import { GENERATIVE_LESSONS } from './generative';
import type { RoleNeeds } from '../graph/roles';
import { roleNeedsOf } from './roles';
import type { Lesson } from './types';

export const LESSONS = [...GENERATIVE_LESSONS, ...FEATURE_LESSONS] as const;

/** The view ids of the lessons: the keys every lesson-keyed registry must cover. */
export type LessonView = (typeof LESSONS)[number]['view'];

export function lessonFor(view: string | undefined): Lesson | undefined {
  return view ? LESSONS.find((l) => l.view === view) : undefined;
}

/** What the lesson of a view reads, for the checker (none for a document without a lesson). */
export function roleNeedsFor(view: string | undefined): RoleNeeds | undefined {
  const lesson = lessonFor(view);
  return lesson && roleNeedsOf(lesson);
}

export type { Lesson, LessonContext, LessonEvaluation, LessonMetrics, LessonValue, ReferenceFigure } from './types';
