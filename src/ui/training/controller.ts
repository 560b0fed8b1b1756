/**
 * The page side of training, as one small facade for the dock, the shortcuts and the lesson views:
 * it starts a run (compile gate → a new worker session → the run loop), pauses, resumes, steps and
 * stops it, and hands the rest to modules of one job each — session.ts (the worker), run-loop.ts,
 * worker-events.ts, failures.ts, live-edits.ts, samples.ts, checkpoints.ts, lesson-queries.ts,
 * phase-cycle.ts. Every worker call goes through a TrainingWorkerClient, so a crash rejects
 * pending calls instead of leaving them hanging.
 */
import type { GraphDocument } from '../../graph/document';
import { getKind } from '../../graph/catalog';
import type { Plan } from '../../compiler/plan';
import type { LoadedImages } from '../../data/images';
import type { BackendName, Checkpoint, StepPhaseOptions } from '../../../workers/training-api';
import { toast } from '../store/actions';
import { t } from '../i18n';
import { editorApi } from '../store/editor-store';
import type { CheckpointHistory, StoredCheckpointInfo } from './checkpoint-store';
import { checkpoints } from './checkpoints';
import { planForTraining } from './compile-gate';
import { useCustomImages } from './custom-images';
import { crashed, fail } from './failures';
import { baselineFigures, lessonFigures, optimiseInput, sampleNode } from './lesson-queries';
import { documentChanged, setLearningRate, setLossWeight } from './live-edits';
import { autoBackend, forgetTimings, startingBackend } from './auto-backend';
import { liveRun, type SampleView } from './live-run';
import { runLoop } from './run-loop';
import { docKeyOf, epochOf, messageOf } from './run-facts';
import { sessions } from './session';
import { isBusy, setTraining, useTraining } from './training-store';
import { WorkerCrashedError } from './worker-client';

export { BACKEND_LABELS, BACKEND_ORDER, nextBackend } from './backends';
export { docKeyOf, epochOf } from './run-facts';
export type { SampleView } from './live-run';

sessions.onCrash(crashed);

/** The user's images, when a node of the graph reads them. */
function customImagesFor(plan: Plan): { custom?: LoadedImages } {
  if (!plan.nodes.some((n) => getKind(n.kind)?.customImages?.(n.params))) return {};
  const images = useCustomImages.getState().images;
  if (!images) throw new Error(t('train.needImages'));
  return { custom: images };
}

class TrainingController {
  get series() {
    return liveRun.series;
  }

  /** The latest samples, as the sample grid draws them. */
  get sample(): SampleView | null {
    return liveRun.sample;
  }

  get busy(): boolean {
    return isBusy(useTraining.getState().status);
  }

  /** The Train button, Space and Ctrl/Cmd+Enter: start, or pause and resume. */
  toggle(doc: GraphDocument): void {
    const { status } = useTraining.getState();
    if (status === 'running') void this.pause();
    else if (status === 'paused' && sessions.current) void this.resume();
    else if (status !== 'loading' && status !== 'stepping') void this.start(doc);
  }

  /** Starts a fresh run (step 0, or `from` a stored checkpoint) on a new worker. */
  async start(doc: GraphDocument, from?: { checkpoint: Checkpoint; history?: CheckpointHistory }, backend?: BackendName, opts: { train?: boolean; timeNow?: boolean } = {}): Promise<boolean> {
    const plan = planForTraining(doc);
    if (!plan) return false;
    const session = sessions.open(plan, docKeyOf(doc));
    liveRun.series.clear();
    liveRun.sample = null;
    const startStep = from?.checkpoint.manifest.step ?? 0;
    if (from?.history) {
      const { steps, values } = from.history;
      steps.forEach((step, i) => {
        if (step <= startStep) liveRun.series.push(step, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v[i]])));
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
      seriesVersion: liveRun.series.version,
      sampleVersion: 0,
    });
    const choice = useTraining.getState().backendChoice;
    let want: BackendName;
    if (backend) want = backend;
    else if (choice !== 'auto') {
      want = choice;
      setTraining({ auto: null });
    } else {
      // Auto: the fastest backend for this graph on this device, timed once (auto-backend.ts);
      // untimed, a provisional pick, so the first loss is not held back (unless asked to time now).
      try {
        const report = opts.timeNow
          ? await autoBackend(plan, { fresh: true, onProgress: (text) => sessions.isCurrent(session) && setTraining({ autoProgress: text }) })
          : await startingBackend(plan, () => session.client.call((api) => api.devices()));
        if (!sessions.isCurrent(session)) return false;
        want = report.chosen;
        setTraining({ auto: report, autoProgress: null });
      } catch (e) {
        if (!sessions.isCurrent(session)) return false;
        setTraining({ autoProgress: null, auto: null });
        console.warn(`timing the backends failed (${messageOf(e)}); trying them in order`);
        want = 'webgpu';
      }
    }
    try {
      const load = await session.client.call((api) => api.load(plan, { backend: want, ...(from ? { checkpoint: from.checkpoint } : {}), ...customImagesFor(plan) }));
      if (!sessions.isCurrent(session)) return false;
      session.load = load;
      setTraining({ backend: { active: load.backend, tried: load.tried, isolated: load.crossOriginIsolated }, step: load.step });
    } catch (e) {
      if (!sessions.isCurrent(session) || e instanceof WorkerCrashedError) return false;
      fail(session, { tone: 'error', title: t('train.couldNotStart'), text: messageOf(e), actions: ['dismiss'] });
      return false;
    }
    void checkpoints.refresh();
    if (opts.train === false) {
      setTraining({ status: 'paused' });
      return true;
    }
    void runLoop.run(session);
    return true;
  }

  /** Pauses between iterations and saves a checkpoint there (returned). */
  async pause(): Promise<StoredCheckpointInfo | null> {
    const session = sessions.current;
    if (!session || useTraining.getState().status !== 'running') return null;
    return runLoop.pause(session);
  }

  async resume(): Promise<void> {
    const session = sessions.current;
    const state = useTraining.getState();
    if (!session || state.status !== 'paused') return;
    if (session.poisoned) {
      const latest = state.checkpoints.find((c) => c.docKey === session.docKey);
      if (latest) await this.resumeFrom(latest.id);
      else await this.start(editorApi.getState().doc);
      return;
    }
    await runLoop.resume(session);
  }

  /** One iteration (every phase), or one update of one phase; starts a worker first if none holds the model. */
  async step(phaseId?: string, opts: StepPhaseOptions = {}): Promise<void> {
    const status = useTraining.getState().status;
    if (status === 'running' || status === 'loading' || status === 'stepping') return;
    let session = sessions.current;
    // After Stop the worker still holds the model: steps continue from there.
    if (!session || !session.client.alive || status === 'idle' || status === 'failed' || session.poisoned) {
      const ok = await this.start(editorApi.getState().doc, undefined, undefined, { train: false });
      if (!ok) return;
      session = sessions.current!;
    }
    await runLoop.step(session, phaseId, opts);
  }

  async stop(): Promise<void> {
    const session = sessions.current;
    const status = useTraining.getState().status;
    if (session && (status === 'running' || status === 'paused')) await runLoop.stop(session);
  }

  /** Continues this run on another backend: a checkpoint now, then a fresh worker from it. */
  async switchBackend(backend: BackendName): Promise<void> {
    const status = useTraining.getState().status;
    if (!sessions.current || (status !== 'running' && status !== 'paused')) return;
    const info = status === 'running' ? await this.pause() : await checkpoints.now('manual');
    if (info) await this.resumeFrom(info.id, backend);
  }

  /** Continues this run on what Auto chooses (timing the backends again when `fresh`). */
  async switchToAuto(fresh = false): Promise<void> {
    const status = useTraining.getState().status;
    const plan = useTraining.getState().plan;
    if (!sessions.current || !plan || (status !== 'running' && status !== 'paused')) return;
    const info = status === 'running' ? await this.pause() : await checkpoints.now('manual');
    if (!info) return;
    if (fresh) forgetTimings();
    await this.resumeFrom(info.id, undefined, { timeNow: fresh });
  }

  /** Loads a stored checkpoint into a fresh worker (optionally on another backend) and trains on. */
  async resumeFrom(id: string, backend?: BackendName, opts: { timeNow?: boolean } = {}): Promise<boolean> {
    const record = await checkpoints.record(id).catch(() => undefined);
    if (!record) {
      toast(t('train.ckptGone'), 'error');
      return false;
    }
    const doc = editorApi.getState().doc;
    if (docKeyOf(doc) !== record.info.docKey) {
      toast(t('train.ckptOtherDoc'), 'error');
      return false;
    }
    const ok = await this.start(doc, { checkpoint: record.checkpoint, history: record.history }, backend, opts);
    if (ok) toast(t('train.resumed', { step: record.info.step }), 'success');
    return ok;
  }

  /**
   * Resumes from the checkpoint a message offers. Checkpoints are stored as they come and the oldest
   * pruned, and the page's list can lag behind what is stored, so by the click the offer may name
   * one that is gone: then the newest stored checkpoint of the same document is the one to continue.
   */
  async resumeOffered(id: string, backend?: BackendName): Promise<boolean> {
    if (await checkpoints.record(id).catch(() => undefined)) return this.resumeFrom(id, backend);
    await checkpoints.refresh();
    const key = docKeyOf(editorApi.getState().doc);
    const newest = useTraining.getState().checkpoints.find((c) => c.docKey === key);
    return this.resumeFrom(newest?.id ?? id, backend);
  }

  dismissMessage(): void {
    setTraining({ message: null, failedLoss: null });
  }

  // Edits reaching the worker.
  readonly documentChanged = documentChanged;
  readonly setLearningRate = setLearningRate;
  readonly setLossWeight = setLossWeight;

  // What lesson views ask of the worker.
  readonly sampleNode = sampleNode;
  readonly optimiseInput = optimiseInput;
  readonly lessonFigures = lessonFigures;
  readonly baselineFigures = baselineFigures;

  // Checkpoints.
  readonly checkpointNow = checkpoints.now;
  readonly refreshCheckpoints = checkpoints.refresh;
  readonly download = checkpoints.download;
  readonly loadFile = checkpoints.loadFile;
  readonly remove = checkpoints.remove;
  readonly exportNetwork = checkpoints.exportNetwork;
}

export const trainingController = new TrainingController();
