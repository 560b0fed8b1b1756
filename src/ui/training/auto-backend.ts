/**
 * Auto: the fastest backend that works, for the graph at hand, on this device. The backends worth
 * it (backend-choice.ts) are timed one after another in a worker of their own, a few iterations
 * each after a warm-up; one that gives no result in time is ended and counted as slower than
 * that. The result is kept in localStorage per device and size class of the plan, so each
 * timing happens once; the badge shows what was chosen and why, with every candidate's rate.
 */
import type { Plan } from '../../compiler/plan';
import type { BackendName, DeviceInfo, BackendTiming } from '../../../workers/training-api';
import { BACKEND_LABELS } from './backends';
import { t } from '../i18n';
import { candidatesFor, decide, deviceKeyOf, sizeClassOf, type AutoReport, type CandidateReport } from './backend-choice';
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

let inFlight: { key: string; promise: Promise<AutoReport> } | null = null;

/** The backend Auto trains `plan` on: from an earlier timing on this device, or timed now. */
export async function autoBackend(plan: Plan, opts: { fresh?: boolean; onProgress?: AutoProgress } = {}): Promise<AutoReport> {
  let probe: TrainingWorkerClient | null = null;
  const worker = () => (probe ??= new TrainingWorkerClient(() => undefined));
  try {
    device ??= worker().call((api) => api.devices());
    const info = await device.catch((e: unknown) => {
      device = null;
      throw e;
    });
    const sizeClass = sizeClassOf(plan);
    const key = `${deviceKeyOf(info)}|${sizeClass}`;
    const known = readCache()[key];
    if (!opts.fresh && known && Date.now() - known.measuredAt < CACHE_DAYS * 86_400_000) return { ...known, cached: true };
    if (inFlight?.key === key && !opts.fresh) return await inFlight.promise;
    const promise = timeCandidates(plan, info, sizeClass, worker, (w) => (probe = w), opts.onProgress);
    inFlight = { key, promise };
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
  onProgress?: AutoProgress,
): Promise<AutoReport> {
  const { order, notTimed } = candidatesFor(info);
  const results: CandidateReport[] = [];
  let best: number | undefined;
  for (const backend of order) {
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
 * Times the backends for `plan` ahead of Train, once the editor has been still for a moment, so
 * that pressing Train finds the choice made (a Train meanwhile waits for this timing instead of
 * starting another). Does nothing when this device and size class were timed already.
 */
export function timeAhead(planNow: () => Plan | null, delayMs = 1500): void {
  clearTimeout(ahead);
  ahead = setTimeout(() => {
    void (async () => {
      try {
        const plan = planNow();
        if (!plan) return;
        device ??= timingInfo();
        const info = await device;
        const key = `${deviceKeyOf(info)}|${sizeClassOf(plan)}`;
        const known = readCache()[key];
        if (known && Date.now() - known.measuredAt < CACHE_DAYS * 86_400_000) return;
        await autoBackend(plan);
      } catch {
        device = null; // Train times them itself
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
