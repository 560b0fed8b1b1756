/**
 * Checkpoints in IndexedDB, per document: saved every N steps and on pause, listed with step and
 * time, and still there after a reload. One store of records {id, docKey, step, time, manifest,
 * weightData}; the newest `keep` per document are kept.
 */
import type { Checkpoint } from '../../../workers/training-api';

const DB_NAME = 'ganvas';
const STORE = 'checkpoints';

export interface StoredCheckpointInfo {
  id: string;
  docKey: string;
  step: number;
  time: number;
  title: string;
  backend: string;
  bytes: number;
}

interface StoredCheckpoint extends StoredCheckpointInfo {
  checkpoint: Checkpoint;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('docKey', 'docKey');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('cannot open IndexedDB'));
  });
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export class CheckpointStore {
  private db?: Promise<IDBDatabase>;

  constructor(private readonly keep = 10) {}

  private database(): Promise<IDBDatabase> {
    this.db ??= openDb();
    return this.db;
  }

  async save(docKey: string, checkpoint: Checkpoint): Promise<StoredCheckpointInfo> {
    const db = await this.database();
    const time = Date.now();
    const record: StoredCheckpoint = {
      id: `${docKey}:${checkpoint.manifest.step}:${time}`,
      docKey,
      step: checkpoint.manifest.step,
      time,
      title: checkpoint.manifest.title,
      backend: checkpoint.manifest.backend,
      bytes: checkpoint.weightData.byteLength,
      checkpoint,
    };
    await done(db.transaction(STORE, 'readwrite').objectStore(STORE).put(record));
    const all = await this.list(docKey);
    for (const old of all.slice(this.keep)) await this.remove(old.id);
    return strip(record);
  }

  /** Newest first. */
  async list(docKey: string): Promise<StoredCheckpointInfo[]> {
    const db = await this.database();
    const records = await done(db.transaction(STORE).objectStore(STORE).index('docKey').getAll(docKey) as IDBRequest<StoredCheckpoint[]>);
    return records.map(strip).sort((a, b) => b.time - a.time);
  }

  async load(id: string): Promise<Checkpoint | undefined> {
    const db = await this.database();
    const record = await done(db.transaction(STORE).objectStore(STORE).get(id) as IDBRequest<StoredCheckpoint | undefined>);
    return record?.checkpoint;
  }

  async remove(id: string): Promise<void> {
    const db = await this.database();
    await done(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(id));
  }
}

function strip(record: StoredCheckpoint): StoredCheckpointInfo {
  const { checkpoint: _omit, ...info } = record;
  return info;
}

/** A checkpoint as one downloadable file: a JSON header line, then the raw weights. */
export function packCheckpoint(checkpoint: Checkpoint): Blob {
  const header = new TextEncoder().encode(JSON.stringify(checkpoint.manifest) + '\n');
  return new Blob([header, checkpoint.weightData], { type: 'application/octet-stream' });
}

export async function unpackCheckpoint(file: Blob): Promise<Checkpoint> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error('not a ganvas checkpoint file (no header)');
  let manifest: Checkpoint['manifest'];
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline)));
  } catch {
    throw new Error('not a ganvas checkpoint file (its header is not JSON)');
  }
  if (manifest?.format !== 'ganvas-checkpoint') throw new Error('not a ganvas checkpoint file');
  const weightData = bytes.slice(newline + 1).buffer;
  return { manifest, weightData };
}
