/**
 * The training worker: a thin Comlink wrapper around the engine. It owns TF.js so the page never
 * loads it. Metrics are forwarded in small batches; samples and checkpoints cross as transferred
 * buffers.
 */
import '../src/graph/zod-jitless';
import * as Comlink from 'comlink';
import type { LoadedImages } from '../src/data/images';
import { evaluationFor } from '../src/lessons/evaluators';
import { configureReference } from '../src/lessons/reference-judge';
import { fetchedReferenceStore } from '../src/lessons/reference-store-fetch';
import type { Plan, PlanTerm } from '../src/compiler/plan';
import { browserDataEnv } from '../src/data/env-browser';
import type { Checkpoint } from '../src/engine/checkpoint';
import { Engine, type EngineEvent } from '../src/engine/engine';
import type { OptimiseInputOptions } from '../src/engine/optimise-input';
import type { BackendName } from '../src/engine/backend';
import type { ProbeOptions } from '../src/engine/probe';
import { deviceInfo, probeBackend } from './backend-probe';
import type { BackendTimingOptions, BaselineOptions, BaselineResult, RunOutcome, SampleDraws, StepPhaseOptions, TrainingCallbacks, TrainingEvent, TrainingWorkerApi, TrainOptions } from './training-api';

/** Reads back the loss readings a `stepPhase` left on the device (engine versions without it: none). */

/** Why WebGPU is not usable in this worker, in words, if the browser says. */
async function webgpuProblem(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'this browser offers no WebGPU here (navigator.gpu is missing)';
  try {
    if (!(await gpu.requestAdapter())) return 'WebGPU found no adapter (no suitable GPU or driver)';
  } catch (e) {
    return `asking for a WebGPU adapter failed: ${(e as Error).message}`;
  }
  return undefined;
}

/** Forward events at most this often, so a fast tiny model cannot flood the page. */
const FLUSH_MS = 100;

class TrainingWorker implements TrainingWorkerApi {
  private engine?: Engine;
  private running = false;
  /** Sends the running `train` call's queued events now (set while one runs). */
  private flushEvents: (() => void) | undefined;

  devices() {
    return deviceInfo();
  }

  async timeBackend(plan: Plan, backend: BackendName, opts?: BackendTimingOptions) {
    if (this.running) throw new Error('pause training before timing a backend');
    return probeBackend(plan, backend, this.dataEnv(), new URL('/wasm/', self.location.origin).href, opts);
  }

  async load(plan: Plan, opts: { backend?: Parameters<typeof Engine.create>[1]['backend']; checkpoint?: Checkpoint; custom?: LoadedImages }) {
    this.engine?.dispose();
    this.engine = undefined;
    const started = performance.now();
    const engine = await Engine.create(plan, {
      dataEnv: this.dataEnv(),
      backend: opts.backend ?? 'webgpu',
      env: 'browser',
      wasmPaths: new URL('/wasm/', self.location.origin).href,
      custom: opts.custom,
    });
    if (opts.checkpoint) engine.loadState(opts.checkpoint);
    this.engine = engine;
    const tried = await Promise.all(
      engine.backendTried.map(async (t) => (t.name === 'webgpu' && !t.ok ? { ...t, reason: [await webgpuProblem(), t.reason].filter(Boolean).join(' — ') } : t)),
    );
    return {
      backend: engine.backend,
      tried,
      step: engine.step,
      crossOriginIsolated: self.crossOriginIsolated === true,
      ms: performance.now() - started,
    };
  }

  async train(callbacks: TrainingCallbacks, opts: TrainOptions = {}): Promise<RunOutcome> {
    return this.runWith(callbacks, { steps: opts.steps, logEvery: opts.logEvery, checkpointEvery: opts.checkpointEvery ?? 0 });
  }

  async pause(): Promise<number> {
    const engine = this.need();
    engine.pause();
    // An iteration can be under way (it awaits its data and readbacks, and messages come in
    // then): the answer waits until the run stands still, so the step is the one it stopped at.
    const step = await engine.whenPaused();
    // The readings up to that step go out before the answer (messages arrive in order).
    this.flushEvents?.();
    return step;
  }

  resume(): void {
    this.need().resume();
  }

  stop(): void {
    this.need().stop();
  }

  stepIteration(callbacks: TrainingCallbacks): Promise<RunOutcome> {
    return this.runWith(callbacks, { steps: 1, logEvery: 1, checkpointEvery: 0 });
  }

  async stepPhase(phaseId: string, callbacks: TrainingCallbacks, opts: StepPhaseOptions = {}): Promise<RunOutcome> {
    const engine = this.need();
    if (this.running) throw new Error('pause training before stepping one phase');
    try {
      engine.stepPhase(phaseId, opts);
      const losses = await engine.flushMetrics();
      callbacks.onEvents([{ type: 'phase', phase: phaseId, step: engine.step }]);
      if (losses) {
        const m = engine.memory();
        callbacks.onEvents([{ type: 'metrics', step: engine.step, losses, stepsPerSecond: 0, tensors: m.tensors, bytes: m.bytes, time: Date.now() }]);
      }
      return { status: 'done', step: engine.step };
    } catch (e) {
      const error = { code: 'error' as const, message: (e as Error).message };
      callbacks.onEvents([{ type: 'error', ...error, step: engine.step }]);
      return { status: 'error', step: engine.step, error };
    }
  }

  setLearningRate(phaseId: string, lr: number): void {
    this.need().setLearningRate(phaseId, lr);
  }

  setLossWeight(lossId: string, weight: number): void {
    this.need().setLossWeight(lossId, weight);
  }

  async saveCheckpoint(): Promise<Checkpoint> {
    const checkpoint = await this.need().saveState();
    return Comlink.transfer(checkpoint, [checkpoint.weightData]);
  }

  async loadCheckpoint(checkpoint: Checkpoint): Promise<{ step: number }> {
    const engine = this.need();
    engine.loadState(checkpoint);
    return { step: engine.step };
  }

  async sample(nodeId: string, port = 'out', count = 64, draws?: SampleDraws, given?: SampleDraws) {
    const result = await this.need().sample(nodeId, port, count, { ...(draws ? { draws } : {}), ...(given ? { given } : {}) });
    const data = result.data.slice();
    return Comlink.transfer({ data, shape: result.shape }, [data.buffer]);
  }

  async gradients(loss: string | PlanTerm[], groups: string[]): Promise<Record<string, Float32Array>> {
    // Copies: a backend may hand out views of its own storage.
    const grads = Object.fromEntries(Object.entries(await this.need().gradients(loss, groups)).map(([k, v]) => [k, v.slice()]));
    return Comlink.transfer(grads, Object.values(grads).map((g) => g.buffer as ArrayBuffer));
  }

  async probe(nodeId: string, port: string, opts?: ProbeOptions) {
    const probe = await this.need().probe(nodeId, port, opts);
    const s = probe.summary;
    const buffers = [s.images?.pixels.buffer, s.scatter?.x.buffer, s.scatter?.y.buffer, s.scatter?.labels?.buffer].filter((b): b is ArrayBuffer => !!b);
    return Comlink.transfer(probe, buffers);
  }

  async optimiseInput(opts: OptimiseInputOptions) {
    const result = await this.need().optimiseInput(opts);
    const input = result.input.slice();
    const error = result.error.slice();
    const realism = result.realism?.slice();
    return Comlink.transfer({ input, error, ...(realism ? { realism } : {}) }, [input.buffer, error.buffer, ...(realism ? [realism.buffer] : [])]);
  }

  async lesson(view: string, opts: { count?: number } = {}) {
    const evaluate = evaluationFor(view);
    if (!evaluate) throw new Error(`no lesson figures for the view "${view}"`);
    const engine = this.need();
    return evaluate({ plan: engine.plan, engine, dataEnv: this.dataEnv() }, opts);
  }

  async baseline(plan: Plan, view: string, opts: BaselineOptions = {}, onProgress?: (step: number) => void): Promise<BaselineResult> {
    const evaluate = evaluationFor(view);
    if (!evaluate) throw new Error(`no lesson figures for the view "${view}"`);
    if (this.running) throw new Error('pause training before training a baseline');
    this.need(); // the backend is the loaded graph's
    this.running = true;
    const started = performance.now();
    let engine: Engine | undefined;
    try {
      engine = await Engine.create(plan, { dataEnv: this.dataEnv(), keepBackend: true });
      const run = await engine.run({
        logEvery: Math.max(1, Math.floor(plan.steps / 50)),
        listener: (event) => {
          if (event.type === 'metrics') onProgress?.(event.step);
        },
      });
      if (run.status === 'error') throw new Error(`the baseline stopped at step ${run.step}: ${run.error?.message ?? 'unknown error'}`);
      const metrics = await evaluate({ plan, engine, dataEnv: this.dataEnv() }, { count: opts.count });
      const samples = [];
      for (const s of opts.samples ?? []) {
        const r = await engine.sample(s.node, s.port, s.count, s.draws ? { draws: s.draws } : {});
        samples.push({ data: r.data.slice(), shape: r.shape });
      }
      const result = { step: engine.step, metrics, samples, seconds: (performance.now() - started) / 1000 };
      return Comlink.transfer(result, samples.map((x) => x.data.buffer as ArrayBuffer));
    } finally {
      engine?.dispose();
      this.running = false;
    }
  }

  private dataEnv() {
    return browserDataEnv(new URL('/data/', self.location.origin).href);
  }

  memory() {
    return this.need().memory();
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
  }

  private need(): Engine {
    if (!this.engine) throw new Error('no graph is loaded in the training worker');
    return this.engine;
  }

  private async runWith(callbacks: TrainingCallbacks, opts: { steps?: number; logEvery?: number; checkpointEvery: number }): Promise<RunOutcome> {
    const engine = this.need();
    if (this.running) throw new Error('training is already running');
    this.running = true;
    const queue: TrainingEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (queue.length) callbacks.onEvents(queue.splice(0));
    };
    const flushNow = () => {
      if (timer) clearTimeout(timer);
      flush();
    };
    this.flushEvents = flushNow;
    const push = (event: TrainingEvent, now = false) => {
      queue.push(event);
      if (now) flushNow();
      else timer ??= setTimeout(flush, FLUSH_MS);
    };
    // Checkpoints fall on multiples of checkpointEvery (or the first readback after one).
    let lastCheckpoint = opts.checkpointEvery > 0 ? Math.floor(engine.step / opts.checkpointEvery) * opts.checkpointEvery : engine.step;
    // A checkpoint is taken between iterations (values copied on the device) and read back and
    // handed over while training goes on; the run waits for the last one before it returns.
    let checkpoints: Promise<void> = Promise.resolve();
    let checkpointError: unknown;
    const listener = (event: EngineEvent) => {
      if (event.type === 'metrics') {
        const m = engine.memory();
        push({ ...event, bytes: m.bytes, time: Date.now() });
        const onCheckpoint = callbacks.onCheckpoint;
        if (opts.checkpointEvery > 0 && onCheckpoint && event.step - lastCheckpoint >= opts.checkpointEvery) {
          lastCheckpoint = event.step;
          const taken = engine.saveState();
          const step = event.step;
          checkpoints = checkpoints
            .then(() => taken)
            .then(async (checkpoint) => {
              // The readings up to this step go first: the page stores the loss history up to a
              // checkpoint with it, and messages arrive in order.
              flushNow();
              await onCheckpoint(Comlink.transfer(checkpoint, [checkpoint.weightData]));
              push({ type: 'checkpoint', step });
            })
            .catch((e: unknown) => {
              checkpointError ??= e;
              engine.stop();
            });
        }
      } else push(event, true);
    };
    try {
      const result = await engine.run({ steps: opts.steps, logEvery: opts.logEvery, listener });
      await checkpoints;
      if (checkpointError) throw checkpointError;
      return {
        status: result.status,
        step: result.step,
        ...(result.error ? { error: { code: result.error.code, message: result.error.message, phase: result.error.phase, loss: result.error.loss } } : {}),
      };
    } finally {
      this.running = false;
      this.flushEvents = undefined;
      flush();
    }
  }
}

// The lessons' reference judges come prebuilt from /data/judges/ when `npm run judges` has made them.
configureReference({ store: fetchedReferenceStore(new URL('/data/judges/', self.location.origin).href) });
Comlink.expose(new TrainingWorker());
