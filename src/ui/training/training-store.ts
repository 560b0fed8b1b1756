/**
 * What the training dock shows: the run's status and counters, the backend, the message after a
 * failure, the stored checkpoints and the dock's own settings. Training state is not part of the
 * document (nothing here is needed to reproduce a run), so it lives in a small store of its own
 * beside the editor's; the loss series and the latest samples live outside any store (see
 * `live-run.ts`) and views redraw on their version numbers.
 */
import { create } from 'zustand';
import type { Plan } from '../../compiler/plan';
import type { BackendAttempt, BackendName } from '../../../workers/training-api';
import type { AutoReport } from './backend-choice';
import type { StoredCheckpointInfo } from './checkpoint-store';

export type RunStatus =
  /** No worker, or a finished run kept for its results. */
  | 'idle'
  /** Starting the worker and loading the plan. */
  | 'loading'
  | 'running'
  | 'paused'
  /** One iteration or one phase on request. */
  | 'stepping'
  | 'done'
  | 'failed';

export type MessageAction = 'resume-checkpoint' | 'next-backend' | 'show-problems' | 'dismiss';

export interface TrainingMessage {
  tone: 'error' | 'warning' | 'info';
  title: string;
  text: string;
  actions: MessageAction[];
  /** The backend "continue on the next backend" would use. */
  nextBackend?: BackendName;
  /** The checkpoint "resume" would use. */
  checkpointId?: string;
  checkpointStep?: number;
}

export type BackendChoice = 'auto' | BackendName;

export interface DockSettings {
  /** Iterations between metric readbacks (0: the document's "log every"). */
  logEvery: number;
  /** Iterations between automatic checkpoints (0: never). */
  checkpointEvery: number;
  /** Iterations between sample refreshes. */
  sampleEvery: number;
  smoothing: number;
  logScale: boolean;
  /** Which chart: loss terms, or each phase's weighted total. */
  chart: 'terms' | 'phases';
}

export interface TrainingState {
  status: RunStatus;
  /** The plan being trained (or last trained). */
  plan: Plan | null;
  /** Key of the document the run belongs to (checkpoints are listed per document). */
  docKey: string;
  step: number;
  totalSteps: number;
  /** Examples seen ÷ training set size of the first data set. */
  epoch: number;
  stepsPerSecond: number;
  /** Milliseconds spent running (pauses excluded). */
  elapsedMs: number;
  /** When the current running stretch began (performance.now()), or null. */
  runningSince: number | null;
  memory: { tensors: number; bytes: number } | null;
  backend: { active: string; tried: BackendAttempt[]; isolated: boolean } | null;
  backendChoice: BackendChoice;
  /** What Auto timed and chose for the current run (null when a backend was picked by hand). */
  auto: AutoReport | null;
  /** While Auto times the backends: what it is doing ("Timing WebGL…"). */
  autoProgress: string | null;
  /** The phase shown as learning on the canvas, or null. */
  activePhase: string | null;
  /** A loss node marked on the canvas after it went NaN. */
  failedLoss: string | null;
  message: TrainingMessage | null;
  checkpoints: StoredCheckpointInfo[];
  /** The step of the newest checkpoint taken in this run (for "saved at"). */
  lastCheckpointStep: number | null;
  /** The document changed in a way the running plan cannot take (structure). */
  stale: boolean;
  settings: DockSettings;
  dockOpen: boolean;
  seriesVersion: number;
  sampleVersion: number;
}

export const DEFAULT_SETTINGS: DockSettings = {
  logEvery: 0,
  checkpointEvery: 100,
  sampleEvery: 25,
  smoothing: 0.6,
  logScale: false,
  chart: 'terms',
};

const SETTINGS_KEY = 'ganvas.dock';

function savedSettings(): DockSettings {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(SETTINGS_KEY) : null;
    if (raw) return { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<DockSettings>) };
  } catch {
    /* defaults */
  }
  return { ...DEFAULT_SETTINGS };
}

function savedBackend(): BackendChoice {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem('ganvas.backend') : null;
    if (raw === 'webgpu' || raw === 'webgl' || raw === 'wasm' || raw === 'cpu') return raw;
  } catch {
    /* auto */
  }
  return 'auto';
}

/** What the dock shows before any run of a document (and again when another document opens). */
export function emptyRunState() {
  return {
    status: 'idle',
    plan: null,
    docKey: '',
    step: 0,
    totalSteps: 0,
    epoch: 0,
    stepsPerSecond: 0,
    elapsedMs: 0,
    runningSince: null,
    memory: null,
    backend: null,
    auto: null,
    autoProgress: null,
    activePhase: null,
    failedLoss: null,
    message: null,
    lastCheckpointStep: null,
    stale: false,
    checkpoints: [],
  } satisfies Partial<TrainingState>;
}

export const useTraining = create<TrainingState>()(() => ({
  ...emptyRunState(),
  backendChoice: savedBackend(),
  settings: savedSettings(),
  dockOpen: false,
  seriesVersion: 0,
  sampleVersion: 0,
}));

export function setTraining(patch: Partial<TrainingState>): void {
  useTraining.setState(patch);
}

export function updateSettings(patch: Partial<DockSettings>): void {
  const settings = { ...useTraining.getState().settings, ...patch };
  useTraining.setState({ settings });
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    /* kept for this page only */
  }
}

export function setBackendChoice(choice: BackendChoice): void {
  useTraining.setState({ backendChoice: choice });
  try {
    if (choice === 'auto') localStorage.removeItem('ganvas.backend');
    else localStorage.setItem('ganvas.backend', choice);
  } catch {
    /* kept for this page only */
  }
}

export const isBusy = (status: RunStatus): boolean => status === 'loading' || status === 'running' || status === 'stepping';

/** Adds the running time since `runningSince` to `elapsedMs` (the clock stops when a run pauses, ends or fails). */
export function stopClock(): void {
  const { runningSince, elapsedMs } = useTraining.getState();
  if (runningSince !== null) setTraining({ elapsedMs: elapsedMs + performance.now() - runningSince, runningSince: null });
}
