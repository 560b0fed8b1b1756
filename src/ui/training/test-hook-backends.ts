/**
 * Test and benchmark hooks about backends and first feedback (test builds only, beside
 * test-hook.ts): what Auto chooses for a template, a backend timed on its own for comparison,
 * and the time from pressing Train to the first loss and the first samples on screen.
 */
import { compilePlan } from '../../compiler/compile';
import type { Plan } from '../../compiler/plan';
import type { SizePreset } from '../../graph/document';
import type { BackendName, BackendTiming } from '../../../workers/training-api';
import { templateById } from '../gallery/templates';
import { autoBackend, timingUnderWay } from './auto-backend';
import type { AutoReport } from './backend-choice';
import { liveRun } from './live-run';
import { TrainingWorkerClient } from './worker-client';

function planOf(templateId: string, size: SizePreset): Plan {
  const template = templateById(templateId);
  if (!template) throw new Error(`no template "${templateId}"`);
  const result = compilePlan(template.doc, { size });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.plan;
}

export const backendHooks = {
  /** The sample grid's generated 2-D points and their step, when it shows points. */
  samplePoints(): { step: number; points: number[] } | null {
    const s = liveRun.sample;
    return s?.kind === 'points' ? { step: s.step, points: Array.from(s.fake) } : null;
  },

  /** What Auto chooses for a template at a size (timing afresh unless `cached`), and how long choosing took. */
  /** Whether Auto is timing the backends now (in a worker of its own). */
  timingUnderWay(): boolean {
    return timingUnderWay();
  },

  async autoChoice(templateId: string, size: SizePreset, cached = false): Promise<AutoReport & { ms: number }> {
    const t0 = performance.now();
    const report = await autoBackend(planOf(templateId, size), { fresh: !cached });
    return { ...report, ms: performance.now() - t0 };
  },

  /**
   * One backend timed on its own, in a fresh worker, for `budgetMs` of training after a warm-up;
   * past `deadlineMs` the worker is ended and the rate is reported as below what that bounds.
   */
  async timeBackend(templateId: string, size: SizePreset, backend: BackendName, budgetMs: number, deadlineMs: number): Promise<{ backend: BackendName; stepsPerSecond?: number; below?: number; reason?: string }> {
    const client = new TrainingWorkerClient(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const probed = client.call<BackendTiming>((api) => api.timeBackend(planOf(templateId, size), backend, { budgetMs, maxSteps: 2000 }) as Promise<BackendTiming>);
      const out = await Promise.race<BackendTiming | 'timeout'>([probed, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), deadlineMs)))]);
      if (out === 'timeout') return { backend, below: 3 / (deadlineMs / 1000), reason: `no result within ${deadlineMs / 1000} s` };
      return out.ok ? { backend, stepsPerSecond: out.stepsPerSecond } : { backend, reason: out.reason };
    } finally {
      clearTimeout(timer);
      if (client.alive) client.terminate('timing finished');
    }
  },

  /** Presses the dock's Train and resolves with the milliseconds until the first loss reading and the first samples are shown. */
  timeTrainToFirstFeedback(timeoutMs = 300_000): Promise<{ lossMs: number; sampleMs: number | null }> {
    return new Promise((resolve, reject) => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('.dock-controls button')].find((b) => b.textContent?.trim() === 'Train');
      if (!button) return reject(new Error('no Train button in the dock'));
      const t0 = performance.now();
      let lossMs: number | null = null;
      button.click();
      const poll = () => {
        const now = performance.now() - t0;
        if (lossMs === null && liveRun.series.length > 0) lossMs = now;
        const drawn = document.querySelector('canvas.samples-canvas[data-step]');
        if (lossMs !== null && drawn) return resolve({ lossMs, sampleMs: now });
        // A graph with nothing to show in the grid: the loss is the first feedback.
        if (lossMs !== null && now - lossMs > 20_000) return resolve({ lossMs, sampleMs: null });
        if (now > timeoutMs) return reject(new Error('no feedback in time'));
        setTimeout(poll, 5);
      };
      poll();
    });
  },
};
