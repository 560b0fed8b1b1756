/**
 * The portable training state: a JSON manifest (tf.io-style weight specs, the plan's fingerprint,
 * step, every random stream and batch position, optimizer counters) and one binary blob holding
 * every variable's float32 values in the order of the specs.
 */
import type { FeedState } from './data-feed';

export const CHECKPOINT_FORMAT = 'ganvas-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const WEIGHTS_FILE = 'weights.bin';
export const MANIFEST_FILE = 'manifest.json';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface CheckpointManifest {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  /** Fingerprint of the plan's structure: a checkpoint loads only into the same networks and phases. */
  planHash: string;
  title: string;
  seed: number;
  /** Iterations completed. */
  step: number;
  totalSteps: number;
  backend: string;
  /** In the order of the values in the weight data (tf.io's weightSpecs). */
  weightSpecs: WeightSpec[];
  /** tf.io's weights manifest, for tools that read that format. */
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  /** Every random stream and data position. */
  rng: FeedState;
  optimizers: Record<string, { type: string; iterations: number }>;
  overrides: { learningRates: Record<string, number>; lossWeights: Record<string, number> };
}

export interface Checkpoint {
  manifest: CheckpointManifest;
  weightData: ArrayBuffer;
}

/** The plan's fingerprint lives with the plan (the page and the exporters compute it without the engine). */
export { planHash } from '../compiler/plan-hash';

export function specSize(spec: WeightSpec): number {
  return spec.shape.reduce((p, d) => p * d, 1);
}

/** Checks a manifest's shape and returns it typed, or throws a message that says what is wrong. */
export function parseManifest(value: unknown): CheckpointManifest {
  const m = value as Partial<CheckpointManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== CHECKPOINT_FORMAT) throw new Error('not a ganvas checkpoint (manifest format is missing or wrong)');
  if (m.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint version ${String(m.version)} is not supported (expected ${CHECKPOINT_VERSION})`);
  if (!Array.isArray(m.weightSpecs) || typeof m.step !== 'number' || !m.rng || !m.optimizers) throw new Error('checkpoint manifest is incomplete');
  return m as CheckpointManifest;
}
