/**
 * A loss term's weight over training: the factor its schedule puts on the term's weight at an
 * iteration. Pure, so the engine, the schedule editor and the exporters compute the same numbers.
 */
import type { TermSchedule } from './document';

/** 2/(1 + e^(−γp)) − 1: 0 at p = 0, rising towards 1 (Ganin et al.'s λ ramp). */
export function dannRamp(gamma: number, progress: number): number {
  return 2 / (1 + Math.exp(-gamma * progress)) - 1;
}

/**
 * The schedule's factor at iteration `step` (0-based) of `total`. Positions in `steps` are
 * iterations; in `progress` they are step/total, so they follow the size preset's length.
 */
export function termScheduleFactor(schedule: TermSchedule | undefined, step: number, total: number): number {
  if (!schedule || schedule.type === 'constant') return 1;
  const progress = total > 0 ? Math.min(1, step / total) : 0;
  if (schedule.type === 'dann') return dannRamp(schedule.gamma, progress);
  const at = schedule.unit === 'progress' ? progress : step;
  if (schedule.type === 'step') return at < schedule.at ? schedule.before : schedule.after;
  if (at <= schedule.start) return schedule.from;
  if (at >= schedule.end) return schedule.to;
  return schedule.from + ((schedule.to - schedule.from) * (at - schedule.start)) / (schedule.end - schedule.start);
}

/** A short description for lists: "0 → 1 over steps 1000–2000", "on from 50% of training". */
export function describeTermSchedule(schedule: TermSchedule | undefined): string {
  if (!schedule || schedule.type === 'constant') return 'constant';
  if (schedule.type === 'dann') return `DANN ramp (γ = ${schedule.gamma})`;
  const where = (n: number) => (schedule.unit === 'progress' ? `${Number((n * 100).toPrecision(4))}% of training` : `step ${n}`);
  if (schedule.type === 'step') return `×${schedule.before} until ${where(schedule.at)}, then ×${schedule.after}`;
  return `×${schedule.from} → ×${schedule.to} from ${where(schedule.start)} to ${where(schedule.end)}`;
}
