/**
 * A run of a document, kept for comparing runs side by side: its settings, the graph it trained
 * (the whole document), its loss curves, its lesson figures, its last samples and where its
 * checkpoint is. The app keeps these in IndexedDB; `ganvas train` writes the same record as
 * `run.json` in its output folder, and the app imports that file. Plain JSON, validated on every
 * import (a record is as untrusted as any other file).
 */
import { z } from 'zod';
import { DocumentSchema, type GraphDocument } from '../graph/document';

export const RUN_FORMAT = 'ganvas-run';
export const RUN_VERSION = 1;
export const RUN_FILE = 'run.json';

/** Loss curves keep at most this many points (evenly thinned, the last one kept). */
export const MAX_CURVE_POINTS = 600;

const finite = z.number().finite();
const name = z.string().min(1).max(200);

export const RunCurvesSchema = z
  .object({
    steps: z.array(z.number().int().min(0)).max(100_000),
    values: z.record(name, z.array(z.number().nullable()).max(100_000)),
  })
  .refine((c) => Object.values(c.values).every((v) => v.length === c.steps.length), 'every curve must have one value per step');

const LessonValueSchema: z.ZodType<unknown> = z.lazy(() => z.union([z.number(), z.string().max(2_000), z.boolean(), z.null(), z.array(LessonValueSchema).max(2_000), z.record(z.string().max(200), LessonValueSchema)]));

export const RunRecordSchema = z.object({
  format: z.literal(RUN_FORMAT),
  version: z.literal(RUN_VERSION),
  id: z.string().min(1).max(200),
  source: z.enum(['app', 'cli']),
  title: z.string().max(200),
  startedAt: finite,
  endedAt: finite.optional(),
  status: z.enum(['running', 'done', 'stopped', 'failed']),
  /** Iterations completed. */
  step: z.number().int().min(0),
  settings: z.object({
    size: z.enum(['tiny', 'small', 'full']),
    seed: z.number().int().min(0),
    batchSize: z.number().int().min(1),
    steps: z.number().int().min(1),
    width: finite,
    backend: z.string().max(40),
    /** Each phase's base learning rate as the run had it last (live edits included). */
    learningRates: z.record(name, finite),
    /** Each loss node's weight as the run had it last. */
    lossWeights: z.record(name, finite),
    stepsPerSecond: finite.optional(),
  }),
  /** The graph as it was when the run started. */
  document: DocumentSchema,
  curves: RunCurvesSchema,
  /** The lesson's figures, when they were computed (view name, at which step). */
  figures: z.object({ view: z.string().max(100), step: z.number().int().min(0), metrics: z.record(z.string().max(200), LessonValueSchema) }).optional(),
  /** The last sample grid, as a PNG data URL. */
  samples: z.object({ step: z.number().int().min(0), png: z.string().max(4_000_000).regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'a PNG data URL') }).optional(),
  /** Where the run's last checkpoint is: an app checkpoint id, or a CLI folder. */
  checkpoint: z.object({ step: z.number().int().min(0), id: z.string().max(400).optional(), path: z.string().max(4_000).optional() }).optional(),
  error: z.string().max(4_000).optional(),
});

export type RunRecord = z.infer<typeof RunRecordSchema> & { document: GraphDocument };
export type RunCurves = RunRecord['curves'];

/** Thins curves to at most `max` points, evenly, keeping the last one. */
export function thinCurves(curves: { steps: number[]; values: Record<string, (number | null)[]> }, max = MAX_CURVE_POINTS): RunCurves {
  const n = curves.steps.length;
  if (n <= max) return { steps: [...curves.steps], values: Object.fromEntries(Object.entries(curves.values).map(([k, v]) => [k, v.map((x) => (x === null || Number.isFinite(x) ? x : null))])) };
  const keep: number[] = [];
  for (let i = 0; i < max - 1; i++) keep.push(Math.floor((i * (n - 1)) / (max - 1)));
  keep.push(n - 1);
  return {
    steps: keep.map((i) => curves.steps[i]),
    values: Object.fromEntries(Object.entries(curves.values).map(([k, v]) => [k, keep.map((i) => (v[i] === null || Number.isFinite(v[i]) ? v[i] : null))])),
  };
}

/** Parses a record from untrusted text; the error names the field. */
export function parseRunRecord(text: string, where = 'the run file'): { ok: true; record: RunRecord } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${where} is not JSON: ${(e as Error).message}` };
  }
  if ((raw as { format?: unknown })?.format !== RUN_FORMAT) return { ok: false, error: `${where} is not a ganvas run record (format must be "${RUN_FORMAT}")` };
  const parsed = RunRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${where}: ${issue.path.join('.') || 'record'}: ${issue.message}` };
  }
  return { ok: true, record: parsed.data as RunRecord };
}

/** The names of a record's curves: loss terms first (as the run recorded them), then phase totals. */
export function curveNames(record: Pick<RunRecord, 'curves'>): string[] {
  return Object.keys(record.curves.values);
}

/** A run's settings from the plan it trained (learning rates and loss weights as the run last had them). */
export function runSettings(
  plan: { size: RunRecord['settings']['size']; seed: number; batchSize: number; steps: number; width: number; phases: { id: string; optimizer: { lr: number } }[]; losses: { id: string; weight: number }[] },
  backend: string,
  overrides: { learningRates?: ReadonlyMap<string, number> | Record<string, number>; lossWeights?: ReadonlyMap<string, number> | Record<string, number> } = {},
): RunRecord['settings'] {
  const get = (m: ReadonlyMap<string, number> | Record<string, number> | undefined, k: string) => (m instanceof Map ? m.get(k) : (m as Record<string, number> | undefined)?.[k]);
  return {
    size: plan.size,
    seed: plan.seed,
    batchSize: plan.batchSize,
    steps: plan.steps,
    width: plan.width,
    backend,
    learningRates: Object.fromEntries(plan.phases.map((p) => [p.id, get(overrides.learningRates, p.id) ?? p.optimizer.lr])),
    lossWeights: Object.fromEntries(plan.losses.map((l) => [l.id, get(overrides.lossWeights, l.id) ?? l.weight])),
  };
}

/** A record with its format fields. */
export function makeRunRecord(fields: Omit<RunRecord, 'format' | 'version'>): RunRecord {
  return { format: RUN_FORMAT, version: RUN_VERSION, ...fields };
}

/** The document with the size, steps and seed the run actually used (the CLI may override them). */
export function asTrained(doc: GraphDocument, plan: { size: RunRecord['settings']['size']; steps: number; seed: number }): GraphDocument {
  const copy = structuredClone(doc);
  copy.run.size = plan.size;
  copy.run.seed = plan.seed;
  copy.run.presets[plan.size] = { ...copy.run.presets[plan.size], steps: plan.steps };
  return copy;
}
