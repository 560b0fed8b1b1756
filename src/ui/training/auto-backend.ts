/**
 * Auto: the fastest backend that works, for the graph at hand, on this device. The backends worth
 * it (backend-choice.ts) are timed one after another in a worker of their own, a few iterations
 * each after a warm-up; one that gives no result in time is ended and counted as slower than
 * that. The result is kept in localStorage per device and size class of the plan, so each
 * timing happens once; the badge shows what was chosen and why, with every candidate's rate.
 *
 * Timing takes seconds, so it never stands between Train and the first loss: it runs while the
 * editor is still, and a Train that finds no timing starts on a provisional pick at once (ending
 * a timing under way — two workers on the same cores slow both); the backends are then timed
 * when that run pauses or ends.
 */
import type { Plan } from '../../compiler/plan';
import type { BackendName, DeviceInfo, BackendTiming } from '../../../workers/training-api';
import { BACKEND_LABELS } from './backends';
import { t } from '../i18n';
import { candidatesFor, decide, deviceKeyOf, provisionalChoice, sizeClassOf, type AutoReport, type CandidateReport } from './backend-choice';
import { TrainingWorkerClient, WorkerCrashedError } from './worker-client';

const CACHE_KEY = 'ganvas.auto-backend';
/** Timings older than this are taken again (browsers and drivers change). */
const CACHE_DAYS = 30;
/** Timed training per candidate, after its warm-up iteration. */
const BUDGET_MS = 600;
/** The first candidate (the most promising) may take this long, load and warm-up included. */
const FIRST_DEADLINE_MS = 30_000;

type Cache = Record<string, Omit<AutoReport, 'cached'>>;

function readCache(): Cache {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    const parsed = raw ? (JSON.parse(raw) as unknown) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Cache) : {};
  } catch {
    return {};
  }
}

function writeCache(key: string, report: AutoReport): void {
  try {
    const cache = readCache();
    const { cached: _, ...kept } = report;
    cache[key] = kept;
    // The newest 50 device and size pairs are plenty.
    const entries = Object.entries(cache).sort((a, b) => b[1].measuredAt - a[1].measuredAt).slice(0, 50);
    localStorage.setItem(CACHE_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    /* kept for this page only */
  }
}

/** Forgets every timing (the badge's "Time the backends again"). */
export function forgetTimings(): void {
  try {
    localStorage.removeItem(CACHE_KEY);
  } catch {
    /* nothing kept */
  }
}

let device: Promise<DeviceInfo> | null = null;

/**
 * How long a later candidate may take: enough to load, warm up and run a few iterations at a rate
 * that could still win (a GPU API on a software adapter gets less: it is there to be shown
 * slower, rarely to win).
 */
function deadlineFor(best: number | undefined, software: boolean): number {
  if (best === undefined) return FIRST_DEADLINE_MS;
  const atBestRate = (8 / best) * 1000;
  return software ? Math.min(8_000, Math.max(2_500, atBestRate)) : Math.min(20_000, Math.max(6_000, 2 * atBestRate));
}

export interface AutoProgress {
  (text: string): void;
}

/** A timing ended before its result (a Train started meanwhile). */
export class TimingCancelled extends Error {
  constructor() {
    super('backend timing cancelled: training started');
    this.name = 'TimingCancelled';
  }
}

let inFlight: { key: string; promise: Promise<AutoReport>; cancel(): void } | null = null;

/** Whether a timing is under way. */
export function timingUnderWay(): boolean {
  return inFlight !== null;
}

/** Ends the timing under way, if any (its worker with it); its caller gets `TimingCancelled`. */
export function cancelTiming(): void {
  inFlight?.cancel();
}

/** The timing kept for this device and the plan's size class, if a recent one is. */
function knownTiming(info: DeviceInfo, plan: Plan): AutoReport | null {
  const known = readCache()[`${deviceKeyOf(info)}|${sizeClassOf(plan)}`];
  return known && Date.now() - known.measuredAt < CACHE_DAYS * 86_400_000 ? { ...known, cached: true } : null;
}

/**
 * The backend a Train starts on without waiting: the kept timing's choice, or else a provisional
 * pick (a timing under way is ended). `ask` reads the device's adapters (the run's own worker
 * does, so no second worker loads TF.js on the way to the first loss).
 */
export async function startingBackend(plan: Plan, ask: () => Promise<DeviceInfo>): Promise<AutoReport> {
  let info: DeviceInfo;
  try {
    info = await (device ??= ask());
  } catch {
    // The worker that was asking may have been a timing's, ended by this very start.
    info = await (device = ask()).catch((e: unknown) => {
      device = null;
      throw e;
    });
  }
  const known = knownTiming(info, plan);
  if (known) return known;
  cancelTiming();
  return provisionalChoice(info, plan);
}

/** The backend Auto trains `plan` on: from an earlier timing on this device, or timed now. */
export async function autoBackend(plan: Plan, opts: { fresh?: boolean; onProgress?: AutoProgress } = {}): Promise<AutoReport> {
  let probe: TrainingWorkerClient | null = null;
  let cancelled = false;
  const worker = () => {
    if (cancelled) throw new TimingCancelled();
    return (probe ??= new TrainingWorkerClient(() => undefined));
  };
  try {
    device ??= worker().call((api) => api.devices());
    const info = await device.catch((e: unknown) => {
      device = null;
      throw e;
    });
    const sizeClass = sizeClassOf(plan);
    const key = `${deviceKeyOf(info)}|${sizeClass}`;
    const known = knownTiming(info, plan);
    if (!opts.fresh && known) return known;
    if (inFlight?.key === key && !opts.fresh) return await inFlight.promise;
    const promise = timeCandidates(plan, info, sizeClass, worker, (w) => (probe = w), opts.onProgress, () => cancelled);
    const cancel = () => {
      cancelled = true;
      const p = probe as TrainingWorkerClient | null;
      if (p?.alive) p.terminate('backend timing cancelled: training started');
    };
    inFlight = { key, promise, cancel };
    try {
      const report = await promise;
      writeCache(key, report);
      return report;
    } finally {
      if (inFlight?.promise === promise) inFlight = null;
    }
  } finally {
    const p = probe as TrainingWorkerClient | null;
    if (p?.alive) p.terminate('backend timing finished');
  }
}

async function timeCandidates(
  plan: Plan,
  info: DeviceInfo,
  sizeClass: string,
  worker: () => TrainingWorkerClient,
  replace: (w: TrainingWorkerClient | null) => void,
  onProgress: AutoProgress | undefined,
  cancelled: () => boolean,
): Promise<AutoReport> {
  const { order, notTimed } = candidatesFor(info);
  const results: CandidateReport[] = [];
  let best: number | undefined;
  for (const backend of order) {
    if (cancelled()) throw new TimingCancelled();
    const adapter = backend === 'webgpu' ? info.webgpu : backend === 'webgl' ? info.webgl : undefined;
    const software = adapter?.software === true;
    const deadline = deadlineFor(best, software);
    onProgress?.(t('auto.timing', { backend: BACKEND_LABELS[backend] }));
    const client = worker();
    // The deadline counts from a worker that is up (TF.js loaded), not from its start.
    await client.call((api) => api.devices()).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadline)));
    let outcome: BackendTiming | 'timeout' | 'crashed';
    try {
      const probed = client.call<BackendTiming>((api) => api.timeBackend(plan, backend, { budgetMs: BUDGET_MS }) as Promise<BackendTiming>);
      outcome = await Promise.race<BackendTiming | 'timeout'>([probed, timedOut]);
    } catch (e) {
      outcome = e instanceof WorkerCrashedError ? 'crashed' : { backend, ok: false, reason: (e as Error).message };
    } finally {
      clearTimeout(timer);
    }
    if (cancelled()) throw new TimingCancelled();
    const note = software ? `software adapter: ${adapter?.name}` : adapter?.name;
    if (outcome === 'timeout' || outcome === 'crashed') {
      // The worker is busy with that backend: end it, the next candidate gets a new one.
      client.terminate('backend timing took too long');
      replace(null);
      const below = outcome === 'timeout' ? 3 / (deadline / 1000) : undefined;
      results.push({ backend, ...(below !== undefined ? { below } : {}), note: outcome === 'timeout' ? `no result within ${(deadline / 1000).toFixed(1)} s${note ? `; ${note}` : ''}` : 'its worker crashed', software });
    } else if (outcome.ok) {
      results.push({ backend, stepsPerSecond: outcome.stepsPerSecond, software, ...(note ? { note } : {}) });
      best = Math.max(best ?? 0, outcome.stepsPerSecond);
    } else {
      results.push({ backend, note: `failed: ${outcome.reason}`, software });
    }
  }
  return decide([...results, ...notTimed], sizeClass, false);
}

let ahead: ReturnType<typeof setTimeout> | undefined;

/**
 * Times the backends for `plan` once the editor (or a run that paused or ended) has been still
 * for a moment, so that the next Train finds the choice made. Does nothing when this device and
 * size class were timed already; a Train meanwhile ends it (`startingBackend`).
 */
export function timeAhead(planNow: () => Plan | null, delayMs = 1500, onTimed?: (report: AutoReport) => void): void {
  clearTimeout(ahead);
  ahead = setTimeout(() => {
    void (async () => {
      try {
        const plan = planNow();
        if (!plan) return;
        device ??= timingInfo();
        const info = await device;
        onTimed?.(knownTiming(info, plan) ?? (await autoBackend(plan)));
      } catch (e) {
        if (!(e instanceof TimingCancelled)) device = null; // asked again next time
      }
    })();
  }, delayMs);
}

/** The device's adapters, asked of a short-lived worker. */
async function timingInfo(): Promise<DeviceInfo> {
  const client = new TrainingWorkerClient(() => undefined);
  try {
    return await client.call((api) => api.devices());
  } finally {
    client.terminate('device information read');
  }
}
