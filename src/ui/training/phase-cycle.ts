/**
 * The phase shown as learning on the canvas: while a run goes on, its phases light up in turn; a
 * single phase step holds its phase lit for a while.
 */
import { setTraining, useTraining } from './training-store';

let timer: ReturnType<typeof setTimeout> | undefined;
let index = 0;
let holdUntil = 0;

export const phaseCycle = {
  /** Lights `phase` (or none) for `holdMs`. */
  show(phase: string | null, holdMs: number): void {
    holdUntil = phase ? performance.now() + holdMs : 0;
    clearTimeout(timer);
    timer = undefined;
    if (useTraining.getState().activePhase !== phase) setTraining({ activePhase: phase });
    if (phase) timer = setTimeout(() => setTraining({ activePhase: null }), holdMs);
  },

  /**
   * Cycles through the plan's phases while it runs. Each phase stays lit for its share of an
   * iteration, but at least 0.6 s, so the alternation can be followed at any speed.
   */
  start(): void {
    phaseCycle.stop();
    const tick = () => {
      const { plan, stepsPerSecond, status } = useTraining.getState();
      if (!plan || plan.phases.length === 0 || (status !== 'running' && status !== 'stepping')) return;
      const phase = plan.phases[index % plan.phases.length];
      index++;
      setTraining({ activePhase: phase.id });
      const iterationMs = stepsPerSecond > 0 ? 1000 / stepsPerSecond : 1500;
      const dwell = Math.min(3000, Math.max(600, iterationMs / plan.phases.length));
      timer = setTimeout(tick, dwell);
    };
    index = 0;
    tick();
  },

  /** Stops cycling; a phase held by `show` stays lit until its time is up. */
  stop(): void {
    clearTimeout(timer);
    timer = undefined;
    if (performance.now() >= holdUntil && useTraining.getState().activePhase !== null) setTraining({ activePhase: null });
  },
};
