/**
 * The portable training state: a JSON manifest (tf.io-style weight specs, the plan's fingerprint,
 * step, every random stream and batch position, optimizer counters) and one binary blob holding
 * every variable's float32 values in the order of the specs.
 */
import { checkWeightBytes, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, readManifestText, splitCheckpointFile, validateManifest } from '../data/checkpoint-file';
import type { FeedState } from './data-feed';

export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, MAX_CHECKPOINT_VALUES } from '../data/checkpoint-file';
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

/** Checks a manifest's shape and returns it typed, or throws a message that says what is wrong and where. */
export function parseManifest(value: unknown): CheckpointManifest {
  validateManifest(value);
  // The original object, so fields this version does not know about stay for whoever wrote them.
  return value as CheckpointManifest;
}

/** Bytes of weight data the manifest describes; throws when `byteLength` differs (a file cut short, or padded). */
export function checkWeightData(manifest: CheckpointManifest, byteLength: number): void {
  checkWeightBytes(manifest.weightSpecs, byteLength);
}

/** The manifest from its JSON text: size and nesting checked before parsing, then every field. */
export function parseManifestText(text: string): CheckpointManifest {
  return readManifestText(text) as CheckpointManifest;
}

/** A downloaded checkpoint file: one JSON header line, then the raw float32 weights. */
export function unpackCheckpointBytes(bytes: Uint8Array): Checkpoint {
  const { manifest, weightData } = splitCheckpointFile(bytes);
  return { manifest: manifest as CheckpointManifest, weightData };
}
