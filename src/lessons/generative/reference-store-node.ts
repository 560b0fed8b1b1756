/**
 * Reference judges' checkpoints as folders, for Node: trained ones under runs/reference/ (git-
 * ignored), and the prebuilt ones `npm run judges` writes to public/data/judges/ (read first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckpoint, writeCheckpoint } from '../../engine/checkpoint-node';
import type { ReferenceStore } from '../reference-judge';

export function referenceStoreIn(dir: string, prebuilt?: string): ReferenceStore {
  return {
    load(key) {
      for (const base of prebuilt ? [prebuilt, dir] : [dir]) if (existsSync(join(base, key))) return readCheckpoint(join(base, key));
      return undefined;
    },
    save: (key, checkpoint) => writeCheckpoint(join(dir, key), checkpoint),
  };
}
