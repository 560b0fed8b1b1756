/**
 * Loss readings kept on the device: per phase, a running sum of [term losses…, weighted total] and
 * a count of finite readings of each. The number of tensors stays the same from step to step, each
 * reading costs four small ops, and `read()` fetches every phase's numbers with one `await data()`.
 */
import type { Plan } from '../compiler/plan';
import { tf, type Tensor } from './tf';

interface PhaseSlot {
  phase: string;
  repeats: number;
  /** Loss ids of the phase's terms, then the phase's total. */
  keys: string[];
  sum: Tensor;
  finite: Tensor;
  count: number;
}

export interface Reading {
  /** Iterations the window covered. */
  steps: number;
  /** Mean per loss id (from the first phase that uses it) and per phase id (its weighted total). */
  losses: Record<string, number>;
  /** The first non-finite reading, if any: its 0-based iteration, phase and loss term. */
  failure?: { step: number; phase: string; loss?: string };
}

export class Metrics {
  private readonly slots: PhaseSlot[];
  private windowSteps = 0;
  private windowStart = 0;

  constructor(plan: Plan) {
    this.slots = plan.phases.map((p) => ({ phase: p.id, repeats: p.repeats, keys: [...p.terms.map((t) => t.loss), p.id], ...fresh(p.terms.length + 1), count: 0 }));
  }

  /** Adds one phase evaluation's [terms…, total] (a 1-D tensor); call inside tidy. */
  record(phaseIndex: number, values: Tensor, step: number): void {
    const slot = this.slots[phaseIndex];
    if (this.slots.every((s) => s.count === 0)) this.windowStart = step;
    const sum = tf.keep(tf.add(slot.sum, values));
    const finite = tf.keep(tf.add(slot.finite, tf.cast(tf.isFinite(values), 'float32')));
    slot.sum.dispose();
    slot.finite.dispose();
    slot.sum = sum;
    slot.finite = finite;
    slot.count++;
  }

  endIteration(): void {
    this.windowSteps++;
  }

  get pending(): number {
    return this.windowSteps;
  }

  /** Whether any phase recorded a reading since the last read. */
  get hasReadings(): boolean {
    return this.slots.some((s) => s.count > 0);
  }

  /**
   * Ends the window and reads it back (one readback). The window's sums are taken and a new
   * window starts before this returns, so training can go on while the numbers travel: readings
   * recorded meanwhile belong to the next window.
   */
  read(): Promise<Reading> {
    const all = tf.tidy(() => tf.concat(this.slots.flatMap((s) => [s.sum, s.finite])));
    const window = this.slots.map((s) => ({ phase: s.phase, repeats: s.repeats, keys: s.keys, count: s.count }));
    const steps = this.windowSteps;
    const windowStart = this.windowStart;
    this.reset();
    return all.data().then(
      (data) => {
        all.dispose();
        return readingOf(data as Float32Array, window, steps, windowStart);
      },
      (error: unknown) => {
        all.dispose();
        throw error;
      },
    );
  }

  reset(): void {
    for (const slot of this.slots) {
      slot.sum.dispose();
      slot.finite.dispose();
      Object.assign(slot, fresh(slot.keys.length), { count: 0 });
    }
    this.windowSteps = 0;
  }

  dispose(): void {
    for (const slot of this.slots) {
      slot.sum.dispose();
      slot.finite.dispose();
    }
  }
}

function readingOf(values: Float32Array, window: { phase: string; repeats: number; keys: string[]; count: number }[], steps: number, windowStart: number): Reading {
  const losses: Record<string, number> = {};
  let failure: Reading['failure'];
  let offset = 0;
  for (const slot of window) {
    const n = slot.keys.length;
    const sums = values.subarray(offset, offset + n);
    const finite = values.subarray(offset + n, offset + 2 * n);
    offset += 2 * n;
    slot.keys.forEach((key, i) => {
      if (slot.count > 0 && !(key in losses)) losses[key] = sums[i] / slot.count;
      if (finite[i] < slot.count || !Number.isFinite(sums[i])) {
        // Once a loss is NaN the weights are too, so it stays non-finite: it went bad after
        // `finite` good readings.
        const step = windowStart + Math.floor(finite[i] / slot.repeats);
        if (!failure || step < failure.step) failure = { step, phase: slot.phase, ...(i < n - 1 ? { loss: key } : {}) };
      }
    });
  }
  return failure ? { steps, losses, failure } : { steps, losses };
}

function fresh(n: number): { sum: Tensor; finite: Tensor } {
  return { sum: tf.keep(tf.zeros([n])), finite: tf.keep(tf.zeros([n])) };
}
