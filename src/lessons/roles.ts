/** Reading a lesson's roles from a plan: what its evaluation and its view look nodes up by. */
import type { Plan } from '../compiler/plan';
import type { RoleNeeds } from '../graph/roles';
import type { Lesson, LessonRoles, RoleNeedsOf } from './types';

/** The roles the lesson reads that this plan lacks (optional ones left out). */
export function missingRoles(plan: Pick<Plan, 'roles'>, lesson: Lesson<string, RoleNeedsOf>): string[] {
  return Object.entries(lesson.roles)
    .filter(([name, need]) => !need.optional && !plan.roles[name])
    .map(([name]) => name);
}

/** The lesson's roles in the plan, or null when one it needs is missing (views show why). */
export function findRoles<Roles extends RoleNeedsOf>(plan: Pick<Plan, 'roles'>, lesson: Lesson<string, Roles>): LessonRoles<Roles> | null {
  if (missingRoles(plan, lesson).length) return null;
  return Object.fromEntries(Object.keys(lesson.roles).filter((name) => plan.roles[name]).map((name) => [name, plan.roles[name]])) as LessonRoles<Roles>;
}

/** The lesson's roles in the plan; throws a message naming the missing ones. */
export function rolesIn<Roles extends RoleNeedsOf>(plan: Pick<Plan, 'roles'>, lesson: Lesson<string, Roles>): LessonRoles<Roles> {
  const missing = missingRoles(plan, lesson);
  if (missing.length) {
    const what = missing.map((name) => `${name} (${lesson.roles[name].description})`).join(', ');
    throw new Error(`the ${lesson.title} lesson reads roles this graph does not name: ${what}; name them in the document's meta.roles`);
  }
  return findRoles(plan, lesson)!;
}

/** What the checker is told a lesson reads. */
export function roleNeedsOf(lesson: Lesson<string, RoleNeedsOf>): RoleNeeds {
  return { reader: `The ${lesson.title} lesson`, roles: lesson.roles };
}

/** The plan node a role's output belongs to. */
export function nodeOf(plan: Pick<Plan, 'nodes'>, ref: { node: string }): Plan['nodes'][number] {
  const node = plan.nodes.find((n) => n.id === ref.node);
  if (!node) throw new Error(`the plan has no node "${ref.node}"`);
  return node;
}
