/**
 * The runs of every document, in IndexedDB (a database of their own, beside the checkpoints'):
 * whole run records, newest first; the oldest go beyond `KEEP`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunRecord } from '../../runs/record';

interface RunsDb extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { startedAt: number } };
}

const KEEP = 60;
let db: Promise<IDBPDatabase<RunsDb>> | undefined;

function database(): Promise<IDBPDatabase<RunsDb>> {
  db ??= openDB<RunsDb>('ganvas-runs', 1, {
    upgrade(d) {
      d.createObjectStore('runs', { keyPath: 'id' }).createIndex('startedAt', 'startedAt');
    },
  });
  return db;
}

export const runStore = {
  async put(record: RunRecord): Promise<void> {
    const d = await database();
    await d.put('runs', record);
    const keys = await d.getAllKeysFromIndex('runs', 'startedAt');
    for (const old of keys.slice(0, Math.max(0, keys.length - KEEP))) await d.delete('runs', old);
  },
  /** Newest first. */
  async list(): Promise<RunRecord[]> {
    const all = await (await database()).getAllFromIndex('runs', 'startedAt');
    return all.reverse();
  },
  async remove(id: string): Promise<void> {
    await (await database()).delete('runs', id);
  },
};
