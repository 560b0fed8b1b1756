/** A lesson view: a component shown for documents whose `meta.view` names it. */
import type { ComponentType } from 'react';

export interface LessonViewProps {
  /** The view name (doc.meta.view). */
  view: string;
}

export type LessonViews = Record<string, ComponentType<LessonViewProps>>;
