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
import { currentLocale, t } from '../i18n';
import { documentText } from '../i18n/document-text';
import { editorApi } from '../store/editor-store';

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
  const error = outcome.error ?? { code: 'error' as const, message: t('fail.default') };
  const latest = latestCheckpoint(session);
  const resume = latest ? { checkpointId: latest.id, checkpointStep: latest.step } : {};
  if (error.code === 'nan') {
    session.poisoned = true;
    const loss = session.plan.losses.find((l) => l.id === error.loss);
    const phase = session.plan.phases.find((p) => p.id === error.phase);
    const text = documentText(editorApi.getState().doc, currentLocale());
    phaseCycle.stop();
    stopClock();
    setTraining({
      status: 'paused',
      failedLoss: error.loss ?? null,
      message: {
        tone: 'error',
        title: loss ? t('fail.nanLoss', { loss: text.nodeLabel({ id: loss.id, label: loss.label }) ?? loss.label }) : t('fail.nan'),
        text: `${sentence(error.message)}${phase ? t(latest ? 'fail.nanHintResume' : 'fail.nanHintTrain', { phase: text.phaseName(phase), lr: String(session.lrs.get(phase.id) ?? phase.optimizer.lr) }) : ''}`,
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
      title: t('fail.deviceLost'),
      text: `${sentence(error.message)} ${
        latest
          ? next
            ? t('fail.continueFromOn', { step: String(latest.step), backend: BACKEND_LABELS[next] })
            : t('fail.continueFrom', { step: String(latest.step) })
          : next
            ? t('fail.startAgainOn', { backend: BACKEND_LABELS[next] })
            : t('fail.startAgain')
      }`,
      actions: next ? ['next-backend', 'dismiss'] : ['dismiss'],
      ...(next ? { nextBackend: next } : {}),
      ...resume,
    });
    return;
  }
  const titles: Record<string, string> = { oom: t('fail.oom'), data: t('fail.data'), state: t('fail.state') };
  fail(session, { tone: 'error', title: titles[error.code] ?? t('fail.failed'), text: error.message, actions: latest ? ['resume-checkpoint', 'dismiss'] : ['dismiss'], ...resume });
}

/** The current session's worker died. */
export function crashed(session: Session, error: WorkerCrashedError): void {
  const latest = latestCheckpoint(session);
  fail(session, {
    tone: 'error',
    title: t('fail.crashed'),
    text: `${sentence(error.message)} ${t('fail.unchanged')}${latest ? t('fail.resumeAt', { step: String(latest.step) }) : t('fail.noCheckpoint')}`,
    actions: latest ? ['resume-checkpoint', 'dismiss'] : ['dismiss'],
    ...(latest ? { checkpointId: latest.id, checkpointStep: latest.step } : {}),
  });
}
