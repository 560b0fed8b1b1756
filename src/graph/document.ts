/**
 * The graph document: everything a user made, as versioned JSON. Validated by zod on every load;
 * older versions are first brought forward by `migrations.ts`. Nothing else is needed to
 * reproduce a run.
 */
import { z } from 'zod';
import './zod-jitless';
import { DOCUMENT_LIMITS as LIMITS } from './limits';
import { CURRENT_VERSION } from './migrations';
import { firstUnseen } from './text';

export { CURRENT_VERSION };
export const DOCUMENT_FORMAT = 'ganvas';

/**
 * Names every plain JavaScript object already has: as an id they would find `Object.prototype`'s
 * members in any lookup through a plain object, so documents may not use them.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Ids are plain identifiers: ASCII letters, digits and `_ . - >`, so no two look alike and none needs
 * escaping (no `:`: the canvas names notes and frames `note:…` and `group:…`).
 */
export const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.>-]*$/;

const identifier = (max: number) =>
  z
    .string()
    .min(1)
    .max(max, `at most ${max} characters`)
    .regex(ID_PATTERN, 'must be a plain identifier (letters A–Z, digits and _ . - >, no spaces)')
    .refine((s) => !RESERVED_NAMES.has(s), { error: (issue) => `"${String(issue.input)}" is a reserved name; choose another` });

/** Ids of nodes, phases, notes, groups and variants. */
const Id = identifier(64);
/** Edge ids are made from both ends' ids and ports (`G.out->D.x`). */
const EdgeId = identifier(200);
/** Node kinds, port names and param keys: identifiers declared by the catalog. */
const Name = identifier(64);

const unseenMessage = (issue: { input: unknown }) => {
  const found = typeof issue.input === 'string' ? firstUnseen(issue.input) : null;
  return found ? `holds an invisible or control character (${found.code} at character ${found.index + 1}); remove it` : 'holds an invisible character';
};
/** One line shown on the canvas or in a list: no control, format (bidi, zero-width) or separator characters. */
const Label = (max: number, min = 0) => z.string().min(min).max(max, `at most ${max} characters`).refine((s) => firstUnseen(s) === null, { error: unseenMessage });
/** Bidi overrides and isolates reorder whatever follows them; other controls are refused except tab and line breaks. */
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
/** Free text (notes, descriptions, lessons): lines and tabs allowed. */
const Text = (max: number) =>
  z
    .string()
    .max(max, `at most ${max.toLocaleString('en-US')} characters`)
    .refine((s) => !UNSAFE_IN_TEXT.test(s), {
      error: (issue) => {
        const m = UNSAFE_IN_TEXT.exec(String(issue.input));
        return m ? `holds a control character (U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at character ${m.index + 1}); remove it` : 'holds a control character';
      },
    });
const Position = z.object({ x: z.number().finite(), y: z.number().finite() });
const Colour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'a colour like #3a7bd5');

export const NodeSchema = z.object({
  id: Id,
  kind: Name,
  params: z.record(Name, z.unknown()).default({}),
  position: Position,
  label: Label(200).optional(),
  color: Colour.optional(),
});

export const PortRefSchema = z.object({ node: Id, port: Name });

export const EdgeSchema = z.object({
  id: EdgeId,
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
  name: Label(100, 1),
  /** The loss nodes this phase minimises, each with a weight on top of the loss node's own. */
  terms: z.array(PhaseTermSchema).max(LIMITS.nodes),
  /** The networks whose weights this phase changes (node ids; a node sharing weights means its owner). */
  updates: z.array(Id).max(LIMITS.nodes),
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

/** The most training steps a document or a command line can ask for. */
export const MAX_STEPS = 10_000_000;

export const SizeSettingsSchema = z.object({
  /** Multiplies every network's width. */
  width: positive.max(8),
  batchSize: z.number().int().min(1).max(4096),
  steps: z.number().int().min(1).max(MAX_STEPS),
});

export const RunSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  size: z.enum(SIZE_PRESETS),
  presets: z.object({ tiny: SizeSettingsSchema, small: SizeSettingsSchema, full: SizeSettingsSchema }),
  /** Read metrics back every this many iterations. */
  logEvery: z.number().int().min(1).max(100_000).default(10),
});

export const NoteSchema = z.object({
  id: Id,
  text: Text(20_000),
  /** The node it is pinned to: lecture mode shows it beside that node. */
  node: Id.optional(),
  position: Position,
  width: positive.optional(),
  height: positive.optional(),
  color: Colour.optional(),
});

export const GroupSchema = z.object({
  id: Id,
  label: Label(200),
  position: Position,
  width: positive,
  height: positive,
  color: Colour.optional(),
});

/**
 * What a role names: a node (its first output), one of its outputs, or whatever feeds one of its
 * inputs. See roles.ts.
 */
export const RoleRefSchema = z.union([Id, PortRefSchema, z.object({ node: Id, input: Name })]);

/**
 * Which document this is, as opposed to what it is called: checkpoints and runs belong to it, so a
 * rename keeps them and a copy (a template opened again, "Make a copy") gets a new one.
 */
export const DocumentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a document id of letters, digits, _ and -');

/**
 * The document's own words in another language — shown instead of the English ones when the
 * interface speaks that language; the English stays the source (messages, exports, the CLI).
 */
export const TranslationSchema = z.object({
  title: Label(200, 1).optional(),
  description: Text(2_000).optional(),
  lesson: Text(50_000).optional(),
  /** Node labels, by node id. */
  nodes: z.record(Id, Label(200)).optional(),
  /** Phase names, by phase id. */
  phases: z.record(Id, Label(100, 1)).optional(),
  /** Variant titles and descriptions, by variant id. */
  variants: z.record(Id, z.object({ title: Label(200, 1), description: Text(2_000).default('') })).optional(),
});

export const MetaSchema = z.object({
  /** Absent in documents made before ids; the editor gives one when it opens them. */
  id: DocumentIdSchema.optional(),
  title: Label(200, 1),
  description: Text(2_000).default(''),
  /** Lesson text (Markdown) shown in the side panel. */
  lesson: Text(50_000).default(''),
  /** Which template this document started from, if any. */
  template: Name.optional(),
  /** The lesson view that suits this graph (e.g. "infogan"), if any. */
  view: Name.optional(),
  /** Which node's output views read as what (role name → output), e.g. `{ encoder: 'E' }`. */
  roles: z.record(Name, RoleRefSchema).optional(),
  /** The document's words in other languages, by locale (`zh`). */
  translations: z.object({ zh: TranslationSchema.optional() }).optional(),
});

/** A one-click variant of the same graph (e.g. "pixel loss only"): data only, applied by `applyVariant`. */
export const VariantSchema = z.object({
  id: Id,
  title: Label(200, 1),
  description: Text(2_000).default(''),
  removeNodes: z.array(Id).max(LIMITS.nodes).default([]),
  addNodes: z.array(NodeSchema).max(LIMITS.nodes).default([]),
  addEdges: z.array(EdgeSchema).max(LIMITS.edges).default([]),
  setParams: z.array(z.object({ node: Id, param: Name, value: z.unknown() })).max(LIMITS.nodes).default([]),
  /** Replaces the phases when given. */
  phases: z.array(PhaseSchema).optional(),
});

/** Items of one list must have different ids: the canvas, undo and every lookup key on them. */
function uniqueIds(what: string) {
  return (items: { id: string }[], ctx: z.RefinementCtx) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `another ${what} (${earlier + 1}) already has this id; ids must be unique` });
    });
  };
}

export const DocumentSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  version: z.literal(CURRENT_VERSION),
  meta: MetaSchema,
  nodes: z.array(NodeSchema).max(LIMITS.nodes, `at most ${LIMITS.nodes} nodes`).superRefine(uniqueIds('node')),
  edges: z.array(EdgeSchema).max(LIMITS.edges, `at most ${LIMITS.edges} connections`).superRefine(uniqueIds('connection')),
  phases: z.array(PhaseSchema).max(LIMITS.phases, `at most ${LIMITS.phases} phases`).superRefine(uniqueIds('phase')),
  run: RunSchema,
  notes: z.array(NoteSchema).max(LIMITS.notes, `at most ${LIMITS.notes} notes`).superRefine(uniqueIds('note')).default([]),
  groups: z.array(GroupSchema).max(LIMITS.groups, `at most ${LIMITS.groups} frames`).superRefine(uniqueIds('frame')).default([]),
  variants: z.array(VariantSchema).max(LIMITS.variants, `at most ${LIMITS.variants} variants`).default([]),
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
export type Translation = z.infer<typeof TranslationSchema>;

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
