/** Reading and rounding a lesson's figures: shared by the evaluations, the results table, the baselines and the tests. */
import type { LessonMetrics, LessonValue } from './types';

/** The value at a dotted path of a lesson's figures (`network.psnr`); undefined when absent. */
export function figureAt(metrics: LessonMetrics, path: string): LessonValue | undefined {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), metrics) as LessonValue | undefined;
}

/** Rounds for JSON: figures to 4 decimals, keeping the output small and stable. */
export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return x > 0 ? 1e9 : -1e9;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
