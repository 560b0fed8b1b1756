/**
 * The portable training state: a JSON manifest (tf.io-style weight specs, the plan's fingerprint,
 * step, every random stream and batch position, optimizer counters) and one binary blob holding
 * every variable's float32 values in the order of the specs.
 */
import type { Plan } from '../compiler/plan';
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

/** FNV-1a of the structure that weights and optimizer slots depend on (not lr, steps or titles). */
export function planHash(plan: Plan): string {
  const structure = {
    batchSize: plan.batchSize,
    nodes: plan.nodes.map((n) => [n.id, n.kind, n.group ?? null, n.outputs]),
    groups: plan.groups.map((g) => [g.id, g.network.layers.map((l) => [l.layer, l.input, l.output])]),
    phases: plan.phases.map((p) => [p.id, p.updates, p.optimizer.type, p.terms.map((t) => t.loss)]),
    // Weight averages are variables too; left out when there are none, so older fingerprints hold.
    ...(plan.groups.some((g) => g.ema) ? { averaged: plan.groups.filter((g) => g.ema).map((g) => g.id) } : {}),
  };
  const text = JSON.stringify(structure);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

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
