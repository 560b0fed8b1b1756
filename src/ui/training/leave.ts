/**
 * Run state belongs to a document. When another document opens (a template, a file, a link, an
 * Undo of an opening), the dock lets go of the run it shows: its last state goes into a
 * checkpoint of its own document, its worker ends, and the dock starts empty for the new
 * document, listing that one's checkpoints. Opening another document while a run trains asks
 * first.
 */
import type { GraphDocument } from '../../graph/document';
import { ask } from '../store/ask';
import { checkpoints } from './checkpoints';
import { liveRun } from './live-run';
import { phaseCycle } from './phase-cycle';
import { sessions, type Session } from './session';
import { emptyRunState, isBusy, setTraining, useTraining } from './training-store';
import { currentLocale, t } from '../i18n';
import { documentText } from '../i18n/document-text';
import { editorApi } from '../store/editor-store';

/** Asks before a training run is left for `next`; true when it may be (or nothing trains). */
export async function mayLeaveRun(next: GraphDocument): Promise<boolean> {
  if (!isBusy(useTraining.getState().status) || !sessions.current) return true;
  const plan = useTraining.getState().plan;
  const locale = currentLocale();
  const current = editorApi.getState().doc;
  // The running graph's title as shown: the open document's words when it is the one training.
  const title = plan && current.meta.title === plan.title ? documentText(current, locale).title : plan?.title;
  const nextTitle = documentText(next, locale).title;
  return ask({
    title: t('leave.title'),
    text: title !== undefined ? t('leave.text', { title, next: nextTitle }) : t('leave.textUntitled', { next: nextTitle }),
    confirm: t('leave.confirm', { next: nextTitle }),
    cancel: t('leave.cancel'),
  });
}

/** Lets go of the dock's run (if any) and clears the dock for the document now open. */
export function leaveRun(): void {
  const session = sessions.detach();
  const status = useTraining.getState().status;
  const history = liveRun.series.snapshot();
  phaseCycle.stop();
  liveRun.series.clear();
  liveRun.sample = null;
  setTraining({ ...emptyRunState(), seriesVersion: liveRun.series.version, sampleVersion: useTraining.getState().sampleVersion + 1 });
  if (session) void keepAndEnd(session, status === 'running', history);
}

/** A run left while training: pause it between iterations, keep that state, then end its worker. */
async function keepAndEnd(session: Session, running: boolean, history: ReturnType<typeof liveRun.series.snapshot>): Promise<void> {
  try {
    if (running && !session.poisoned && session.client.alive) {
      await session.client.call((api) => api.pause());
      const checkpoint = await session.client.call((api) => api.saveCheckpoint());
      await checkpoints.keep(session.docKey, checkpoint, 'pause', history);
    }
  } catch {
    /* the worker is ending anyway; the run's earlier checkpoints stay */
  } finally {
    if (session.client.alive) session.client.terminate('the document was left');
  }
}
