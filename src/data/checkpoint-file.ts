/**
 * The checkpoint file format, checked as hostile input: every field of a manifest (a step of 1e308
 * or −4, a random state that is not four 32-bit words, a weight list that could not fit in memory
 * are refused, with the field named), the size of the weight data against the manifest, and the
 * one-file form the page downloads. Pure, so the page, the worker and the CLI check the same way;
 * src/engine/checkpoint.ts types the result.
 */
import { z } from 'zod';
import { MAX_STEPS } from '../graph/document';
import { scanJson } from '../graph/json-text';
import { shown, shownValue } from '../graph/text';

export const CHECKPOINT_FORMAT = 'ganvas-checkpoint';
export const CHECKPOINT_VERSION = 1;

interface Spec {
  shape: number[];
}
const sizeOf = (spec: Spec) => spec.shape.reduce((p, d) => p * d, 1);

const count = (max: number, min = 0) =>
  z.number().refine((v) => Number.isInteger(v) && v >= min && v <= max, `must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
const Key = z.string().max(200);
const RngStateSchema = z.object({
  s: z
    // 32-bit words, signed or not: checkpoints written before the generator kept them unsigned hold
    // negative words with the same bits.
    .array(count(0xffffffff, -0x80000000), 'must be a list of four 32-bit words')
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
    .refine((specs) => specs.reduce((n, w) => n + sizeOf(w), 0) <= MAX_CHECKPOINT_VALUES, `describe more than ${MAX_CHECKPOINT_VALUES.toLocaleString('en-US')} values`),
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

/** Throws a message that says what is wrong and where, unless `value` is a manifest this version reads. */
export function validateManifest(value: unknown): void {
  const m = value as { format?: unknown; version?: unknown; step?: number; totalSteps?: number } | null;
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
}

/** Throws when `byteLength` is not what the specs describe (a file cut short, or padded). */
export function checkWeightBytes(specs: readonly Spec[], byteLength: number): void {
  const values = specs.reduce((n, w) => n + sizeOf(w), 0);
  if (byteLength !== values * 4) throw new Error(`the weight data has ${byteLength.toLocaleString('en-US')} bytes; the manifest describes ${(values * 4).toLocaleString('en-US')}`);
}

/** Characters a manifest may have (its JSON header line). */
export const MAX_MANIFEST_LENGTH = 16_000_000;

/** A manifest from its JSON text: size and nesting checked before parsing, then every field. */
export function readManifestText(text: string): unknown {
  if (text.length > MAX_MANIFEST_LENGTH) throw new Error(`the checkpoint manifest is too large (${text.length.toLocaleString('en-US')} characters)`);
  const problem = scanJson(text, 16);
  if (problem) throw new Error(`the checkpoint manifest is not valid JSON: ${problem.message} at line ${problem.line}, column ${problem.column}`);
  const value = JSON.parse(text) as unknown;
  validateManifest(value);
  return value;
}

/** A downloaded checkpoint file (one JSON header line, then the raw float32 weights), checked. */
export function splitCheckpointFile(bytes: Uint8Array): { manifest: unknown; weightData: ArrayBuffer } {
  const newline = bytes.subarray(0, MAX_MANIFEST_LENGTH + 1).indexOf(10);
  if (newline < 0) throw new Error('not a ganvas checkpoint file (no header)');
  const head = new TextDecoder().decode(bytes.subarray(0, newline));
  if (!head.startsWith('{')) throw new Error('not a ganvas checkpoint file (its header is not JSON)');
  const manifest = readManifestText(head) as { weightSpecs: Spec[] };
  checkWeightBytes(manifest.weightSpecs, bytes.length - newline - 1);
  return { manifest, weightData: bytes.slice(newline + 1).buffer };
}
