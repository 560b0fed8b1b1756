/** Reference classifiers' checkpoints as folders under runs/reference/ (git-ignored), for Node. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCheckpoint, writeCheckpoint } from '../../engine/checkpoint-node';
import type { ReferenceStore } from './reference-classifier';

export function referenceStoreIn(dir: string): ReferenceStore {
  return {
    load: (key) => (existsSync(join(dir, key)) ? readCheckpoint(join(dir, key)) : undefined),
    save: (key, checkpoint) => writeCheckpoint(join(dir, key), checkpoint),
  };
}
