/**
 * The page side of training: compiles the open document, runs it in the training worker, and turns
 * the worker's batched events into what the dock and the canvas show. Every worker call goes
 * through a TrainingWorkerClient, so a crash rejects pending calls instead of leaving them hanging.
 *
 * A run is a series of worker `train` calls ("segments"): the first two iterations read metrics
 * every step (the page shows numbers at once, and the second reading measures the speed), the rest
 * read back at most about five times a second and at least every "log every" of the document.
 */
import { compilePlan } from '../../compiler/compile';
import type { LoadedImages } from '../../data/images';
import { useCustomImages } from './custom-images';
import type { Plan } from '../../compiler/plan';
import type { GraphDocument } from '../../graph/document';
import { getKind } from '../../graph/catalog';
import { applyVariant } from '../../graph/variants';
import type { BackendName, BaselineOptions, BaselineResult, Checkpoint, LoadResult, RunOutcome, SampleDraws, TrainingCallbacks, TrainingEvent } from '../../../workers/training-api';
import type { OptimiseInputOptions, OptimisedInput } from '../../engine/optimise-input';
import type { LessonMetrics } from '../../lessons/types';
import { toast } from '../store/actions';
import { checkOf, countProblems } from '../store/derived';
import { editorApi } from '../store/editor-store';
import { CheckpointStore, packCheckpoint, unpackCheckpoint, type CheckpointHistory, type CheckpointReason, type StoredCheckpointInfo } from './checkpoint-store';
import { exportNetworkZip } from './export-network';
import { MetricSeries } from './series';
import { isBusy, setTraining, useTraining, type TrainingMessage } from './training-store';
import { TrainingWorkerClient, WorkerCrashedError } from './worker-client';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** What the sample grid draws. */
export type SampleView =
  | { kind: 'images'; step: number; data: Float32Array; shape: number[]; range: [number, number] }
  | { kind: 'points'; step: number; fake: Float32Array; real: Float32Array | null }
  | { kind: 'vectors'; step: number; data: Float32Array; shape: number[] };

/** Checkpoints are listed per document: the template it came from and its title. */
export function docKeyOf(doc: GraphDocument): string {
  return `${doc.meta.template ?? 'doc'}/${doc.meta.title}`;
}

/** The plan with what can change during a run (learning rates, loss weights, steps, names) taken out. */
function structureOf(plan: Plan): string {
  const lossWeight = new Map(plan.losses.map((l) => [l.id, l.weight]));
  return JSON.stringify({
    ...plan,
    title: '',
    steps: 0,
    logEvery: 0,
    groups: plan.groups.map((g) => ({ ...g, label: '' })),
    losses: plan.losses.map((l) => ({ ...l, label: '', weight: 0 })),
    nodes: plan.nodes.map((n) => ({ ...n, label: '', ...(lossWeight.has(n.id) ? { params: { ...n.params, weight: 0 } } : {}) })),
    phases: plan.phases.map((p) => ({
      ...p,
      name: '',
      optimizer: { ...p.optimizer, lr: 0 },
      terms: p.terms.map((t) => ({ loss: t.loss, weight: t.weight / (lossWeight.get(t.loss) || 1) })),
    })),
  });
}

interface Session {
  id: number;
  client: TrainingWorkerClient;
  plan: Plan;
  docKey: string;
  load?: LoadResult;
  /** The worker's `train` call in flight, if any. */
  run: Promise<RunOutcome> | null;
  /** Set when the page asked the run to end (pause-to-step, stop). */
  stopping: boolean;
  /** The weights went NaN: continuing means reloading a checkpoint first. */
  poisoned: boolean;
  structure: string;
  /** Learning rates and loss weights the worker has now. */
  lrs: Map<string, number>;
  lossWeights: Map<string, number>;
  /** The real points beside 2-D samples, sampled once. */
  realPoints: Float32Array | null;
  lastSampleStep: number;
  lastSampleTime: number;
  sampling: boolean;
  /** A forced sample came while one was in flight: take another when it ends. */
  resample?: boolean;
}

/** Samples refresh every N steps, and at least this often while steps are slow. */
const SAMPLE_MIN_MS = 2500;

class TrainingController {
  readonly series = new MetricSeries();
  sample: SampleView | null = null;
  private readonly store = new CheckpointStore(12);
  private session: Session | null = null;
  private sessions = 0;
  private phaseTimer: ReturnType<typeof setTimeout> | undefined;
  private phaseIndex = 0;
  private holdPhaseUntil = 0;
  private listedKey = '';

  // ── Starting ───────────────────────────────────────────────────────────────────────────────

  /** The Train button, Space and Ctrl/Cmd+Enter: start, or pause and resume. */
  toggle(doc: GraphDocument): void {
    const { status } = useTraining.getState();
    if (status === 'running') void this.pause();
    else if (status === 'paused' && this.session) void this.resume();
    else if (status !== 'loading' && status !== 'stepping') void this.start(doc);
  }

  /** Checks and compiles the document; on problems shows them and returns null (no worker call). */
  private compile(doc: GraphDocument): Plan | null {
    if (doc.nodes.length === 0) {
      toast('Nothing to train yet: add nodes or open a template', 'info');
      return null;
    }
    const check = checkOf(doc);
    const showProblems = (n: number) => {
      editorApi.getState().setUi({ problemsOpen: true });
      toast(`Fix ${n} problem${n === 1 ? '' : 's'} before training`, 'error');
    };
    if (!check.ok) {
      showProblems(countProblems(check.diagnostics).errors);
      return null;
    }
    const result = compilePlan(doc);
    if (!result.ok) {
      showProblems(countProblems(result.diagnostics).errors || result.diagnostics.length);
      return null;
    }
    return result.plan;
  }

  /** Starts a fresh run (step 0, or `from` a stored checkpoint) on a new worker. */
  async start(doc: GraphDocument, from?: { checkpoint: Checkpoint; history?: CheckpointHistory }, backend?: BackendName, opts: { train?: boolean } = {}): Promise<boolean> {
    const plan = this.compile(doc);
    if (!plan) return false;
    const session = this.newSession(plan, docKeyOf(doc));
    this.series.clear();
    this.sample = null;
    const startStep = from?.checkpoint.manifest.step ?? 0;
    if (from?.history) {
      const { steps, values } = from.history;
      steps.forEach((step, i) => {
        if (step <= startStep) this.series.push(step, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v[i]])));
      });
    }
    setTraining({
      status: 'loading',
      plan,
      docKey: session.docKey,
      step: startStep,
      totalSteps: plan.steps,
      epoch: epochOf(plan, startStep),
      stepsPerSecond: 0,
      elapsedMs: 0,
      runningSince: null,
      memory: null,
      activePhase: null,
      failedLoss: null,
      message: null,
      lastCheckpointStep: null,
      stale: false,
      dockOpen: true,
      seriesVersion: this.series.version,
      sampleVersion: 0,
    });
    const choice = useTraining.getState().backendChoice;
    const want = backend ?? (choice === 'auto' ? 'webgpu' : choice);
    try {
      const load = await session.client.call((api) => api.load(plan, { backend: want, ...(from ? { checkpoint: from.checkpoint } : {}), ...customImagesFor(plan) }));
      if (!this.current(session)) return false;
      session.load = load;
      setTraining({ backend: { active: load.backend, tried: load.tried, isolated: load.crossOriginIsolated }, step: load.step });
    } catch (e) {
      if (!this.current(session) || e instanceof WorkerCrashedError) return false;
      this.fail(session, { tone: 'error', title: 'Could not start training', text: messageOf(e), actions: ['dismiss'] });
      return false;
    }
    void this.refreshCheckpoints();
    if (opts.train === false) {
      setTraining({ status: 'paused' });
      return true;
    }
    void this.runLoop(session);
    return true;
  }

  private newSession(plan: Plan, docKey: string): Session {
    this.retire();
    const id = ++this.sessions;
    const client = new TrainingWorkerClient((error) => this.crashed(id, error));
    const session: Session = {
      id,
      client,
      plan,
      docKey,
      run: null,
      stopping: false,
      poisoned: false,
      structure: structureOf(plan),
      lrs: new Map(plan.phases.map((p) => [p.id, p.optimizer.lr])),
      lossWeights: new Map(plan.losses.map((l) => [l.id, l.weight])),
      realPoints: null,
      lastSampleStep: -Infinity,
      lastSampleTime: 0,
      sampling: false,
    };
    this.session = session;
    return session;
  }

  /** Ends the current worker on purpose (a new run, or leaving). */
  private retire(): void {
    const old = this.session;
    this.session = null;
    this.stopPhaseCycle();
    if (old?.client.alive) old.client.terminate('the training worker was replaced');
  }

  private current(session: Session): boolean {
    return this.session === session && session.client.alive;
  }

  // ── Running ────────────────────────────────────────────────────────────────────────────────

  private callbacks(session: Session): TrainingCallbacks {
    return session.client.proxy({
      onEvents: (events: TrainingEvent[]) => this.onEvents(session, events),
      onCheckpoint: (checkpoint: Checkpoint) => {
        // Stored in the background: training goes on while IndexedDB writes.
        void this.storeCheckpoint(session, checkpoint, 'auto');
      },
    });
  }

  /** Runs segments until the plan's steps are done, the page stops it, or it fails. */
  private async runLoop(session: Session): Promise<void> {
    if (session.run) return;
    setTraining({ status: 'running', runningSince: performance.now() });
    this.startPhaseCycle();
    for (;;) {
      const state = useTraining.getState();
      const remaining = session.plan.steps - state.step;
      if (remaining <= 0) {
        await this.finish(session);
        return;
      }
      const segment = this.nextSegment(session, remaining);
      session.stopping = false;
      const { checkpointEvery } = state.settings;
      let outcome: RunOutcome;
      try {
        session.run = session.client.call((api) => api.train(this.callbacks(session), { steps: segment.steps, logEvery: segment.logEvery, checkpointEvery }));
        outcome = await session.run;
      } catch (e) {
        session.run = null;
        if (this.current(session) && !(e instanceof WorkerCrashedError)) this.fail(session, { tone: 'error', title: 'Training stopped', text: messageOf(e), actions: ['dismiss'] });
        return;
      } finally {
        session.run = null;
      }
      if (!this.current(session)) return;
      setTraining({ step: outcome.step, epoch: epochOf(session.plan, outcome.step) });
      if (outcome.status === 'error') {
        this.failed(session, outcome);
        return;
      }
      if (outcome.status === 'stopped' || session.stopping) return;
      if (useTraining.getState().status !== 'running') return;
    }
  }

  private nextSegment(session: Session, remaining: number): { steps: number; logEvery: number } {
    const { settings, stepsPerSecond, step } = useTraining.getState();
    const docEvery = Math.max(1, session.plan.logEvery);
    if (settings.logEvery > 0) return { steps: remaining, logEvery: settings.logEvery };
    if (this.series.length < 2 || stepsPerSecond <= 0) return { steps: Math.min(remaining, step === 0 ? 2 : 1), logEvery: 1 };
    return { steps: remaining, logEvery: Math.max(1, Math.min(docEvery, Math.floor(stepsPerSecond / 5))) };
  }

  private onEvents(session: Session, events: TrainingEvent[]): void {
    if (!this.current(session)) return;
    const patch: Partial<ReturnType<typeof useTraining.getState>> = {};
    let pushed = false;
    for (const e of events) {
      if (e.type === 'metrics') {
        this.series.push(e.step, e.losses);
        pushed = true;
        patch.step = e.step;
        patch.epoch = epochOf(session.plan, e.step);
        if (e.stepsPerSecond > 0) patch.stepsPerSecond = e.stepsPerSecond;
        patch.memory = { tensors: e.tensors, bytes: e.bytes };
      } else if (e.type === 'phase') {
        this.showPhase(e.phase, 1500);
      } else if (e.type === 'checkpoint') {
        patch.lastCheckpointStep = e.step;
      }
    }
    if (pushed) patch.seriesVersion = this.series.version;
    setTraining(patch);
    const step = useTraining.getState().step;
    const due = step - session.lastSampleStep >= useTraining.getState().settings.sampleEvery || (step > session.lastSampleStep && performance.now() - session.lastSampleTime > SAMPLE_MIN_MS);
    if (pushed && due) void this.refreshSample(session);
  }

  private async finish(session: Session): Promise<void> {
    this.stopPhaseCycle();
    this.stopClock();
    setTraining({ status: 'done' });
    await this.refreshSample(session, true);
    await this.checkpointNow('end');
  }

  private failed(session: Session, outcome: RunOutcome): void {
    const error = outcome.error ?? { code: 'error' as const, message: 'training failed' };
    const latest = useTraining.getState().checkpoints.find((c) => c.docKey === session.docKey);
    const resume = latest ? { checkpointId: latest.id, checkpointStep: latest.step } : {};
    if (error.code === 'nan') {
      session.poisoned = true;
      const loss = session.plan.losses.find((l) => l.id === error.loss);
      const phase = session.plan.phases.find((p) => p.id === error.phase);
      this.stopPhaseCycle();
      this.stopClock();
      setTraining({
        status: 'paused',
        failedLoss: error.loss ?? null,
        message: {
          tone: 'error',
          title: loss ? `Loss “${loss.label}” became NaN` : 'A loss became NaN',
          text: `${sentence(error.message)}${phase ? ` “${phase.name}” learns at ${session.lrs.get(phase.id) ?? phase.optimizer.lr}: change it in the Schedule tab, then ${latest ? 'resume from a checkpoint' : 'train again'}.` : ''}`,
          actions: latest ? ['resume-checkpoint', 'dismiss'] : ['dismiss'],
          ...resume,
        },
      });
      void this.refreshSample(session, true);
      return;
    }
    if (error.code === 'device-lost') {
      const next = nextBackend(useTraining.getState().backend?.active);
      this.fail(session, {
        tone: 'error',
        title: 'The GPU device was lost',
        text: `${sentence(error.message)} ${latest ? `Continue from the checkpoint at step ${latest.step}` : 'Start again'}${next ? ` on ${BACKEND_LABELS[next]}` : ''}?`,
        actions: next ? ['next-backend', 'dismiss'] : ['dismiss'],
        ...(next ? { nextBackend: next } : {}),
        ...resume,
      });
      return;
    }
    const titles: Record<string, string> = { oom: 'Out of memory', data: 'The training data could not be loaded', state: 'The checkpoint does not fit this graph' };
    this.fail(session, { tone: 'error', title: titles[error.code] ?? 'Training failed', text: error.message, actions: latest ? ['resume-checkpoint', 'dismiss'] : ['dismiss'], ...resume });
  }

  private fail(session: Session | null, message: TrainingMessage): void {
    if (session && this.session !== session) return;
    this.stopPhaseCycle();
    this.stopClock();
    setTraining({ status: 'failed', message });
  }

  private crashed(sessionId: number, error: WorkerCrashedError): void {
    const session = this.session;
    if (!session || session.id !== sessionId) return;
    const latest = useTraining.getState().checkpoints.find((c) => c.docKey === session.docKey);
    this.fail(session, {
      tone: 'error',
      title: 'The training worker stopped',
      text: `${sentence(error.message)} Your graph is unchanged.${latest ? ` Resume from the checkpoint at step ${latest.step}?` : ' No checkpoint was saved yet: press Train to start again.'}`,
      actions: latest ? ['resume-checkpoint', 'dismiss'] : ['dismiss'],
      ...(latest ? { checkpointId: latest.id, checkpointStep: latest.step } : {}),
    });
  }

  private stopClock(): void {
    const { runningSince, elapsedMs } = useTraining.getState();
    if (runningSince !== null) setTraining({ elapsedMs: elapsedMs + performance.now() - runningSince, runningSince: null });
  }

  // ── Pause, resume, step, stop ──────────────────────────────────────────────────────────────

  /** Pauses between iterations and saves a checkpoint there (returned). */
  async pause(): Promise<StoredCheckpointInfo | null> {
    const session = this.session;
    if (!session || useTraining.getState().status !== 'running') return null;
    let step: number;
    try {
      step = await session.client.call((api) => api.pause());
    } catch {
      return null;
    }
    this.stopPhaseCycle();
    this.stopClock();
    // The iteration in flight when Pause was pressed has finished; its readings may still be on the way.
    setTraining({ status: 'paused', step: Math.max(step, useTraining.getState().step), epoch: epochOf(session.plan, step) });
    const info = await this.checkpointNow('pause');
    await this.refreshSample(session, true);
    await this.refreshMemory(session);
    return info;
  }

  /** Continues this run on another backend: a checkpoint now, then a fresh worker from it. */
  async switchBackend(backend: BackendName): Promise<void> {
    const status = useTraining.getState().status;
    if (!this.session || (status !== 'running' && status !== 'paused')) return;
    const info = status === 'running' ? await this.pause() : await this.checkpointNow('manual');
    if (info) await this.resumeFrom(info.id, backend);
  }

  async resume(): Promise<void> {
    const session = this.session;
    const state = useTraining.getState();
    if (!session || state.status !== 'paused') return;
    if (session.poisoned) {
      const latest = state.checkpoints.find((c) => c.docKey === session.docKey);
      if (latest) await this.resumeFrom(latest.id);
      else await this.start(editorApi.getState().doc);
      return;
    }
    setTraining({ message: null, failedLoss: null });
    if (session.run) {
      try {
        await session.client.call((api) => api.resume());
      } catch {
        return;
      }
      setTraining({ status: 'running', runningSince: performance.now() });
      this.startPhaseCycle();
    } else void this.runLoop(session);
  }

  /** Ends a suspended run so single steps can be taken. */
  private async endRun(session: Session): Promise<void> {
    if (!session.run) return;
    session.stopping = true;
    const run = session.run;
    await session.client.call((api) => api.stop()).catch(() => undefined);
    await run.catch(() => undefined);
  }

  /** One iteration (every phase), or one update of one phase. */
  async step(phaseId?: string): Promise<void> {
    const status = useTraining.getState().status;
    if (status === 'running' || status === 'loading' || status === 'stepping') return;
    let session = this.session;
    // After Stop the worker still holds the model: steps continue from there.
    if (!session || !session.client.alive || status === 'idle' || status === 'failed' || session.poisoned) {
      const ok = await this.start(editorApi.getState().doc, undefined, undefined, { train: false });
      if (!ok) return;
      session = this.session!;
    }
    await this.endRun(session);
    setTraining({ status: 'stepping', message: null, failedLoss: null });
    const started = performance.now();
    if (phaseId) this.showPhase(phaseId, 60_000);
    else this.startPhaseCycle();
    try {
      const callbacks = this.callbacks(session);
      const outcome = await session.client.call((api) => (phaseId ? api.stepPhase(phaseId, callbacks) : api.stepIteration(callbacks)));
      if (!this.current(session)) return;
      if (outcome.status === 'error') {
        this.failed(session, outcome);
        return;
      }
      setTraining({ step: outcome.step, epoch: epochOf(session.plan, outcome.step), status: 'paused', elapsedMs: useTraining.getState().elapsedMs + performance.now() - started });
      if (phaseId) this.showPhase(phaseId, 1500);
      else this.stopPhaseCycle();
      await this.refreshSample(session, true);
      await this.refreshMemory(session);
    } catch (e) {
      if (this.current(session) && !(e instanceof WorkerCrashedError)) {
        setTraining({ status: 'paused' });
        toast(messageOf(e), 'error');
      }
      this.stopPhaseCycle();
    }
  }

  async stop(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const status = useTraining.getState().status;
    if (status === 'running' || status === 'paused') {
      await this.endRun(session);
      if (!this.current(session)) return;
      this.stopPhaseCycle();
      this.stopClock();
      setTraining({ status: 'done' });
      await this.refreshSample(session, true);
      if (!session.poisoned) await this.checkpointNow('end');
    }
  }

  /** Changes a phase's learning rate in the running worker (the document keeps its own). */
  async setLearningRate(phaseId: string, lr: number): Promise<void> {
    const session = this.session;
    if (!session) return;
    await session.client.call((api) => api.setLearningRate(phaseId, lr));
    session.lrs.set(phaseId, lr);
  }

  async setLossWeight(lossId: string, weight: number): Promise<void> {
    const session = this.session;
    if (!session) return;
    await session.client.call((api) => api.setLossWeight(lossId, weight));
    session.lossWeights.set(lossId, weight);
  }

  /**
   * The document changed while a worker holds its plan: learning rates and loss weights go to the
   * worker at once; any other change marks the run as stale (the next Train starts the new graph).
   */
  documentChanged(doc: GraphDocument): void {
    const key = docKeyOf(doc);
    if (key !== this.listedKey) void this.refreshCheckpoints(key);
    const session = this.session;
    const status = useTraining.getState().status;
    if (!session || status === 'idle' || status === 'done' || status === 'failed' || !session.client.alive) return;
    if (key !== session.docKey) {
      setTraining({ stale: true });
      return;
    }
    if (!checkOf(doc).ok) {
      setTraining({ stale: true });
      return;
    }
    const result = compilePlan(doc);
    if (!result.ok) return;
    const plan = result.plan;
    if (structureOf(plan) !== session.structure) {
      setTraining({ stale: true });
      return;
    }
    setTraining({ stale: false });
    for (const p of plan.phases) {
      if (session.lrs.get(p.id) !== p.optimizer.lr) void this.setLearningRate(p.id, p.optimizer.lr).catch((e) => toast(messageOf(e), 'error'));
    }
    for (const l of plan.losses) {
      if (session.lossWeights.get(l.id) !== l.weight) void this.setLossWeight(l.id, l.weight).catch((e) => toast(messageOf(e), 'error'));
    }
    if (plan.steps !== session.plan.steps) {
      session.plan = { ...session.plan, steps: plan.steps };
      setTraining({ totalSteps: plan.steps, plan: session.plan });
    }
  }

  // ── Samples ────────────────────────────────────────────────────────────────────────────────

  private async refreshSample(session: Session, force = false): Promise<void> {
    const gen = session.plan.samples;
    if (!gen || !this.current(session)) return;
    if (session.sampling) {
      // The end of a run must not be dropped because a sample was in flight: take it right after.
      if (force) session.resample = true;
      return;
    }
    const step = useTraining.getState().step;
    if (!force && step === session.lastSampleStep) return;
    session.sampling = true;
    session.lastSampleStep = step;
    session.lastSampleTime = performance.now();
    try {
      const count = gen.kind === 'points' ? 512 : sampleCount(session.plan, gen.node, gen.port);
      const out = await session.client.call((api) => api.sample(gen.node, gen.port, count));
      const real = gen.real;
      if (gen.kind === 'points' && real && !session.realPoints) {
        session.realPoints = (await session.client.call((api) => api.sample(real.node, real.port, 512))).data;
      }
      if (!this.current(session)) return;
      if (gen.kind === 'points') this.sample = { kind: 'points', step, fake: out.data, real: session.realPoints };
      else if (gen.kind === 'images') this.sample = { kind: 'images', step, data: out.data, shape: out.shape, range: gen.range ?? rangeOf(out.data) };
      else this.sample = { kind: 'vectors', step, data: out.data, shape: out.shape };
      setTraining({ sampleVersion: useTraining.getState().sampleVersion + 1 });
    } catch (e) {
      if (!(e instanceof WorkerCrashedError) && this.current(session)) console.warn(`sampling failed: ${messageOf(e)}`);
    } finally {
      session.sampling = false;
      if (session.resample) {
        session.resample = false;
        if (useTraining.getState().step !== session.lastSampleStep) void this.refreshSample(session, true);
      }
    }
  }

  private async refreshMemory(session: Session): Promise<void> {
    try {
      const memory = await session.client.call((api) => api.memory());
      if (this.current(session)) setTraining({ memory });
    } catch {
      /* shown again with the next metrics */
    }
  }

  /** A node's output for lesson views (traversals and the like), from the running worker. */
  async sampleNode(nodeId: string, port = 'out', count = 64, draws?: SampleDraws, given?: SampleDraws) {
    const session = this.session;
    if (!session) throw new Error('nothing is training: press Train first');
    return session.client.call((api) => api.sample(nodeId, port, count, draws, given));
  }

  /** Gradient descent on a node output to fit another, in the worker (photo editing's projections). */
  async optimiseInput(opts: OptimiseInputOptions): Promise<OptimisedInput> {
    const session = this.session;
    if (!session) throw new Error('nothing is training: press Train first');
    return session.client.call((api) => api.optimiseInput(opts));
  }

  /** A lesson's figures (what `ganvas eval` prints) for the graph in the worker, by view name. */
  async lessonFigures(view: string, opts: { count?: number } = {}): Promise<LessonMetrics> {
    const session = this.session;
    if (!session) throw new Error('nothing is training: press Train first');
    return session.client.call((api) => api.lesson(view, opts));
  }

  /**
   * A lesson's baseline: the open graph's one-click variant (e.g. the classifier alone), trained
   * from scratch in the worker at the session's size for as many iterations as the session has
   * run (or `steps`), and its figures. Needs the run paused or finished.
   */
  async baselineFigures(variantId: string, view: string, opts: BaselineOptions & { steps?: number; onProgress?: (step: number, of: number) => void } = {}): Promise<BaselineResult> {
    const session = this.session;
    if (!session) throw new Error('nothing is training: press Train first');
    const doc = applyVariant(editorApi.getState().doc, variantId);
    const steps = Math.max(1, opts.steps ?? useTraining.getState().step);
    const compiled = compilePlan(doc, { size: session.plan.size, steps });
    if (!compiled.ok) throw new Error(`the variant does not compile: ${compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`);
    const progress = opts.onProgress;
    return session.client.call((api) => api.baseline(compiled.plan, view, { count: opts.count, samples: opts.samples }, progress ? session.client.proxy((step: number) => progress(step, steps)) : undefined));
  }

  // ── Checkpoints ────────────────────────────────────────────────────────────────────────────

  private history(step: number): CheckpointHistory {
    const snap = this.series.snapshot();
    const keep = snap.steps.findIndex((s) => s > step);
    if (keep < 0) return snap;
    return { steps: snap.steps.slice(0, keep), values: Object.fromEntries(Object.entries(snap.values).map(([k, v]) => [k, v.slice(0, keep)])) };
  }

  private async storeCheckpoint(session: Session, checkpoint: Checkpoint, reason: CheckpointReason): Promise<StoredCheckpointInfo | null> {
    try {
      const info = await this.store.save(session.docKey, checkpoint, { reason, history: this.history(checkpoint.manifest.step) });
      if (this.session === session) setTraining({ lastCheckpointStep: info.step });
      await this.refreshCheckpoints();
      return info;
    } catch (e) {
      toast(`Could not save a checkpoint: ${messageOf(e)}`, 'error');
      return null;
    }
  }

  /** Saves the worker's state now (on pause, at the end, or on request). */
  async checkpointNow(reason: CheckpointReason = 'manual'): Promise<StoredCheckpointInfo | null> {
    const session = this.session;
    if (!session || session.poisoned || !session.client.alive) return null;
    try {
      const checkpoint = await session.client.call((api) => api.saveCheckpoint());
      return await this.storeCheckpoint(session, checkpoint, reason);
    } catch (e) {
      if (!(e instanceof WorkerCrashedError)) toast(`Could not save a checkpoint: ${messageOf(e)}`, 'error');
      return null;
    }
  }

  async refreshCheckpoints(docKey = docKeyOf(editorApi.getState().doc)): Promise<void> {
    this.listedKey = docKey;
    try {
      const list = await this.store.list(docKey);
      if (this.listedKey !== docKey) return;
      const patch: Partial<ReturnType<typeof useTraining.getState>> = { checkpoints: list };
      if (list.length && !useTraining.getState().dockOpen) patch.dockOpen = true;
      setTraining(patch);
    } catch (e) {
      console.warn(`checkpoints unavailable: ${messageOf(e)}`);
    }
  }

  /** Loads a stored checkpoint into a fresh worker (optionally on another backend) and trains on. */
  async resumeFrom(id: string, backend?: BackendName): Promise<boolean> {
    const record = await this.store.record(id).catch(() => undefined);
    if (!record) {
      toast('That checkpoint is no longer stored', 'error');
      return false;
    }
    const doc = editorApi.getState().doc;
    if (docKeyOf(doc) !== record.info.docKey) {
      toast('That checkpoint belongs to another document', 'error');
      return false;
    }
    const ok = await this.start(doc, { checkpoint: record.checkpoint, history: record.history }, backend);
    if (ok) toast(`Resumed from step ${record.info.step}`, 'success');
    return ok;
  }

  async download(id: string): Promise<void> {
    const record = await this.store.record(id);
    if (!record) return;
    saveBlob(packCheckpoint(record.checkpoint), `${fileStem(record.info.title)}-step${record.info.step}.ganvas-ckpt`);
  }

  async loadFile(file: File): Promise<void> {
    try {
      const checkpoint = await unpackCheckpoint(file);
      const key = docKeyOf(editorApi.getState().doc);
      await this.store.save(key, checkpoint, { reason: 'file' });
      await this.refreshCheckpoints(key);
      toast(`Loaded a checkpoint at step ${checkpoint.manifest.step}`, 'success');
    } catch (e) {
      toast(`Could not load ${file.name}: ${messageOf(e)}`, 'error');
    }
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(id);
    await this.refreshCheckpoints();
  }

  /** A trained network as a tf.js weights bundle (model.json + weights.bin), zipped. */
  async exportNetwork(id: string, group: string): Promise<void> {
    const record = await this.store.record(id);
    if (!record) return;
    const result = compilePlan(editorApi.getState().doc);
    const plan = result.ok ? result.plan : useTraining.getState().plan;
    const zip = exportNetworkZip(record.checkpoint, group, plan ?? undefined);
    saveBlob(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), `${fileStem(record.info.title)}-${group}-step${record.info.step}.zip`);
  }

  // ── The phase shown as learning ────────────────────────────────────────────────────────────

  private showPhase(phase: string | null, holdMs: number): void {
    this.holdPhaseUntil = phase ? performance.now() + holdMs : 0;
    clearTimeout(this.phaseTimer);
    this.phaseTimer = undefined;
    if (useTraining.getState().activePhase !== phase) setTraining({ activePhase: phase });
    if (phase) this.phaseTimer = setTimeout(() => setTraining({ activePhase: null }), holdMs);
  }

  /**
   * While a run goes on, the canvas shows its phases in turn. Each phase stays lit for its share of
   * an iteration, but at least 0.6 s, so the alternation can be followed at any speed.
   */
  private startPhaseCycle(): void {
    this.stopPhaseCycle();
    const tick = () => {
      const { plan, stepsPerSecond, status } = useTraining.getState();
      if (!plan || plan.phases.length === 0 || (status !== 'running' && status !== 'stepping')) return;
      const phase = plan.phases[this.phaseIndex % plan.phases.length];
      this.phaseIndex++;
      setTraining({ activePhase: phase.id });
      const iterationMs = stepsPerSecond > 0 ? 1000 / stepsPerSecond : 1500;
      const dwell = Math.min(3000, Math.max(600, iterationMs / plan.phases.length));
      this.phaseTimer = setTimeout(tick, dwell);
    };
    this.phaseIndex = 0;
    tick();
  }

  private stopPhaseCycle(): void {
    clearTimeout(this.phaseTimer);
    this.phaseTimer = undefined;
    if (performance.now() >= this.holdPhaseUntil && useTraining.getState().activePhase !== null) setTraining({ activePhase: null });
  }

  // ── Messages and tests ─────────────────────────────────────────────────────────────────────

  dismissMessage(): void {
    setTraining({ message: null, failedLoss: null });
  }

  /** Ends the worker as a crash would; for tests. */
  killWorkerForTest(): boolean {
    const session = this.session;
    if (!session?.client.alive) return false;
    session.client.terminate('the training worker was killed');
    return true;
  }

  /** The learning rates and loss weights the worker trains with now (for tests and views). */
  liveSettings(): { learningRates: Record<string, number>; lossWeights: Record<string, number> } | null {
    const session = this.session;
    return session ? { learningRates: Object.fromEntries(session.lrs), lossWeights: Object.fromEntries(session.lossWeights) } : null;
  }

  get busy(): boolean {
    return isBusy(useTraining.getState().status);
  }
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────

export function nextBackend(active: string | undefined): BackendName | undefined {
  const i = BACKEND_ORDER.indexOf(active as BackendName);
  return i >= 0 ? BACKEND_ORDER[i + 1] : undefined;
}

/** "the worker died" → "The worker died." */
function sentence(text: string): string {
  const t = text.trim().replace(/;\s*try a lower learning rate$/, '. Try a lower learning rate');
  return (t.charAt(0).toUpperCase() + t.slice(1)).replace(/([^.!?])$/, '$1.');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}


function sampleCount(plan: Plan, node: string, port: string): number {
  const dims = plan.nodes.find((n) => n.id === node)?.outputs[port]?.dims ?? [];
  const pixels = (dims[0] ?? 1) * (dims[1] ?? 1);
  return pixels <= 32 * 32 ? 64 : 36;
}

/** For images whose range the plan does not know: signed when any value is clearly below 0. */
function rangeOf(data: Float32Array): [number, number] {
  let min = Infinity;
  for (let i = 0; i < data.length; i++) if (data[i] < min) min = data[i];
  return min < -0.05 ? [-1, 1] : [0, 1];
}

/** Passes over the first data set the graph draws from (its kind says how many examples one is). */
export function epochOf(plan: Plan, step: number): number {
  const size = plan.nodes.map((n) => getKind(n.kind)?.examples?.(n.params)).find((s) => s !== undefined) ?? 0;
  return size > 0 ? (step * plan.batchSize) / size : 0;
}

function fileStem(title: string): string {
  return title.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'ganvas';
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const trainingController = new TrainingController();

/** The user's images, when a node of the graph reads them. */
function customImagesFor(plan: Plan): { custom?: LoadedImages } {
  if (!plan.nodes.some((n) => getKind(n.kind)?.customImages?.(n.params))) return {};
  const images = useCustomImages.getState().images;
  if (!images) throw new Error('This graph trains on your own images: choose them in the Dataset node’s inspector first.');
  return { custom: images };
}
