/** A lesson view's roles in the plan being trained: what it samples, found by role, never by kind. */
import { useMemo } from 'react';
import type { Plan } from '../../compiler/plan';
import { findRoles, missingRoles } from '../../lessons/roles';
import type { Lesson, LessonRoles, RoleNeedsOf } from '../../lessons/types';
import { useTraining } from '../training/training-store';
import { useT } from '../i18n';

export interface ViewRoles<Roles extends RoleNeedsOf> {
  plan: Plan | null;
  /** The lesson's roles in the plan; null before training or when one it needs is missing. */
  roles: LessonRoles<Roles> | null;
  /** The roles it needs that the plan lacks (shown instead of the view's pictures). */
  missing: string[];
}

/** The same object for the same plan, so views can depend on it in effects. */
export function useLessonRoles<Roles extends RoleNeedsOf>(lesson: Lesson<string, Roles>): ViewRoles<Roles> {
  const plan = useTraining((s) => s.plan);
  return useMemo(() => (plan ? { plan, roles: findRoles(plan, lesson), missing: missingRoles(plan, lesson) } : { plan, roles: null, missing: [] }), [plan, lesson]);
}

/** Why a view cannot show its pictures: the roles the graph does not name. */
export function MissingRoles({ lesson, missing }: { lesson: Lesson<string, RoleNeedsOf>; missing: string[] }) {
  const t = useT();
  if (!missing.length) return null;
  return (
    <p className="empty-note" role="note">
      {t('lv.missingRoles', { roles: missing.map((name) => `${name} (${lesson.roles[name].description})`).join(', '), view: lesson.title })}
    </p>
  );
}
