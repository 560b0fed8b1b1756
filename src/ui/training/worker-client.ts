/**
 * The page's handle on the training worker. Comlink leaves calls pending forever when a worker
 * dies, so every call is tracked here and rejected with a WorkerCrashedError when the worker
 * errors out or is terminated; the page then keeps its graph and offers the last checkpoint.
 */
import * as Comlink from 'comlink';
import type { TrainingWorkerApi } from '../../../workers/training-api';
import { t } from '../i18n';

export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
  readonly code = 'worker-crashed';
}

type Pending = { reject: (e: Error) => void };

export class TrainingWorkerClient {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<TrainingWorkerApi>;
  private readonly pending = new Set<Pending>();
  private dead: WorkerCrashedError | undefined;

  constructor(private readonly onCrash: (error: WorkerCrashedError) => void) {
    this.worker = new Worker(new URL('../../../workers/training.worker.ts', import.meta.url), { type: 'module', name: 'ganvas-training' });
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.die(t('train.workerCrashed', { reason: e.message || t('train.unknownError') }));
    });
    this.worker.addEventListener('messageerror', () => this.die('the training worker sent a message that could not be read'));
    this.remote = Comlink.wrap<TrainingWorkerApi>(this.worker);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Calls the worker; rejects at once if it dies before answering. */
  call<T>(fn: (api: Comlink.Remote<TrainingWorkerApi>) => Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { reject };
      this.pending.add(entry);
      fn(this.remote).then(
        (value) => {
          this.pending.delete(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(entry);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Wraps callbacks so the worker can call back into the page. */
  proxy<T extends object>(callbacks: T): T & Comlink.ProxyMarked {
    return Comlink.proxy(callbacks);
  }

  /** Ends the worker (also what "kill" does): pending calls are rejected, as in a crash. */
  terminate(reason = 'the training worker was stopped'): void {
    this.worker.terminate();
    this.die(reason);
  }

  get pendingCalls(): number {
    return this.pending.size;
  }

  private die(message: string): void {
    if (this.dead) return;
    this.dead = new WorkerCrashedError(message);
    for (const p of this.pending) p.reject(this.dead);
    this.pending.clear();
    this.remote[Comlink.releaseProxy]?.();
    this.onCrash(this.dead);
  }
}
