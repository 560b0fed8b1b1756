/**
 * How much of a document ganvas reads before it looks inside. Every entry (a file, a dropped
 * picture, a share link, the autosave, the command line) goes through these limits before any
 * recursive work, so no document can exhaust the stack, the memory or the patience of the page.
 * The limits are far above any real graph: the largest template has under a hundred nodes.
 */
import { shown } from './text';

export const DOCUMENT_LIMITS = {
  /** Characters of JSON text (a document, the text in a picture, an inflated share link). */
  textLength: 8_000_000,
  /** Nesting of JSON arrays and objects. */
  depth: 64,
  /** JSON values in the whole document. */
  values: 1_000_000,
  /** Entries of any one array or object. */
  entries: 20_000,
  /** Characters of any one string. */
  stringLength: 100_000,
  nodes: 2_000,
  edges: 8_000,
  notes: 1_000,
  groups: 500,
  phases: 200,
  variants: 100,
} as const;

export interface JsonLimits {
  depth: number;
  values: number;
  entries: number;
  stringLength: number;
}

/** Where in a JSON value: `nodes[3].params.layers[0]`. */
export function pathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${shown(key, 40)}` : shown(key, 40);
  return out || 'document';
}

/**
 * Walks a parsed JSON value without recursion and returns the first limit it breaks, naming the
 * place; null when it keeps them all. Anything that is not plain JSON data (a function, a class
 * instance, a cycle) is refused too.
 */
export function checkJsonLimits(root: unknown, limits: JsonLimits = DOCUMENT_LIMITS): string | null {
  const stack: { value: unknown; depth: number; path: (string | number)[] }[] = [{ value: root, depth: 0, path: [] }];
  let values = 0;
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (++values > limits.values) return `the document holds more than ${limits.values.toLocaleString('en-US')} values`;
    if (typeof value === 'string') {
      if (value.length > limits.stringLength) return `${pathText(path)}: text of ${value.length.toLocaleString('en-US')} characters is longer than ${limits.stringLength.toLocaleString('en-US')}`;
      continue;
    }
    if (value === null || typeof value === 'number' || typeof value === 'boolean') continue;
    if (typeof value !== 'object') return `${pathText(path)}: ${typeof value} is not JSON data`;
    if (depth >= limits.depth) return `${pathText(path)}: nested deeper than ${limits.depth} levels`;
    if (Array.isArray(value)) {
      if (value.length > limits.entries) return `${pathText(path)}: a list of ${value.length.toLocaleString('en-US')} entries is longer than ${limits.entries.toLocaleString('en-US')}`;
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, path: [...path, i] });
      continue;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${pathText(path)}: not plain JSON data`;
    const keys = Object.keys(value);
    if (keys.length > limits.entries) return `${pathText(path)}: an object of ${keys.length.toLocaleString('en-US')} keys has more than ${limits.entries.toLocaleString('en-US')}`;
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      if (key.length > limits.stringLength) return `${pathText(path)}: a key of ${key.length.toLocaleString('en-US')} characters`;
      // Harmless in JSON.parse's output, but a prototype change in any code that copies with `a[k] = v`.
      if (key === '__proto__') return `${pathText(path)}: a key named "__proto__" is not allowed`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: [...path, key] });
    }
  }
  return null;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // `target[key] = …` with key "__proto__" would change the object's prototype instead.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A deep copy of plain JSON data, made without recursion (structuredClone and JSON.stringify both
 * recurse, and fail on deep input with an internal message). Keys such as `__proto__` stay data.
 */
export function cloneJson<T>(root: T): T {
  if (root === null || typeof root !== 'object') return root;
  const copyOf = (value: unknown): unknown => (Array.isArray(value) ? new Array(value.length) : value !== null && typeof value === 'object' ? {} : value);
  const out = copyOf(root);
  const stack: [unknown, unknown][] = [[root, out]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    if (Array.isArray(from)) {
      const target = to as unknown[];
      for (let i = 0; i < from.length; i++) {
        const v = from[i];
        const c = copyOf(v);
        target[i] = c;
        if (c !== v) stack.push([v, c]);
      }
    } else {
      const target = to as Record<string, unknown>;
      for (const key of Object.keys(from as object)) {
        const v = (from as Record<string, unknown>)[key];
        const c = copyOf(v);
        setOwn(target, key, c);
        if (c !== v) stack.push([v, c]);
      }
    }
  }
  return out as T;
}

/**
 * What one network may hold and make, so a graph that checks also fits a browser tab: the
 * largest template's network has 6.7 million weights and its largest layer output 65,536 values.
 */
export const NETWORK_LIMITS = {
  layers: 200,
  /** Trainable weights of one network (×4 bytes, and the optimizer keeps up to two more copies). */
  weights: 32_000_000,
  /** Values in one layer's output, per example. */
  activation: 1_048_576,
} as const;

/** Values of any one tensor of a training step: batch × one example's values (×4 bytes). */
export const TENSOR_LIMIT = 64_000_000;
