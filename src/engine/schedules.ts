/** Learning rate over training progress p ∈ [0, 1]. */
import type { LrSchedule } from '../graph/document';

/** `constant`: lr; `dann`: lr / (1 + α·p)^β (Ganin et al.). */
export function learningRateAt(lr: number, schedule: LrSchedule, progress: number): number {
  const p = Math.min(1, Math.max(0, progress));
  if (schedule.type === 'dann') return lr / Math.pow(1 + schedule.alpha * p, schedule.beta);
  return lr;
}

/** Progress of iteration `step` (0-based) in a run of `total` iterations. */
export function progressAt(step: number, total: number): number {
  return total > 0 ? Math.min(1, step / total) : 0;
}
