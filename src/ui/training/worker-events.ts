/**
 * The worker's batched events, fanned in to the dock: loss readings go to the series and the
 * counters, a phase step lights its phase, a checkpoint is stored in the background; a reading
 * that makes a sample due takes one.
 */
import type { Checkpoint, TrainingCallbacks, TrainingEvent } from '../../../workers/training-api';
import { checkpoints } from './checkpoints';
import { liveRun } from './live-run';
import { phaseCycle } from './phase-cycle';
import { epochOf } from './run-facts';
import { refreshSample, sampleDue } from './samples';
import { sessions, type Session } from './session';
import { setTraining, useTraining } from './training-store';

export function onEvents(session: Session, events: TrainingEvent[]): void {
  if (!sessions.isCurrent(session)) return;
  const patch: Partial<ReturnType<typeof useTraining.getState>> = {};
  let pushed = false;
  for (const e of events) {
    if (e.type === 'metrics') {
      liveRun.series.push(e.step, e.losses);
      pushed = true;
      // A session's steps only go up; a reading can arrive after a pause said where the run stands.
      patch.step = Math.max(patch.step ?? useTraining.getState().step, e.step);
      patch.epoch = epochOf(session.plan, patch.step);
      if (e.stepsPerSecond > 0) patch.stepsPerSecond = e.stepsPerSecond;
      patch.memory = { tensors: e.tensors, bytes: e.bytes };
    } else if (e.type === 'phase') {
      phaseCycle.show(e.phase, 1500);
    } else if (e.type === 'checkpoint') {
      patch.lastCheckpointStep = e.step;
    }
  }
  if (pushed) patch.seriesVersion = liveRun.series.version;
  setTraining(patch);
  if (pushed && sampleDue(session, useTraining.getState().step)) void refreshSample(session);
}

/** The callbacks a worker `train` call reports through. */
export function callbacksFor(session: Session): TrainingCallbacks {
  return session.client.proxy({
    onEvents: (events: TrainingEvent[]) => onEvents(session, events),
    onCheckpoint: (checkpoint: Checkpoint) => {
      // Stored in the background: training goes on while IndexedDB writes.
      void checkpoints.store(session, checkpoint, 'auto');
    },
  });
}
