/** Checkpoint folders in Node: `manifest.json` and `weights.bin`, written so that a crash never leaves half a checkpoint. */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWeightData, MANIFEST_FILE, parseManifestText, WEIGHTS_FILE, type Checkpoint } from './checkpoint';

/**
 * Writes the checkpoint into `dir`: both files go to a sibling temporary folder first, which then
 * replaces `dir`, so the previous checkpoint stays intact until the new one is complete.
 */
export function writeCheckpoint(dir: string, checkpoint: Checkpoint): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, WEIGHTS_FILE), new Uint8Array(checkpoint.weightData));
  writeFileSync(join(tmp, MANIFEST_FILE), JSON.stringify(checkpoint.manifest, null, 1));
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/** Reads a checkpoint folder (or a folder holding `checkpoint/`). */
export function readCheckpoint(dir: string): Checkpoint {
  const folder = existsSync(join(dir, MANIFEST_FILE)) ? dir : join(dir, 'checkpoint');
  const manifestPath = join(folder, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new Error(`${dir} holds no checkpoint (no ${MANIFEST_FILE})`);
  let manifest;
  const weightsPath = join(folder, WEIGHTS_FILE);
  try {
    if (statSync(manifestPath).size > 16_000_000) throw new Error('the manifest is too large');
    manifest = parseManifestText(readFileSync(manifestPath, 'utf8'));
    // The size first: a weights file that does not match is refused before it is read.
    checkWeightData(manifest, existsSync(weightsPath) ? statSync(weightsPath).size : 0);
  } catch (e) {
    throw new Error(`${manifestPath}: ${(e as Error).message}`);
  }
  const bytes = readFileSync(weightsPath);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { manifest, weightData };
}
