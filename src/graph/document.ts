/**
 * The graph document: everything a user made, as versioned JSON. Validated by zod on every load;
 * older versions are first brought forward by `migrations.ts`. Nothing else is needed to
 * reproduce a run.
 */
import { z } from 'zod';
import { CURRENT_VERSION } from './migrations';

export { CURRENT_VERSION };
export const DOCUMENT_FORMAT = 'ganvas';

const Id = z.string().min(1).max(200);
const Position = z.object({ x: z.number().finite(), y: z.number().finite() });
const Colour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'a colour like #3a7bd5');

export const NodeSchema = z.object({
  id: Id,
  kind: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  position: Position,
  label: z.string().max(200).optional(),
  color: Colour.optional(),
});

export const PortRefSchema = z.object({ node: Id, port: z.string().min(1) });

export const EdgeSchema = z.object({
  id: Id,
  source: PortRefSchema,
  target: PortRefSchema,
});

const positive = z.number().finite().positive();

export const OptimizerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('adam'),
    lr: positive,
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    epsilon: positive.default(1e-8),
  }),
  z.object({ type: z.literal('sgd'), lr: positive, momentum: z.number().min(0).lt(1).default(0) }),
  z.object({
    type: z.literal('rmsprop'),
    lr: positive,
    decay: z.number().min(0).lt(1).default(0.9),
    momentum: z.number().min(0).lt(1).default(0),
    epsilon: positive.default(1e-7),
  }),
]);

/** Learning rate over training progress p ∈ [0, 1]. `dann`: lr / (1 + α·p)^β (Ganin et al.). */
export const LrScheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('constant') }),
  z.object({ type: z.literal('dann'), alpha: z.number().min(0).default(10), beta: z.number().min(0).default(0.75) }),
]);

/** Where a term schedule's positions are: iterations (0-based), or training progress p ∈ [0, 1]. */
export const SCHEDULE_UNITS = ['steps', 'progress'] as const;
export type ScheduleUnit = (typeof SCHEDULE_UNITS)[number];
const schedulePosition = z.number().finite().min(0).max(10_000_000);
const scheduleFactor = z.number().finite().min(0).max(1_000_000);

/**
 * A loss term's weight over training, as a factor on its weight (see `termScheduleFactor`):
 * `linear`: from → to between positions start and end (constant outside them); `step`: `before`
 * until position `at`, then `after` (on at step N: 0 → 1; off: 1 → 0); `dann`: 2/(1 + e^(−γp)) − 1,
 * the DANN ramp from 0 to 1 over progress p.
 */
export const TermScheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('constant') }),
  z.object({
    type: z.literal('linear'),
    from: scheduleFactor,
    to: scheduleFactor,
    start: schedulePosition,
    end: schedulePosition,
    unit: z.enum(SCHEDULE_UNITS).default('steps'),
  }),
  z.object({
    type: z.literal('step'),
    at: schedulePosition,
    before: scheduleFactor.default(0),
    after: scheduleFactor.default(1),
    unit: z.enum(SCHEDULE_UNITS).default('steps'),
  }),
  z.object({ type: z.literal('dann'), gamma: z.number().finite().min(0).max(100).default(10) }),
]);

export const PhaseTermSchema = z.object({
  loss: Id,
  weight: z.number().finite().min(0).default(1),
  /** How the weight changes over training (absent: constant). */
  schedule: TermScheduleSchema.optional(),
});

/**
 * How a network's BatchNorm layers run in a phase. `batch`: batch statistics, moving averages
 * updated (the default, and what training usually means); `batch-frozen`: batch statistics, the
 * moving averages left as they are; `moving`: the moving statistics, as when sampling, left as they
 * are — a network the phase only reads (train E against a fixed G) keeps its normalisation fixed.
 * Only BatchNorm changes; dropout and the rest of the network run as in any training phase.
 */
export const BATCH_NORM_MODES = ['batch', 'batch-frozen', 'moving'] as const;
export type BatchNormMode = (typeof BATCH_NORM_MODES)[number];
export const BatchNormModeSchema = z.enum(BATCH_NORM_MODES);

export const PhaseSchema = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  /** The loss nodes this phase minimises, each with a weight on top of the loss node's own. */
  terms: z.array(PhaseTermSchema),
  /** The networks whose weights this phase changes (node ids; a node sharing weights means its owner). */
  updates: z.array(Id),
  optimizer: OptimizerSchema,
  lrSchedule: LrScheduleSchema.default({ type: 'constant' }),
  /** How many times this phase runs per iteration (k steps of D per step of G). */
  repeats: z.number().int().min(1).max(100).default(1),
  enabled: z.boolean().default(true),
  /** BatchNorm mode per network (node id) in this phase; networks not named use `batch`. */
  batchNorm: z.record(Id, BatchNormModeSchema).optional(),
  /** Scales the phase's gradients down so their global norm is at most this (absent: no clipping). */
  clipNorm: z.number().finite().positive().max(1e6).optional(),
});

export const SIZE_PRESETS = ['tiny', 'small', 'full'] as const;
export type SizePreset = (typeof SIZE_PRESETS)[number];

export const SizeSettingsSchema = z.object({
  /** Multiplies every network's width. */
  width: positive.max(8),
  batchSize: z.number().int().min(1).max(4096),
  steps: z.number().int().min(1).max(10_000_000),
});

export const RunSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  size: z.enum(SIZE_PRESETS),
  presets: z.object({ tiny: SizeSettingsSchema, small: SizeSettingsSchema, full: SizeSettingsSchema }),
  /** Read metrics back every this many iterations. */
  logEvery: z.number().int().min(1).default(10),
});

export const NoteSchema = z.object({
  id: Id,
  text: z.string().max(20_000),
  position: Position,
  width: positive.optional(),
  height: positive.optional(),
  color: Colour.optional(),
});

export const GroupSchema = z.object({
  id: Id,
  label: z.string().max(200),
  position: Position,
  width: positive,
  height: positive,
  color: Colour.optional(),
});

/**
 * What a role names: a node (its first output), one of its outputs, or whatever feeds one of its
 * inputs. See roles.ts.
 */
export const RoleRefSchema = z.union([Id, PortRefSchema, z.object({ node: Id, input: z.string().min(1) })]);

/**
 * Which document this is, as opposed to what it is called: checkpoints and runs belong to it, so a
 * rename keeps them and a copy (a template opened again, "Make a copy") gets a new one.
 */
export const DocumentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a document id of letters, digits, _ and -');

export const MetaSchema = z.object({
  /** Absent in documents made before ids; the editor gives one when it opens them. */
  id: DocumentIdSchema.optional(),
  title: z.string().min(1).max(200),
  description: z.string().max(2_000).default(''),
  /** Lesson text (Markdown) shown in the side panel. */
  lesson: z.string().max(50_000).default(''),
  /** Which template this document started from, if any. */
  template: z.string().optional(),
  /** The lesson view that suits this graph (e.g. "infogan"), if any. */
  view: z.string().optional(),
  /** Which node's output views read as what (role name → output), e.g. `{ encoder: 'E' }`. */
  roles: z.record(z.string().min(1).max(100), RoleRefSchema).optional(),
});

/** A one-click variant of the same graph (e.g. "pixel loss only"): data only, applied by `applyVariant`. */
export const VariantSchema = z.object({
  id: Id,
  title: z.string().min(1),
  description: z.string().default(''),
  removeNodes: z.array(Id).default([]),
  addNodes: z.array(NodeSchema).default([]),
  addEdges: z.array(EdgeSchema).default([]),
  setParams: z.array(z.object({ node: Id, param: z.string().min(1), value: z.unknown() })).default([]),
  /** Replaces the phases when given. */
  phases: z.array(PhaseSchema).optional(),
});

export const DocumentSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  version: z.literal(CURRENT_VERSION),
  meta: MetaSchema,
  nodes: z.array(NodeSchema),
  edges: z.array(EdgeSchema),
  phases: z.array(PhaseSchema),
  run: RunSchema,
  notes: z.array(NoteSchema).default([]),
  groups: z.array(GroupSchema).default([]),
  variants: z.array(VariantSchema).default([]),
});

export type GraphDocument = z.infer<typeof DocumentSchema>;
export type GraphNode = z.infer<typeof NodeSchema>;
export type GraphEdge = z.infer<typeof EdgeSchema>;
export type PortRef = z.infer<typeof PortRefSchema>;
export type RoleRef = z.infer<typeof RoleRefSchema>;
export type Phase = z.infer<typeof PhaseSchema>;
export type Optimizer = z.infer<typeof OptimizerSchema>;
export type LrSchedule = z.infer<typeof LrScheduleSchema>;
export type TermSchedule = z.infer<typeof TermScheduleSchema>;
export type PhaseTerm = z.infer<typeof PhaseTermSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type SizeSettings = z.infer<typeof SizeSettingsSchema>;
export type RunSettings = z.infer<typeof RunSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type Group = z.infer<typeof GroupSchema>;

export const DEFAULT_PRESETS: RunSettings['presets'] = {
  tiny: { width: 0.125, batchSize: 8, steps: 3 },
  small: { width: 0.25, batchSize: 64, steps: 3000 },
  full: { width: 1, batchSize: 64, steps: 20000 },
};

export function emptyDocument(title = 'Untitled graph'): GraphDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: CURRENT_VERSION,
    meta: { title, description: '', lesson: '' },
    nodes: [],
    edges: [],
    phases: [],
    run: { seed: 1, size: 'small', presets: structuredClone(DEFAULT_PRESETS), logEvery: 10 },
    notes: [],
    groups: [],
    variants: [],
  };
}

export function sizeSettings(doc: GraphDocument): SizeSettings {
  return doc.run.presets[doc.run.size];
}
