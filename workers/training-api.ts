/**
 * What the training worker offers the page, as types only: the page imports this file with
 * `import type`, so no TF.js reaches it.
 */
import type { LessonMetrics } from '../src/lessons/types';
import type { LoadedImages } from '../src/data/images';
import type { Plan, PlanTerm } from '../src/compiler/plan';
import type { Checkpoint } from '../src/engine/checkpoint';
import type { BackendAttempt, BackendName } from '../src/engine/backend';
import type { EngineErrorCode } from '../src/engine/errors';
import type { OptimiseInputOptions, OptimisedInput } from '../src/engine/optimise-input';
import type { ProbeOptions, WireProbe } from '../src/engine/probe';

export type { BackendAttempt, BackendName, Checkpoint, EngineErrorCode, ProbeOptions, WireProbe };

export interface LoadResult {
  /** The backend training runs on. */
  backend: string;
  /** Every backend tried, in order, with why the ones before the active one failed. */
  tried: BackendAttempt[];
  step: number;
  crossOriginIsolated: boolean;
  /** How long choosing the backend, opening the data and building the variables took. */
  ms: number;
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
  /** Called every `checkpointEvery` iterations; the page stores it (IndexedDB). */
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

/** A phase stepped on its own: how many updates, and whether it ends an iteration walked phase by phase. */
export interface StepPhaseOptions {
  repeats?: number;
  endsIteration?: boolean;
}

export interface RunOutcome {
  status: 'done' | 'stopped' | 'error';
  step: number;
  error?: { code: EngineErrorCode; message: string; phase?: string; loss?: string };
}

export interface SampleData {
  data: Float32Array;
  /** [count, ...dims] */
  shape: number[];
}

/** Replacement draws for a sample (e.g. a latent traversal): node id → output port → values. */
export type SampleDraws = Record<string, Record<string, Float32Array>>;

export interface BaselineOptions {
  /** The lesson's sample count for its figures. */
  count?: number;
  /** Node outputs to sample from the trained baseline too (e.g. its pictures beside the run's). */
  samples?: { node: string; port: string; count: number; draws?: SampleDraws }[];
}

/** A baseline's figures (and samples), measured after training it for `step` iterations. */
export interface BaselineResult {
  step: number;
  metrics: LessonMetrics;
  samples: SampleData[];
  seconds: number;
}

/** What the worker sees of one GPU API's adapter. */
export interface AdapterInfo {
  available: boolean;
  /** Vendor, architecture and description (WebGPU), or the unmasked renderer (WebGL). */
  name?: string;
  /** A software rasteriser or fallback adapter (the CPU behind a GPU API). */
  software: boolean;
  /** WebGPU said so itself (`isFallbackAdapter`). */
  fallback?: boolean;
  /** Why it is not available. */
  reason?: string;
}

export interface DeviceInfo {
  webgpu: AdapterInfo;
  webgl: AdapterInfo;
  cores: number;
  /** Cross-origin isolated (WASM can run threaded). */
  isolated: boolean;
  agent: string;
}

export interface BackendTimingOptions {
  /** Milliseconds of timed training after the warm-up (default 800). */
  budgetMs?: number;
  /** At most this many timed iterations (default 200). */
  maxSteps?: number;
}

export type BackendTiming =
  | { backend: BackendName; ok: true; stepsPerSecond: number; steps: number; loadMs: number; warmupMs: number }
  | { backend: BackendName; ok: false; reason: string };

export interface TrainingWorkerApi {
  /** The adapters behind WebGPU and WebGL, and the machine's cores. */
  devices(): Promise<DeviceInfo>;
  /** Iterations per second of `plan` on exactly `backend`, after a warm-up (nothing else loaded is touched). */
  timeBackend(plan: Plan, backend: BackendName, opts?: BackendTimingOptions): Promise<BackendTiming>;
  load(plan: Plan, opts: { backend?: BackendName; checkpoint?: Checkpoint; custom?: LoadedImages }): Promise<LoadResult>;
  train(callbacks: TrainingCallbacks, opts?: TrainOptions): Promise<RunOutcome>;
  /** Pauses between iterations; resolves, once the run stands still, with the iteration count it stopped at. */
  pause(): Promise<number>;
  resume(): void;
  stop(): void;
  /** One iteration (all phases) while not training. */
  stepIteration(callbacks: TrainingCallbacks): Promise<RunOutcome>;
  /** One update of one phase while not training ("update D only"). */
  stepPhase(phaseId: string, callbacks: TrainingCallbacks, opts?: StepPhaseOptions): Promise<RunOutcome>;
  setLearningRate(phaseId: string, lr: number): void;
  setLossWeight(lossId: string, weight: number): void;
  saveCheckpoint(): Promise<Checkpoint>;
  loadCheckpoint(checkpoint: Checkpoint): Promise<{ step: number }>;
  /** A node's output in inference mode for a fixed batch (see Engine.sample); transferred. */
  sample(nodeId: string, port?: string, count?: number, draws?: SampleDraws, given?: SampleDraws): Promise<SampleData>;
  /** Lesson data: gradients of a loss (or weighted terms) with respect to parameter groups. */
  gradients(loss: string | PlanTerm[], groups: string[]): Promise<Record<string, Float32Array>>;
  /** A lesson's figures (the same `ganvas eval` prints) for the loaded graph, by view name. */
  lesson(view: string, opts?: { count?: number }): Promise<LessonMetrics>;
  /**
   * Trains another graph — a lesson's baseline, e.g. the classifier alone — from scratch in this
   * worker on the same backend for `plan.steps` iterations and returns its lesson figures. The
   * loaded graph and its weights are untouched; not while that graph is training.
   */
  baseline(plan: Plan, view: string, opts?: BaselineOptions, onProgress?: (step: number) => void): Promise<BaselineResult>;
  /** Gradient descent on a node output (e.g. z) to fit another (photo editing's projections). */
  optimiseInput(opts: OptimiseInputOptions): Promise<OptimisedInput>;
  /** What one output port carries for a fixed probe batch, summarised, with the gradients flowing back (see Engine.probe). */
  probe(nodeId: string, port: string, opts?: ProbeOptions): Promise<WireProbe>;
  memory(): { tensors: number; bytes: number };
  dispose(): void;
}
