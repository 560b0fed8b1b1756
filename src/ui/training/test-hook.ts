/**
 * Hooks for browser tests and benchmarks, on `window.__ganvasTest`. Only in test builds (the e2e
 * harness builds with VITE_TEST_HOOKS=1; `npm run build` leaves this module out), and there
 * loaded on demand when the page is driven by automation (navigator.webdriver) or opened with
 * `?ganvas-test`. The editor's UI never uses them. They drive a training worker of their own, or
 * the dock's session.
 */
import { compilePlan } from '../../compiler/compile';
import type { Plan } from '../../compiler/plan';
import type { SizePreset } from '../../graph/document';
import { serializeDocument } from '../../graph/load';
import { templateById } from '../gallery/templates';
import { openFile } from '../shell/file-actions';
import { chooseCustomImages, useCustomImages } from './custom-images';
import { editorApi } from '../store/editor-store';
import type { BackendName, LoadResult, RunOutcome, TrainingEvent } from '../../../workers/training-api';
import { trainingController } from './controller';
import { backendHooks } from './test-hook-backends';
import { sessions } from './session';
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
  ...backendHooks,
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
    const session = sessions.current;
    if (!session?.client.alive) return false;
    session.client.terminate('the training worker was killed');
    return true;
  },
  /** Opens `text` as a file named `name` through the page's own open path (as a drop or Ctrl+O does); whether it opened. */
  openText(name: string, text: string): Promise<boolean> {
    return openFile(new File([text], name, { type: name.endsWith('.png') ? 'image/png' : 'application/json' }));
  },
  /**
   * Decodes `count` generated side×side PNGs as the inspector's picker does (in the decode worker),
   * or on the page's own thread for comparison, while a 20 ms heartbeat measures how late the page
   * answers. For the benchmark of the page's responsiveness.
   */
  async decodeImagesTimed(count: number, side: number, where: 'worker' | 'page'): Promise<{ ms: number; images: number; maxLateMs: number; longestTaskMs: number; beats: number; message: string }> {
    const files: File[] = [];
    for (let i = 0; i < count; i++) {
      const canvas = new OffscreenCanvas(side, side);
      const ctx = canvas.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, side, side);
      g.addColorStop(0, `hsl(${(i * 37) % 360} 70% 50%)`);
      g.addColorStop(1, `hsl(${(i * 91) % 360} 60% 30%)`);
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, side, side);
      ctx.fillStyle = '#fff';
      ctx.fillRect((i * 13) % side, (i * 29) % side, side / 4, side / 4);
      files.push(new File([await canvas.convertToBlob({ type: 'image/png' })], `image-${i}.png`, { type: 'image/png' }));
    }
    // The longest stretch the page's thread spent on one task (what makes a page not answer).
    let longestTask = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longestTask = Math.max(longestTask, e.duration);
    });
    observer.observe({ type: 'longtask' });
    let last = performance.now();
    let maxLate = 0;
    let beats = 0;
    const timer = setInterval(() => {
      const t = performance.now();
      maxLate = Math.max(maxLate, t - last - 20);
      last = t;
      beats++;
    }, 20);
    const t0 = performance.now();
    const size = { height: 32, width: 32, channels: 3 } as const;
    let images = 0;
    let message = '';
    let result!: { ms: number; images: number; maxLateMs: number; longestTaskMs: number; beats: number; message: string };
    try {
      if (where === 'worker') {
        await chooseCustomImages(files, size);
        const state = useCustomImages.getState();
        images = state.images?.count ?? 0;
        message = state.message?.text ?? '';
      } else {
        const { loadImages } = await import('../../data/images');
        const named = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        const d0 = performance.now();
        const loaded = loadImages(named, size, 'the generated files');
        message = `${Math.round(performance.now() - d0)} ms in one call`;
        images = loaded.count;
      }
    } finally {
      const ms = performance.now() - t0;
      // A task is measured once it has ended: let the heartbeat and the observer see the last one.
      await new Promise((r) => setTimeout(r, 100));
      clearInterval(timer);
      for (const e of observer.takeRecords()) longestTask = Math.max(longestTask, e.duration);
      observer.disconnect();
      result = { ms, images, maxLateMs: maxLate, longestTaskMs: longestTask, beats, message };
    }
    return result;
  },
  /** The open document as it would be saved, its title, and its node count. */
  documentNow(): { text: string; title: string; nodes: number } {
    const doc = editorApi.getState().doc;
    return { text: serializeDocument(doc), title: doc.meta.title, nodes: doc.nodes.length };
  },
  /** A snapshot of the dock's state. */
  state() {
    const s = useTraining.getState();
    return {
      status: s.status,
      step: s.step,
      backend: s.backend?.active ?? null,
      message: s.message,
      checkpoints: s.checkpoints.map((c) => ({ id: c.id, step: c.step, time: c.time })),
      activePhase: s.activePhase,
      stale: s.stale,
      // The learning rates and loss weights the worker trains with now.
      live: sessions.current ? { learningRates: Object.fromEntries(sessions.current.lrs), lossWeights: Object.fromEntries(sessions.current.lossWeights) } : null,
      tried: s.backend?.tried ?? [],
      auto: s.auto,
      autoProgress: s.autoProgress,
      points: trainingController.series.length,
    };
  },
  /** The loss readings shown in the chart, by key. */
  series() {
    return trainingController.series.snapshot();
  },
};

window.__ganvasTest = hook;
