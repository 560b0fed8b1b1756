/**
 * What the training worker offers the page, as types only: the page imports this file with
 * `import type`, so no TF.js reaches it.
 */
import type { Plan } from '../src/compiler/plan';
import type { Checkpoint } from '../src/engine/checkpoint';
import type { BackendAttempt, BackendName } from '../src/engine/backend';
import type { EngineErrorCode } from '../src/engine/errors';

export type { BackendName, Checkpoint };

export interface LoadResult {
  backend: string;
  tried: BackendAttempt[];
  step: number;
  crossOriginIsolated: boolean;
}

/** Events reach the page in batches, at most a few per second, never per step. */
export type TrainingEvent =
  | { type: 'metrics'; step: number; losses: Record<string, number>; stepsPerSecond: number; tensors: number; bytes: number; time: number }
  | { type: 'phase'; phase: string; step: number }
  | { type: 'checkpoint'; step: number }
  | { type: 'done'; step: number; stopped: boolean }
  | { type: 'error'; code: EngineErrorCode; message: string; phase?: string; loss?: string; step: number };

export interface TrainingCallbacks {
  onEvents(events: TrainingEvent[]): void;
  /** Called every `checkpointEvery` iterations and on pause; the page stores it (IndexedDB). */
  onCheckpoint?(checkpoint: Checkpoint): void | Promise<void>;
}

export interface TrainOptions {
  /** Iterations to run from now (default: to the plan's total). */
  steps?: number;
  /** Read metrics back every N iterations (default: the plan's logEvery). */
  logEvery?: number;
  /** Save a checkpoint every N iterations (0: never). */
  checkpointEvery?: number;
}

export interface RunOutcome {
  status: 'done' | 'stopped' | 'error';
  step: number;
  error?: { code: EngineErrorCode; message: string; phase?: string; loss?: string };
}

export interface SampleData {
  data: Float32Array;
  shape: number[];
}

export interface TrainingWorkerApi {
  load(plan: Plan, opts: { backend?: BackendName; checkpoint?: Checkpoint }): Promise<LoadResult>;
  train(callbacks: TrainingCallbacks, opts?: TrainOptions): Promise<RunOutcome>;
  pause(): void;
  resume(): void;
  stop(): void;
  /** One iteration (all phases) while not training. */
  stepIteration(callbacks: TrainingCallbacks): Promise<RunOutcome>;
  /** One update of one phase while not training ("update D only"). */
  stepPhase(phaseId: string, callbacks: TrainingCallbacks): Promise<RunOutcome>;
  setLearningRate(phaseId: string, lr: number): void;
  setLossWeight(lossId: string, weight: number): void;
  saveCheckpoint(): Promise<Checkpoint>;
  loadCheckpoint(checkpoint: Checkpoint): Promise<{ step: number }>;
  sample(nodeId: string, port?: string, count?: number): Promise<SampleData>;
  memory(): { tensors: number; bytes: number };
  dispose(): void;
}
