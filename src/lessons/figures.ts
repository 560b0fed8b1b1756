/** Reading a lesson's figures by path: shared by the results table, the baselines and the tests. */
import type { LessonMetrics, LessonValue } from './types';

/** The value at a dotted path of a lesson's figures (`network.psnr`); undefined when absent. */
export function figureAt(metrics: LessonMetrics, path: string): LessonValue | undefined {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), metrics) as LessonValue | undefined;
}
