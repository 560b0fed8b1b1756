/**
 * Parameters as data: each node kind lists its params with type, default, range and help. The
 * inspector draws inputs from these, the checker validates against them, and documents store only
 * the values. A missing value takes its default, so templates stay short and old documents keep
 * working when a param is added.
 */
import type { Layer } from './layers';
import { shownValue } from './text';

interface ParamBase {
  name: string;
  label?: string;
  help: string;
  /** Shown only when another param has one of these values (e.g. `lambda` when schedule is constant). */
  showIf?: { param: string; values: readonly (string | number | boolean)[] };
}

export interface NumberParam extends ParamBase {
  type: 'int' | 'float';
  default: number;
  min?: number;
  max?: number;
  /** Excludes the minimum itself (e.g. a width multiplier must be > 0). */
  exclusiveMin?: boolean;
  step?: number;
  /** Offer a log-scale slider (learning rates, small weights). */
  log?: boolean;
}

export interface EnumParam extends ParamBase {
  type: 'enum';
  options: readonly string[];
  optionLabels?: Record<string, string>;
  default: string;
}

export interface BoolParam extends ParamBase {
  type: 'bool';
  default: boolean;
}

export interface StringParam extends ParamBase {
  type: 'string';
  default: string;
}

export interface IntListParam extends ParamBase {
  type: 'ints';
  default: readonly number[];
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
}

export interface LayersParam extends ParamBase {
  type: 'layers';
  default: readonly Layer[];
}

export type ParamSpec = NumberParam | EnumParam | BoolParam | StringParam | IntListParam | LayersParam;

export type ParamValues = Record<string, unknown>;

/** The value a param spec describes. */
export type ParamValue<S extends ParamSpec> = S extends { type: 'int' | 'float' }
  ? number
  : S extends { type: 'enum'; options: readonly (infer O extends string)[] }
    ? O
    : S extends { type: 'bool' }
      ? boolean
      : S extends { type: 'string' }
        ? string
        : S extends { type: 'ints' }
          ? number[]
          : S extends { type: 'layers' }
            ? Layer[]
            : never;

/** Param values by name, typed from a list of specs declared `as const` (what `defineKind` keeps). */
export type ParamsOf<P extends readonly ParamSpec[]> = { [S in P[number] as S['name']]: ParamValue<S> };

export interface ParamProblem {
  field: string;
  message: string;
}

/** Values with defaults filled in for absent params. Unknown keys are kept (the checker warns). */
export function withDefaults(specs: readonly ParamSpec[], values: ParamValues | undefined): ParamValues {
  // Null prototype: a param key from a document never finds Object.prototype's members.
  const out: ParamValues = Object.assign(Object.create(null) as ParamValues, values ?? {});
  for (const spec of specs) {
    if (out[spec.name] === undefined) out[spec.name] = structuredCloneValue(spec.default);
  }
  return out;
}

function structuredCloneValue<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function paramLabel(spec: ParamSpec): string {
  return spec.label ?? spec.name;
}

/** Problems with one param value, each naming the field; empty when the value is fine. */
export function validateParam(spec: ParamSpec, value: unknown): ParamProblem[] {
  const field = spec.name;
  const label = paramLabel(spec);
  switch (spec.type) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return [{ field, message: `${label} must be a number, not ${shownValue(value)}` }];
      }
      if (spec.type === 'int' && !Number.isInteger(value)) {
        return [{ field, message: `${label} must be a whole number, not ${value}` }];
      }
      if (spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min)) {
        return [{ field, message: `${label} must be ${spec.exclusiveMin ? 'above' : 'at least'} ${spec.min}, not ${value}` }];
      }
      if (spec.max !== undefined && value > spec.max) {
        return [{ field, message: `${label} must be at most ${spec.max}, not ${value}` }];
      }
      return [];
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.options.includes(value)) {
        return [{ field, message: `${label} must be one of ${spec.options.join(', ')}, not ${shownValue(value)}` }];
      }
      return [];
    case 'bool':
      return typeof value === 'boolean' ? [] : [{ field, message: `${label} must be true or false` }];
    case 'string':
      return typeof value === 'string' ? [] : [{ field, message: `${label} must be text` }];
    case 'ints': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isInteger(v))) {
        return [{ field, message: `${label} must be a list of whole numbers` }];
      }
      if (spec.minLength !== undefined && value.length < spec.minLength) {
        return [{ field, message: `${label} needs at least ${spec.minLength} entries` }];
      }
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        return [{ field, message: `${label} takes at most ${spec.maxLength} entries, not ${value.length}` }];
      }
      const min = spec.min;
      if (min !== undefined) {
        const bad = value.findIndex((v: number) => v < min);
        if (bad >= 0) return [{ field: `${field}[${bad}]`, message: `${label}[${bad}] must be at least ${min}, not ${value[bad]}` }];
      }
      const max = spec.max;
      if (max !== undefined) {
        const bad = value.findIndex((v: number) => v > max);
        if (bad >= 0) return [{ field: `${field}[${bad}]`, message: `${label}[${bad}] must be at most ${max}, not ${value[bad]}` }];
      }
      return [];
    }
    case 'layers':
      // Layer stacks are validated layer by layer by the network shape rule, which can say which layer.
      return Array.isArray(value) ? [] : [{ field, message: `${label} must be a list of layers` }];
  }
}
