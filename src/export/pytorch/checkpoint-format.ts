/**
 * The ganvas checkpoint format as the exported projects read and write it (ganvas_torch/checkpoint.py
 * is its Python side). The values are the engine's (a test holds them equal); they are written out
 * here so that the exporter, which the page runs too, loads nothing of the engine.
 */
import type { WeightSpec } from '../../engine/checkpoint';

export type { Checkpoint, CheckpointManifest, WeightSpec } from '../../engine/checkpoint';

export const CHECKPOINT_FORMAT = 'ganvas-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const WEIGHTS_FILE = 'weights.bin';
export const MANIFEST_FILE = 'manifest.json';

export function specSize(spec: WeightSpec): number {
  return spec.shape.reduce((p, d) => p * d, 1);
}
