/**
 * Running a session's worker: a run is a series of worker `train` calls ("segments"). The first
 * two iterations read metrics every step (the page shows numbers at once, and the second reading
 * measures the speed); the rest read back at most about five times a second and at least every
 * "log every" of the document. Pause, resume, single steps and stop act between iterations.
 */
import type { RunOutcome, StepPhaseOptions } from '../../../workers/training-api';
import { toast } from '../store/actions';
import { t } from '../i18n';
import type { StoredCheckpointInfo } from './checkpoint-store';
import { checkpoints } from './checkpoints';
import { fail, failed } from './failures';
import { liveRun } from './live-run';
import { phaseCycle } from './phase-cycle';
import { epochOf, messageOf } from './run-facts';
import { refreshMemory, refreshSample } from './samples';
import { sessions, type Session } from './session';
import { setTraining, stopClock, useTraining } from './training-store';
import { callbacksFor } from './worker-events';
import { WorkerCrashedError } from './worker-client';

function nextSegment(session: Session, remaining: number): { steps: number; logEvery: number } {
  const { settings, stepsPerSecond, step } = useTraining.getState();
  const docEvery = Math.max(1, session.plan.logEvery);
  if (settings.logEvery > 0) return { steps: remaining, logEvery: settings.logEvery };
  if (liveRun.series.length < 2 || stepsPerSecond <= 0) return { steps: Math.min(remaining, step === 0 ? 2 : 1), logEvery: 1 };
  return { steps: remaining, logEvery: Math.max(1, Math.min(docEvery, Math.floor(stepsPerSecond / 5))) };
}

async function finish(session: Session): Promise<void> {
  phaseCycle.stop();
  stopClock();
  setTraining({ status: 'done' });
  await refreshSample(session, true);
  await checkpoints.now('end');
}

/** Ends a suspended run so single steps can be taken. */
async function endRun(session: Session): Promise<void> {
  if (!session.run) return;
  session.stopping = true;
  const run = session.run;
  await session.client.call((api) => api.stop()).catch(() => undefined);
  await run.catch(() => undefined);
}

export const runLoop = {
  /** Runs segments until the plan's steps are done, the page stops it, or it fails. */
  async run(session: Session): Promise<void> {
    if (session.run) return;
    setTraining({ status: 'running', runningSince: performance.now() });
    phaseCycle.start();
    for (;;) {
      const state = useTraining.getState();
      const remaining = session.plan.steps - state.step;
      if (remaining <= 0) {
        await finish(session);
        return;
      }
      const segment = nextSegment(session, remaining);
      session.stopping = false;
      const { checkpointEvery } = state.settings;
      let outcome: RunOutcome;
      try {
        session.run = session.client.call((api) => api.train(callbacksFor(session), { steps: segment.steps, logEvery: segment.logEvery, checkpointEvery }));
        outcome = await session.run;
      } catch (e) {
        session.run = null;
        if (sessions.isCurrent(session) && !(e instanceof WorkerCrashedError)) fail(session, { tone: 'error', title: t('train.stopped'), text: messageOf(e), actions: ['dismiss'] });
        return;
      } finally {
        session.run = null;
      }
      if (!sessions.isCurrent(session)) return;
      setTraining({ step: outcome.step, epoch: epochOf(session.plan, outcome.step) });
      if (outcome.status === 'error') {
        failed(session, outcome);
        return;
      }
      if (outcome.status === 'stopped' || session.stopping) return;
      if (useTraining.getState().status !== 'running') return;
    }
  },

  /** Pauses between iterations and saves a checkpoint there (returned). */
  async pause(session: Session): Promise<StoredCheckpointInfo | null> {
    let step: number;
    try {
      step = await session.client.call((api) => api.pause());
    } catch {
      return null;
    }
    phaseCycle.stop();
    stopClock();
    // The iteration in flight when Pause was pressed has finished; its readings may still be on the way.
    setTraining({ status: 'paused', step: Math.max(step, useTraining.getState().step), epoch: epochOf(session.plan, step) });
    const info = await checkpoints.now('pause');
    await refreshSample(session, true);
    await refreshMemory(session);
    return info;
  },

  /** Continues a paused run: the suspended `train` call, or a new one after single steps. */
  async resume(session: Session): Promise<void> {
    setTraining({ message: null, failedLoss: null });
    if (session.run) {
      try {
        await session.client.call((api) => api.resume());
      } catch {
        return;
      }
      setTraining({ status: 'running', runningSince: performance.now() });
      phaseCycle.start();
    } else void runLoop.run(session);
  },

  /** One iteration (every phase), or one update of one phase. */
  async step(session: Session, phaseId?: string, opts: StepPhaseOptions = {}): Promise<void> {
    await endRun(session);
    setTraining({ status: 'stepping', message: null, failedLoss: null });
    const started = performance.now();
    if (phaseId) phaseCycle.show(phaseId, 60_000);
    else phaseCycle.start();
    try {
      const callbacks = callbacksFor(session);
      const outcome = await session.client.call((api) => (phaseId ? api.stepPhase(phaseId, callbacks, opts) : api.stepIteration(callbacks)));
      if (!sessions.isCurrent(session)) return;
      if (outcome.status === 'error') {
        failed(session, outcome);
        return;
      }
      setTraining({ step: outcome.step, epoch: epochOf(session.plan, outcome.step), status: 'paused', elapsedMs: useTraining.getState().elapsedMs + performance.now() - started });
      if (phaseId) phaseCycle.show(phaseId, 1500);
      else phaseCycle.stop();
      await refreshSample(session, true);
      await refreshMemory(session);
    } catch (e) {
      if (sessions.isCurrent(session) && !(e instanceof WorkerCrashedError)) {
        setTraining({ status: 'paused' });
        toast(messageOf(e), 'error');
      }
      phaseCycle.stop();
    }
  },

  /** Ends the run where it is (the worker keeps the model: steps can go on from there). */
  async stop(session: Session): Promise<void> {
    await endRun(session);
    if (!sessions.isCurrent(session)) return;
    phaseCycle.stop();
    stopClock();
    setTraining({ status: 'done' });
    await refreshSample(session, true);
    if (!session.poisoned) await checkpoints.now('end');
  },
};
