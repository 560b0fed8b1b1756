/**
 * Checkpoints in IndexedDB, per document: saved every N steps and on pause, listed with step and
 * time, and still there after a reload. Two object stores: small info records (listed often, never
 * carrying weights) and the data records (checkpoint and the loss readings up to it), read only
 * when a checkpoint is used. The newest `keep` per document are kept.
 */
import type { Checkpoint } from '../../../workers/training-api';
import { splitCheckpointFile } from '../../data/checkpoint-file';
import { t } from '../i18n';

const DB_NAME = 'ganvas';
const DB_VERSION = 2;
const INFO = 'checkpoint-info';
const DATA = 'checkpoint-data';

export interface StoredCheckpointInfo {
  id: string;
  docKey: string;
  step: number;
  totalSteps: number;
  time: number;
  title: string;
  backend: string;
  planHash: string;
  bytes: number;
  /** How it was made: automatically, on pause, at the end of a run, or loaded from a file. */
  reason: CheckpointReason;
}

export type CheckpointReason = 'auto' | 'pause' | 'end' | 'file' | 'manual';

/** The loss readings up to a checkpoint, so a resumed run's chart starts where it left off. */
export interface CheckpointHistory {
  steps: number[];
  values: Record<string, number[]>;
}

interface DataRecord {
  id: string;
  checkpoint: Checkpoint;
  history?: CheckpointHistory;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      // Version 1 kept weights in the listed records; its checkpoints are not carried over.
      if (db.objectStoreNames.contains('checkpoints')) db.deleteObjectStore('checkpoints');
      if (!db.objectStoreNames.contains(INFO)) db.createObjectStore(INFO, { keyPath: 'id' }).createIndex('docKey', 'docKey');
      if (!db.objectStoreNames.contains(DATA)) db.createObjectStore(DATA, { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('cannot open IndexedDB'));
    request.onblocked = () => reject(new Error(t('train.blocked')));
  });
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let sequence = 0;

export class CheckpointStore {
  private db?: Promise<IDBDatabase>;

  constructor(private readonly keep = 12) {}

  private database(): Promise<IDBDatabase> {
    this.db ??= openDb();
    return this.db;
  }

  async save(docKey: string, checkpoint: Checkpoint, opts: { reason?: CheckpointReason; history?: CheckpointHistory } = {}): Promise<StoredCheckpointInfo> {
    const db = await this.database();
    const time = Date.now();
    const m = checkpoint.manifest;
    const info: StoredCheckpointInfo = {
      id: `${docKey}:${m.step}:${time}:${++sequence}`,
      docKey,
      step: m.step,
      totalSteps: m.totalSteps,
      time,
      title: m.title,
      backend: m.backend,
      planHash: m.planHash,
      bytes: checkpoint.weightData.byteLength,
      reason: opts.reason ?? 'auto',
    };
    const tx = db.transaction([INFO, DATA], 'readwrite');
    tx.objectStore(INFO).put(info);
    const data: DataRecord = { id: info.id, checkpoint, ...(opts.history ? { history: opts.history } : {}) };
    tx.objectStore(DATA).put(data);
    await committed(tx);
    const all = await this.list(docKey);
    for (const old of all.slice(this.keep)) await this.remove(old.id);
    return info;
  }

  /** Newest first. */
  async list(docKey: string): Promise<StoredCheckpointInfo[]> {
    const db = await this.database();
    const records = await done(db.transaction(INFO).objectStore(INFO).index('docKey').getAll(docKey) as IDBRequest<StoredCheckpointInfo[]>);
    return records.sort((a, b) => b.time - a.time || b.step - a.step);
  }

  /**
   * Moves every checkpoint listed under `from` to `to` (checkpoints kept by an older key, e.g. the
   * template and title before documents had ids); returns how many moved.
   */
  async rekey(from: string, to: string): Promise<number> {
    if (from === to) return 0;
    const db = await this.database();
    const tx = db.transaction(INFO, 'readwrite');
    const infos = tx.objectStore(INFO);
    const records = await done(infos.index('docKey').getAll(from) as IDBRequest<StoredCheckpointInfo[]>);
    for (const r of records) infos.put({ ...r, docKey: to });
    await committed(tx);
    return records.length;
  }

  async load(id: string): Promise<Checkpoint | undefined> {
    return (await this.record(id))?.checkpoint;
  }

  /** The checkpoint with the loss readings that led to it. */
  async record(id: string): Promise<{ info: StoredCheckpointInfo; checkpoint: Checkpoint; history?: CheckpointHistory } | undefined> {
    const db = await this.database();
    const tx = db.transaction([INFO, DATA]);
    const [info, data] = await Promise.all([
      done(tx.objectStore(INFO).get(id) as IDBRequest<StoredCheckpointInfo | undefined>),
      done(tx.objectStore(DATA).get(id) as IDBRequest<DataRecord | undefined>),
    ]);
    return info && data ? { info, checkpoint: data.checkpoint, history: data.history } : undefined;
  }

  async remove(id: string): Promise<void> {
    const db = await this.database();
    const tx = db.transaction([INFO, DATA], 'readwrite');
    tx.objectStore(INFO).delete(id);
    tx.objectStore(DATA).delete(id);
    await committed(tx);
  }
}

/** A checkpoint as one downloadable file: a JSON header line, then the raw weights. */
export function packCheckpoint(checkpoint: Checkpoint): Blob {
  const header = new TextEncoder().encode(JSON.stringify(checkpoint.manifest) + '\n');
  return new Blob([header, checkpoint.weightData], { type: 'application/octet-stream' });
}

/** Bytes a checkpoint file may have: the largest manifest plus the largest weights it may describe. */
const MAX_CHECKPOINT_FILE = 16_000_000 + 4 * 2 ** 28;

export async function unpackCheckpoint(file: Blob): Promise<Checkpoint> {
  if (file.size > MAX_CHECKPOINT_FILE) throw new Error(t('train.fileTooLarge', { bytes: file.size }));
  const { manifest, weightData } = splitCheckpointFile(new Uint8Array(await file.arrayBuffer()));
  return { manifest: manifest as Checkpoint['manifest'], weightData };
}
