/**
 * The portable training state: a JSON manifest (tf.io-style weight specs, the plan's fingerprint,
 * step, every random stream and batch position, optimizer counters) and one binary blob holding
 * every variable's float32 values in the order of the specs.
 */
import { z } from 'zod';
import type { Plan } from '../compiler/plan';
import { MAX_STEPS } from '../graph/document';
import { scanJson } from '../graph/json-text';
import { shown, shownValue } from '../graph/text';
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

/**
 * What a manifest may hold, checked field by field: a checkpoint file is as hostile as a document.
 * A step of 1e308 or −4, a random state that is not four 32-bit words, a weight list that could not
 * fit in memory are all refused here, with the field named, before the engine sees them.
 */
const count = (max: number, min = 0) =>
  z.number().refine((v) => Number.isInteger(v) && v >= min && v <= max, `must be a whole number from ${min} to ${max.toLocaleString('en-US')}`);
const Key = z.string().max(200);
const RngStateSchema = z.object({
  s: z
    .array(count(0xffffffff), 'must be a list of four 32-bit words')
    .length(4, 'must be four 32-bit words')
    .refine((s) => s.some((w) => w !== 0), 'must not be all zero (the generator would only give zeros)'),
  spareNormal: z.number().finite().nullable(),
});
const BatchStreamSchema = z.object({ epoch: count(1e12), position: count(1e9), orderRng: RngStateSchema });
const NodeStateSchema = z.union([
  z.null(),
  z.object({ batch: count(1_000_000, 1), stream: BatchStreamSchema }),
  z.object({ batch: count(1_000_000, 1), labelled: BatchStreamSchema, unlabelled: BatchStreamSchema }),
]);
const WeightSpecSchema = z.object({
  name: Key,
  shape: z.array(count(1e9)).max(8),
  dtype: z.literal('float32'),
});
/** float32 values a checkpoint may describe (1 GB). */
export const MAX_CHECKPOINT_VALUES = 2 ** 28;
const ManifestSchema = z.object({
  planHash: z.string().regex(/^[0-9a-f]{1,64}$/, 'must be a hex fingerprint'),
  title: z.string().max(1000),
  seed: count(2 ** 31 - 1),
  step: count(MAX_STEPS),
  totalSteps: count(MAX_STEPS),
  backend: z.string().max(40),
  weightSpecs: z
    .array(WeightSpecSchema)
    .max(100_000)
    .refine((specs) => specs.reduce((n, w) => n + specSize(w), 0) <= MAX_CHECKPOINT_VALUES, `describe more than ${MAX_CHECKPOINT_VALUES.toLocaleString('en-US')} values`),
  weightsManifest: z.array(z.unknown()).max(100_000),
  rng: z.object({ streams: z.record(Key, RngStateSchema), nodes: z.record(Key, NodeStateSchema) }),
  optimizers: z.record(Key, z.object({ type: z.string().max(40), iterations: count(1e12) })),
  overrides: z
    .object({
      learningRates: z.record(Key, z.number().finite().min(0).max(1e3)),
      lossWeights: z.record(Key, z.number().finite().min(0).max(1e6)),
    })
    .optional(),
});

/** Checks a manifest's shape and returns it typed, or throws a message that says what is wrong and where. */
export function parseManifest(value: unknown): CheckpointManifest {
  const m = value as Partial<CheckpointManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== CHECKPOINT_FORMAT) throw new Error('not a ganvas checkpoint (manifest format is missing or wrong)');
  if (m.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint version ${shownValue(m.version)} is not supported (expected ${CHECKPOINT_VERSION})`);
  const parsed = ManifestSchema.safeParse(m);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${shown(String(k), 40)}`)).join('').replace(/^\./, '');
    let found: unknown = m;
    for (const k of issue.path) found = found && typeof found === 'object' && Object.hasOwn(found, k) ? (found as Record<PropertyKey, unknown>)[k] : undefined;
    throw new Error(`checkpoint manifest ${path || ''}: ${issue.message}${issue.code === 'invalid_type' && found === undefined ? '' : ` (found ${shownValue(found)})`}`.replace('manifest :', 'manifest:'));
  }
  if (m.step! > m.totalSteps!) throw new Error(`checkpoint manifest step: ${m.step} is past its total of ${m.totalSteps} steps`);
  // The original object, so fields this version does not know about stay for whoever wrote them.
  return m as CheckpointManifest;
}

/** Bytes of weight data the manifest describes; throws when `byteLength` differs (a file cut short, or padded). */
export function checkWeightData(manifest: CheckpointManifest, byteLength: number): void {
  const values = manifest.weightSpecs.reduce((n, w) => n + specSize(w), 0);
  if (byteLength !== values * 4) throw new Error(`the weight data has ${byteLength.toLocaleString('en-US')} bytes; the manifest describes ${(values * 4).toLocaleString('en-US')}`);
}

/** Characters a manifest may have (its JSON header line). */
const MAX_MANIFEST_LENGTH = 16_000_000;

/** The manifest from its JSON text: size and nesting checked before parsing, then every field. */
export function parseManifestText(text: string): CheckpointManifest {
  if (text.length > MAX_MANIFEST_LENGTH) throw new Error(`the checkpoint manifest is too large (${text.length.toLocaleString('en-US')} characters)`);
  const problem = scanJson(text, 16);
  if (problem) throw new Error(`the checkpoint manifest is not valid JSON: ${problem.message} at line ${problem.line}, column ${problem.column}`);
  return parseManifest(JSON.parse(text));
}

/** A downloaded checkpoint file: one JSON header line, then the raw float32 weights. */
export function unpackCheckpointBytes(bytes: Uint8Array): Checkpoint {
  const newline = bytes.subarray(0, MAX_MANIFEST_LENGTH + 1).indexOf(10);
  if (newline < 0) throw new Error('not a ganvas checkpoint file (no header)');
  const head = new TextDecoder().decode(bytes.subarray(0, newline));
  if (!head.startsWith('{')) throw new Error('not a ganvas checkpoint file (its header is not JSON)');
  const manifest = parseManifestText(head);
  checkWeightData(manifest, bytes.length - newline - 1);
  return { manifest, weightData: bytes.slice(newline + 1).buffer };
}
