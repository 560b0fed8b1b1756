/**
 * Hooks for browser tests and benchmarks, on `window.__ganvasTest`. Loaded on demand only when the
 * page is driven by automation (navigator.webdriver) or opened with `?ganvas-test`; the editor's UI
 * never uses them. They drive a training worker of their own, or the dock's session.
 */
import { compilePlan } from '../../compiler/compile';
import type { Plan } from '../../compiler/plan';
import type { SizePreset } from '../../graph/document';
import { templateById } from '../gallery/templates';
import type { BackendName, LoadResult, RunOutcome, TrainingEvent } from '../../../workers/training-api';
import { trainingController } from './controller';
import { useTraining } from './training-store';
import { TrainingWorkerClient } from './worker-client';

export interface HookRunOptions {
  backend?: BackendName;
  size?: SizePreset;
  steps?: number;
  logEvery?: number;
  /** Compile with this many total steps (default: `steps`). */
  planSteps?: number;
}

export interface HookRunResult {
  load: LoadResult;
  outcome: RunOutcome;
  /** Loss readings, one per readback, with the step they end at. */
  metrics: { step: number; losses: Record<string, number>; stepsPerSecond: number }[];
  errors: TrainingEvent[];
  /** From the call until the first metrics event reached the page. */
  firstMetricMs: number | null;
  /** Training time only (after load). */
  trainMs: number;
  totalMs: number;
}

function planOf(templateId: string, size: SizePreset, steps: number): Plan {
  const template = templateById(templateId);
  if (!template) throw new Error(`no template "${templateId}"`);
  const result = compilePlan(template.doc, { size, steps });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.plan;
}

/** Trains a template in a fresh worker and returns every reading (used for WebGPU vs CPU parity and the benchmark). */
async function runTemplate(templateId: string, opts: HookRunOptions = {}): Promise<HookRunResult> {
  const started = performance.now();
  const steps = opts.steps ?? 2;
  const plan = planOf(templateId, opts.size ?? 'tiny', opts.planSteps ?? steps);
  let crashed: Error | undefined;
  const client = new TrainingWorkerClient((e) => (crashed = e));
  const metrics: HookRunResult['metrics'] = [];
  const errors: TrainingEvent[] = [];
  let firstMetricMs: number | null = null;
  try {
    const load = await client.call((api) => api.load(plan, { backend: opts.backend ?? 'webgpu' }));
    const trainStart = performance.now();
    const outcome = await client.call((api) =>
      api.train(
        client.proxy({
          onEvents(events: TrainingEvent[]) {
            for (const e of events) {
              if (e.type === 'metrics') {
                firstMetricMs ??= performance.now() - started;
                metrics.push({ step: e.step, losses: e.losses, stepsPerSecond: e.stepsPerSecond });
              } else if (e.type === 'error') errors.push(e);
            }
          },
        }),
        { steps, logEvery: opts.logEvery ?? 1, checkpointEvery: 0 },
      ),
    );
    const trainMs = performance.now() - trainStart;
    // Events are flushed before the call returns, but the callback messages may still be in flight.
    await new Promise((r) => setTimeout(r, 50));
    return { load, outcome, metrics, errors, firstMetricMs, trainMs, totalMs: performance.now() - started };
  } finally {
    if (client.alive) client.terminate('test run finished');
    if (crashed && !/test run finished/.test(crashed.message)) console.warn(crashed.message);
  }
}

export interface HookBenchResult {
  backend: string;
  tried: string;
  /** For wasm: which kernels trained. */
  kernels?: string;
  /** Worker start, backend choice, data and variables. */
  loadMs: number;
  /** From the call to the first metrics event (load and the first iteration included). */
  firstMetricMs: number;
  /** Iterations per second reading metrics back every iteration. */
  metricsOn: number;
  /** Iterations per second with one readback at the end. */
  metricsOff: number;
  /** Iterations per second reading metrics back every 10 iterations. */
  metricsEvery10: number;
  /** The longest task on this page's main thread while the worker trained (ms; 0 when none reached 50 ms). */
  longestTaskMs: number;
  /** The longest gap between this page's event-loop turns while the worker trained (ms). */
  longestGapMs: number;
  steps: number;
  /** Cross-origin isolated (WASM runs threaded). */
  isolated: boolean;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * One worker, one plan: warm up (two iterations, reading back each), then `steps` iterations with
 * a readback every iteration and `steps` with one every 10 (alternating in up to three rounds),
 * and `steps` with one readback at the end.
 */
async function benchTemplate(templateId: string, opts: HookRunOptions & { steps: number }): Promise<HookBenchResult> {
  const started = performance.now();
  const plan = planOf(templateId, opts.size ?? 'tiny', 2 + 4 * opts.steps);
  const client = new TrainingWorkerClient(() => undefined);
  let firstMetric = 0;
  const callbacks = client.proxy({
    onEvents(events: TrainingEvent[]) {
      if (!firstMetric && events.some((e) => e.type === 'metrics')) firstMetric = performance.now();
      const error = events.find((e) => e.type === 'error');
      if (error && error.type === 'error') console.warn(error.message);
    },
  });
  try {
    const load = await client.call((api) => api.load(plan, { backend: opts.backend ?? 'webgpu' }));
    const loaded = performance.now();
    await client.call((api) => api.train(callbacks, { steps: 2, logEvery: 1, checkpointEvery: 0 }));
    const timed = async (logEvery: number, steps = opts.steps) => {
      const t0 = performance.now();
      const outcome = await client.call((api) => api.train(callbacks, { steps, logEvery, checkpointEvery: 0 }));
      if (outcome.status !== 'done') throw new Error(outcome.error?.message ?? outcome.status);
      return steps / ((performance.now() - t0) / 1000);
    };
    // The page's main thread while the worker trains: long tasks, and gaps between turns.
    let longestTaskMs = 0;
    let longestGapMs = 0;
    const observer = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')
      ? new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
        })
      : undefined;
    observer?.observe({ entryTypes: ['longtask'] });
    let last = performance.now();
    const probe = setInterval(() => {
      const t = performance.now();
      longestGapMs = Math.max(longestGapMs, t - last);
      last = t;
    }, 10);
    let metricsOn: number;
    let metricsOff: number;
    let metricsEvery10: number;
    try {
      // Every iteration vs every 10 in alternating rounds, medians: load on the machine drifts.
      const rounds = Math.max(1, Math.min(3, Math.floor(opts.steps / 10)));
      const on: number[] = [];
      const every10: number[] = [];
      for (let r = 0; r < rounds; r++) {
        on.push(await timed(1, Math.round(opts.steps / rounds)));
        every10.push(await timed(10, Math.round(opts.steps / rounds)));
      }
      metricsOn = median(on);
      metricsEvery10 = median(every10);
      metricsOff = await timed(opts.steps);
    } finally {
      clearInterval(probe);
      observer?.disconnect();
    }
    return {
      metricsEvery10,
      longestTaskMs,
      longestGapMs,
      backend: load.backend,
      tried: load.tried.filter((t) => !t.ok).map((t) => `${t.name}: ${t.reason}`).join('; '),
      kernels: load.tried.find((t) => t.ok)?.kernels,
      loadMs: loaded - started,
      firstMetricMs: firstMetric - started,
      metricsOn,
      metricsOff,
      steps: opts.steps,
      isolated: load.crossOriginIsolated,
    };
  } finally {
    if (client.alive) client.terminate('benchmark finished');
  }
}

declare global {
  interface Window {
    __ganvasTest?: typeof hook;
  }
}

const hook = {
  runTemplate,
  benchTemplate,
  /** Presses the dock's Train button and resolves with the milliseconds until the first loss reading arrives. */
  timeTrainToFirstMetric(timeoutMs = 300_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('.dock-controls button')].find((b) => b.textContent?.trim() === 'Train');
      if (!button) return reject(new Error('no Train button in the dock'));
      const t0 = performance.now();
      button.click();
      const poll = () => {
        if (trainingController.series.length > 0) resolve(performance.now() - t0);
        else if (performance.now() - t0 > timeoutMs) reject(new Error('no loss reading in time'));
        else setTimeout(poll, 5);
      };
      poll();
    });
  },
  /** Ends the dock's worker the hard way, as a crash would. */
  killWorker(): boolean {
    return trainingController.killWorkerForTest();
  },
  /** A snapshot of the dock's state. */
  state() {
    const s = useTraining.getState();
    return {
      status: s.status,
      step: s.step,
      backend: s.backend?.active ?? null,
      message: s.message,
      checkpoints: s.checkpoints.map((c) => ({ id: c.id, step: c.step })),
      activePhase: s.activePhase,
      stale: s.stale,
      live: trainingController.liveSettings(),
      tried: s.backend?.tried ?? [],
      points: trainingController.series.length,
    };
  },
  /** The loss readings shown in the chart, by key. */
  series() {
    return trainingController.series.snapshot();
  },
};

window.__ganvasTest = hook;
