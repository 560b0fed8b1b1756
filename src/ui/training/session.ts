/**
 * The training session: one worker holding one compiled plan, and what the page knows about it.
 * There is at most one; a new run retires the old worker. A worker that dies is reported to the
 * handler set with `onCrash` (the failure messages), only if its session is still the current one.
 */
import type { Plan } from '../../compiler/plan';
import type { LoadResult, RunOutcome } from '../../../workers/training-api';
import { structureOf } from './run-facts';
import { TrainingWorkerClient, type WorkerCrashedError } from './worker-client';

export interface Session {
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

let current: Session | null = null;
let opened = 0;
let crashHandler: (session: Session, error: WorkerCrashedError) => void = () => undefined;

export const sessions = {
  /** The session the dock shows, if any. */
  get current(): Session | null {
    return current;
  },

  /** Whether `session` is still the dock's and its worker alive (late replies of an old one are dropped). */
  isCurrent(session: Session): boolean {
    return current === session && session.client.alive;
  },

  /** Retires the current worker and opens a new one for `plan`. */
  open(plan: Plan, docKey: string): Session {
    sessions.retire();
    const id = ++opened;
    const client = new TrainingWorkerClient((error) => {
      if (current?.id === id) crashHandler(current, error);
    });
    current = {
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
    return current;
  },

  /** Lets go of the current session without ending its worker (the caller ends it); returns it. */
  detach(): Session | null {
    const old = current;
    current = null;
    return old;
  },

  /** Ends the current worker on purpose (a new run, or leaving). */
  retire(): void {
    const old = current;
    current = null;
    if (old?.client.alive) old.client.terminate('the training worker was replaced');
  },

  /** Who hears of a current worker that died. */
  onCrash(handler: (session: Session, error: WorkerCrashedError) => void): void {
    crashHandler = handler;
  },
};
