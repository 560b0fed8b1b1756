/**
 * Lessons: what each template's lesson view shows and what `ganvas eval` prints. A lesson is two
 * files: its declaration (view id, title, the figures it is judged by; pure, so the page can read
 * it) and its evaluation, which runs a trained engine — in the CLI and in the training worker —
 * so the numbers on screen and in the terminal are the same numbers. The figures themselves come
 * from the pure functions of `src/analysis`.
 */
import type { Plan, PlanPortRef } from '../compiler/plan';
import type { DataEnv } from '../data/types';
import type { Engine } from '../engine/engine';
import type { RoleNeed } from '../graph/roles';

/** Plain JSON: numbers, strings, arrays and objects of them. */
export type LessonValue = number | string | boolean | null | LessonValue[] | { [key: string]: LessonValue };
export type LessonMetrics = Record<string, LessonValue>;

/** Reads another figure of the same results batch: a dotted metric of the template or a variant. */
export type FigureReader = (metric: string, variant?: string) => number | undefined;

/** One row of docs/results.md: our figure beside the paper's and our target. */
export interface ReferenceFigure {
  /** A figure the lesson computes, dotted for nested ones (`network.psnr`). */
  metric: string;
  /** The run it is read from: the template itself (absent) or one of its variants (a baseline). */
  variant?: string;
  /** Another template of the same lesson it is read from instead (e.g. DANN's alternating version). */
  template?: string;
  /** What the paper reports for it, in words. */
  paper?: string;
  /** What we aim for at `small` size, in words. */
  target?: string;
  /** Whether the target is met (absent: not judged, e.g. a baseline). */
  met?: (value: number, figure: FigureReader) => boolean;
}

export type RoleNeedsOf = Readonly<Record<string, RoleNeed>>;

/** A lesson's declaration: pure data (and pure judging functions), read by the page, the CLI and `npm run results`. */
export interface Lesson<View extends string = string, Roles extends RoleNeedsOf = RoleNeedsOf> {
  /** Matches a document's `meta.view`. */
  view: View;
  title: string;
  /**
   * The roles its evaluation and view read (a template names them in `meta.roles`), by name. The
   * checker warns when a graph with this view lacks one or names the wrong sort of node.
   */
  roles: Roles;
  /**
   * For `npm run results`: the template, the variants to train beside it, other templates the
   * lesson also covers, and the figures to compare.
   */
  results?: { template: string; variants?: string[]; templates?: string[]; reference: ReferenceFigure[] };
}

/** Declares a lesson, keeping its view id and role names as literal types (the evaluator registry is typed over the views). */
export function defineLesson<const View extends string, const Roles extends RoleNeedsOf>(lesson: Lesson<View, Roles>): Lesson<View, Roles> {
  return lesson;
}

type Optional<Roles> = { [K in keyof Roles]: Roles[K] extends { optional: true } ? K : never }[keyof Roles];

/** A lesson's roles in a plan: the outputs they name (optional ones may be absent). */
export type LessonRoles<Roles extends RoleNeedsOf> = { [K in Exclude<keyof Roles, Optional<Roles>>]: PlanPortRef } & { [K in Optional<Roles>]?: PlanPortRef };

/** What a lesson's evaluation runs on: the trained engine and its plan. */
export interface LessonContext {
  plan: Plan;
  engine: Engine;
  dataEnv: DataEnv;
}

/** The figures `ganvas eval` prints as JSON and the lesson view shows. */
export type LessonEvaluation = (ctx: LessonContext, opts?: { count?: number }) => Promise<LessonMetrics>;
