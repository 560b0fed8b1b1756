/**
 * How often pinned and hovered wires are read while training runs: a probe takes the worker away
 * from training for as long as it takes, so the next one waits until probes stay within a small
 * share of the worker's time. Between runs (after a Step, when paused) a wire is read once per step.
 */

/** The share of the worker's time wire probes may take while training runs. */
export const PROBE_BUDGET = 0.02;
/** Never more often than this while training runs. */
export const PROBE_MIN_MS = 1000;

/** Milliseconds to wait after a probe that took `lastMs` in the worker before the next one. */
export function probeDelay(lastMs: number, running: boolean): number {
  if (!running) return 0;
  return Math.max(PROBE_MIN_MS, lastMs / PROBE_BUDGET);
}
