/**
 * What the dock says when a run fails: a NaN loss (the run pauses, its weights poisoned), a lost
 * GPU (continue on the next backend), a crashed worker, or another engine error — each with the
 * checkpoint to resume from when there is one. The graph is never touched.
 */
import type { RunOutcome } from '../../../workers/training-api';
import { BACKEND_LABELS, nextBackend } from './backends';
import { phaseCycle } from './phase-cycle';
import { refreshSample } from './samples';
import { sentence } from './run-facts';
import { sessions, type Session } from './session';
import { setTraining, stopClock, useTraining, type TrainingMessage } from './training-store';
import type { WorkerCrashedError } from './worker-client';

/** Ends the run with a message (for the current session only; an old one's failure is ignored). */
export function fail(session: Session | null, message: TrainingMessage): void {
  if (session && sessions.current !== session) return;
  phaseCycle.stop();
  stopClock();
  setTraining({ status: 'failed', message });
}

const latestCheckpoint = (session: Session) => useTraining.getState().checkpoints.find((c) => c.docKey === session.docKey);

/** A run segment that ended in an engine error. */
export function failed(session: Session, outcome: RunOutcome): void {
  const error = outcome.error ?? { code: 'error' as const, message: 'training failed' };
  const latest = latestCheckpoint(session);
  const resume = latest ? { checkpointId: latest.id, checkpointStep: latest.step } : {};
  if (error.code === 'nan') {
    session.poisoned = true;
    const loss = session.plan.losses.find((l) => l.id === error.loss);
    const phase = session.plan.phases.find((p) => p.id === error.phase);
    phaseCycle.stop();
    stopClock();
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
    void refreshSample(session, true);
    return;
  }
  if (error.code === 'device-lost') {
    const next = nextBackend(useTraining.getState().backend?.active);
    fail(session, {
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
  fail(session, { tone: 'error', title: titles[error.code] ?? 'Training failed', text: error.message, actions: latest ? ['resume-checkpoint', 'dismiss'] : ['dismiss'], ...resume });
}

/** The current session's worker died. */
export function crashed(session: Session, error: WorkerCrashedError): void {
  const latest = latestCheckpoint(session);
  fail(session, {
    tone: 'error',
    title: 'The training worker stopped',
    text: `${sentence(error.message)} Your graph is unchanged.${latest ? ` Resume from the checkpoint at step ${latest.step}?` : ' No checkpoint was saved yet: press Train to start again.'}`,
    actions: latest ? ['resume-checkpoint', 'dismiss'] : ['dismiss'],
    ...(latest ? { checkpointId: latest.id, checkpointStep: latest.step } : {}),
  });
}
