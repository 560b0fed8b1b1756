/**
 * How a layer type declares itself: one zod object of params (with `.meta({ help })` on each) gives
 * the document parser, the defaults, the inspector's fields and the types of the shape rule. The
 * layer files in this folder are each one `defineLayer(...)`.
 *
 * Shapes exclude the batch: [H, W, C] for images, [n] for flat vectors.
 */
import { z } from 'zod';
import type { ParamSpec } from '../params';

/** What `.meta()` on a param may carry for the inspector. */
export interface FieldMeta {
  /** One line of help under the field. */
  help: string;
  /** The field's label, when not the param's name. */
  label?: string;
  /** The value a new layer starts with, for params a document must always give (no default). */
  initial?: unknown;
  /** Display names of enum options. */
  labels?: Record<string, string>;
  /** Offer a log-scale control. */
  log?: boolean;
}

/** Params every layer has: kept out of each declaration. */
const COMMON = {
  /** Names a layer so its output can be read as features (VAE-GAN's D_l, InfoGAN's shared trunk). */
  name: z.string().min(1).max(64).regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, 'must not hold invisible or control characters').optional().meta({ help: 'Name this layer to read its output as features.', initial: '' }),
  /** Keeps this layer's size when the width multiplier changes the others. */
  fixed: z.boolean().optional().meta({ help: 'Keep this layer’s size when the width multiplier changes the others.', hidden: true }),
};
type Common = typeof COMMON;

/** The parsed layer a declaration describes: `{ type, ...params, name?, fixed? }`. */
export type LayerValue<T extends string, P extends z.ZodRawShape> = z.output<z.ZodObject<{ type: z.ZodLiteral<T> } & P & Common>>;

export interface LayerDeclaration<T extends string, P extends z.ZodRawShape> {
  type: T;
  title: string;
  /** One sentence a learner understands. */
  description: string;
  params: P;
  /** The param the width multiplier scales, if any. */
  scaled?: Extract<keyof P, 'units' | 'filters'>;
  /**
   * Output dims from input dims; throws a plain message when the input does not fit. `'same'`:
   * the output has the input's shape (activations, normalisation, dropout), which also lets a
   * Dense before it be sized for a later Reshape.
   */
  infer: 'same' | ((input: number[], layer: LayerValue<T, P>) => number[]);
  /** Number of trainable weights (default: none). */
  weights?(input: number[], layer: LayerValue<T, P>): number;
  /** Normalises with batch statistics (BatchNorm), so a phase's BatchNorm mode changes it. */
  batchStatistics?: boolean;
  /** The range its outputs lie in, whatever the input (a squashing activation), maybe set by its params. */
  outputRange?: readonly [number, number] | ((layer: LayerValue<T, P>) => readonly [number, number]);
}

export interface LayerDefinition<T extends string = string, P extends z.ZodRawShape = z.ZodRawShape> {
  readonly type: T;
  readonly title: string;
  readonly description: string;
  readonly scaled?: 'units' | 'filters';
  /** The parser of one layer of this type (defaults filled in). */
  readonly schema: z.ZodObject<{ type: z.ZodLiteral<T> } & P & Common>;
  /** Whether the output always has the input's shape. */
  readonly keepsShape: boolean;
  /** The inspector's fields, in order (`name` last; hidden params left out). */
  readonly fields: readonly ParamSpec[];
  /** Normalises with batch statistics (BatchNorm), so a phase's BatchNorm mode changes it. */
  readonly batchStatistics: boolean;
  /** The range a layer of this type puts its outputs in, when it squashes them. */
  readonly outputRange?: (layer: LayerValue<T, P>) => readonly [number, number];
  infer(input: number[], layer: LayerValue<T, P>): number[];
  weights(input: number[], layer: LayerValue<T, P>): number;
}

export function defineLayer<const T extends string, P extends z.ZodRawShape>(d: LayerDeclaration<T, P>): LayerDefinition<T, P> {
  const schema = z.object({ type: z.literal(d.type), ...d.params, ...COMMON }) as unknown as LayerDefinition<T, P>['schema'];
  const infer = d.infer;
  let fields: ParamSpec[] | undefined;
  return {
    type: d.type,
    title: d.title,
    description: d.description,
    ...(d.scaled ? { scaled: d.scaled } : {}),
    schema,
    keepsShape: infer === 'same',
    batchStatistics: d.batchStatistics ?? false,
    ...(d.outputRange ? { outputRange: typeof d.outputRange === 'function' ? d.outputRange : () => d.outputRange as readonly [number, number] } : {}),
    get fields() {
      return (fields ??= fieldsOf({ ...d.params, name: COMMON.name, fixed: COMMON.fixed }));
    },
    infer: infer === 'same' ? (input) => [...input] : infer,
    weights: d.weights ?? (() => 0),
  };
}

type JsonSchema = {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  items?: JsonSchema;
} & Partial<FieldMeta> & { hidden?: boolean };

const unbounded = (v: number | undefined) => (v === undefined || Math.abs(v) >= Number.MAX_SAFE_INTEGER ? undefined : v);

/** The inspector's view of a param schema, read through zod's JSON Schema (its public description of a schema). */
export function fieldsOf(shape: z.ZodRawShape): ParamSpec[] {
  const json = z.toJSONSchema(z.object(shape), { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, JsonSchema> };
  const specs: ParamSpec[] = [];
  for (const [name, p] of Object.entries(json.properties)) {
    if (p.hidden) continue;
    if (!p.help) throw new Error(`layer param "${name}" has no help text: add .meta({ help })`);
    const base = { name, help: p.help, ...(p.label ? { label: p.label } : {}) };
    const initial = p.default !== undefined ? p.default : p.initial;
    if (initial === undefined) throw new Error(`layer param "${name}" needs a default or .meta({ initial }) for new layers`);
    if (p.type === 'integer' || p.type === 'number') {
      const integer = p.type === 'integer';
      let min = unbounded(p.minimum);
      let exclusiveMin = false;
      const exMin = unbounded(p.exclusiveMinimum);
      if (exMin !== undefined) {
        if (integer) min = exMin + 1;
        else [min, exclusiveMin] = [exMin, true];
      }
      const exMax = unbounded(p.exclusiveMaximum);
      const max = unbounded(p.maximum) ?? (exMax !== undefined && integer ? exMax - 1 : undefined);
      if (exMax !== undefined && !integer) throw new Error(`layer param "${name}": use .max(), the inspector shows inclusive maxima`);
      specs.push({ ...base, type: integer ? 'int' : 'float', default: initial as number, ...(min !== undefined ? { min } : {}), ...(exclusiveMin ? { exclusiveMin } : {}), ...(max !== undefined ? { max } : {}), ...(p.log ? { log: true } : {}) });
    } else if (p.enum) {
      specs.push({ ...base, type: 'enum', options: p.enum as string[], default: initial as string, ...(p.labels ? { optionLabels: p.labels } : {}) });
    } else if (p.type === 'boolean') {
      specs.push({ ...base, type: 'bool', default: initial as boolean });
    } else if (p.type === 'string') {
      specs.push({ ...base, type: 'string', default: initial as string });
    } else if (p.type === 'array' && (p.items?.type === 'integer' || p.items?.type === 'number')) {
      specs.push({ ...base, type: 'ints', default: initial as number[], ...(unbounded(p.items.minimum) !== undefined ? { min: p.items.minimum } : {}), ...(p.minItems ? { minLength: p.minItems } : {}) });
    } else {
      throw new Error(`layer param "${name}": the inspector has no field for ${JSON.stringify(p.type)}`);
    }
  }
  return specs;
}

// ── Shape helpers the layer files share ─────────────────────────────────────────────────────

const fmt = (dims: number[]) => (dims.length === 1 ? `a vector of ${dims[0]}` : `an image ${dims.join('×')}`);

export function needImage(input: number[], title: string): [number, number, number] {
  if (input.length !== 3) throw new Error(`${title} needs an image (H×W×C) but gets ${fmt(input)}`);
  return input as [number, number, number];
}

export function needFlat(input: number[], title: string): number {
  if (input.length !== 1) throw new Error(`${title} needs a flat vector but gets ${fmt(input)}; add a Flatten layer before it`);
  return input[0];
}

/** Output size of a convolution along one axis. */
export function convOut(size: number, kernel: number, stride: number, pad: 'same' | 'valid'): number {
  return pad === 'same' ? Math.ceil(size / stride) : Math.ceil((size - kernel + 1) / stride);
}

/** Output size of a transposed convolution along one axis. */
export function convTransposeOut(size: number, kernel: number, stride: number, pad: 'same' | 'valid'): number {
  return pad === 'same' ? size * stride : (size - 1) * stride + kernel;
}

export const padding = z.enum(['same', 'valid']);
