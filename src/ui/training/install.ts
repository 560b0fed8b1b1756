/**
 * Hooks the training dock into the editor: Train (button, Space, Ctrl/Cmd+Enter) goes to the
 * controller, document edits reach a running worker (learning rates, loss weights), opening
 * another document asks first while a run trains, the document's stored checkpoints are listed
 * from the start, and Auto's timing runs while nothing trains.
 */
import { useEffect } from 'react';
import { setTrainHandler } from '../store/actions';
import { editorApi } from '../store/editor-store';
import { setLeaveCheck } from '../store/replace-document';
import { trainingController } from './controller';
import { mayLeaveRun } from './leave';
import { cancelTiming, timeAhead } from './auto-backend';
import type { AutoReport } from './backend-choice';
import { compilePlan } from '../../compiler/compile';
import { isBusy, setTraining, useTraining } from './training-store';

export function useTrainingDock(): void {
  useEffect(() => {
    setTrainHandler((doc) => trainingController.toggle(doc));
    setLeaveCheck(mayLeaveRun);
    void trainingController.refreshCheckpoints();
    // Auto times the backends for a graph that checks out while nothing trains (auto-backend.ts).
    const planToTime = () => {
      const { status, backendChoice } = useTraining.getState();
      if (backendChoice !== 'auto' || isBusy(status)) return null;
      const result = compilePlan(editorApi.getState().doc);
      return result.ok && result.plan.phases.length ? result.plan : null;
    };
    // A run that started on a provisional backend shows the timing once it is taken.
    const showTiming = (report: AutoReport) => {
      const { auto, status } = useTraining.getState();
      if (auto?.provisional && !isBusy(status)) setTraining({ auto: { ...report, startedOn: auto.chosen } });
    };
    timeAhead(planToTime, 1500, showTiming);
    const unsubscribe = editorApi.subscribe((state, previous) => {
      if (state.doc !== previous.doc) {
        trainingController.documentChanged(state.doc);
        timeAhead(planToTime, 1500, showTiming);
      }
    });
    const unsubscribeDock = useTraining.subscribe((state, previous) => {
      // The dock takes room from the canvas: frame the graph again when it opens or closes.
      if (state.dockOpen !== previous.dockOpen) requestAnimationFrame(() => editorApi.getState().setUi((ui) => ({ fitRequest: ui.fitRequest + 1 })));
      // A timing beside a run slows both: it waits for the run to pause or end.
      if (state.status !== previous.status) {
        if (isBusy(state.status)) cancelTiming();
        else if (isBusy(previous.status)) timeAhead(planToTime, 500, showTiming);
      }
    });
    // The chart's code loads once the editor is idle, so opening the dock shows it at once.
    const warm = () => void import('./LossChart');
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(warm, { timeout: 4000 }) : setTimeout(warm, 2000);
    // Test builds only: in `npm run build` the condition is false at build time and the hooks are left out.
    if (import.meta.env.VITE_TEST_HOOKS === '1' && (navigator.webdriver || new URLSearchParams(location.search).has('ganvas-test'))) void import('./test-hook');
    return () => {
      setTrainHandler(null);
      setLeaveCheck(null);
      unsubscribe();
      unsubscribeDock();
      if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idle as number);
      else clearTimeout(idle as ReturnType<typeof setTimeout>);
    };
  }, []);
}
