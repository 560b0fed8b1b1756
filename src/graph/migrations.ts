/**
 * Bringing old documents forward. `MIGRATIONS[i]` takes a version i+1 document to version i+2, as
 * plain JSON (it runs before validation, so it must not assume the old document is well formed
 * beyond its own version's shape), and the current version is one past the last migration, so a
 * new format is one function appended here. Migrations are history: they name what the format was
 * then, never today's declarations.
 */
import { checkJsonLimits, cloneJson } from './limits';
import { shownValue } from './text';

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every layer stack a version-1 document holds: nodes' `layers` params, variants' added nodes and set params. */
function* layerStacks(doc: Record<string, unknown>): Generator<unknown[]> {
  const nodes = (list: unknown) => (Array.isArray(list) ? list.filter(isObject) : []);
  const fromNode = function* (node: Record<string, unknown>) {
    if (isObject(node.params) && Array.isArray(node.params.layers)) yield node.params.layers;
  };
  for (const node of nodes(doc.nodes)) yield* fromNode(node);
  for (const variant of nodes(doc.variants)) {
    for (const node of nodes(variant.addNodes)) yield* fromNode(node);
    for (const set of nodes(variant.setParams)) if (set.param === 'layers' && Array.isArray(set.value)) yield set.value;
  }
}

/**
 * 1 → 2: Conv2D and ConvTranspose2D layers without a stride had stride 1 (the inspector showed 2,
 * and now both say 2); the stride they trained with is written down, so they keep their shapes.
 */
function explicitConvStride(doc: Record<string, unknown>): Record<string, unknown> {
  for (const stack of layerStacks(doc)) {
    for (const layer of stack) {
      if (isObject(layer) && (layer.type === 'conv2d' || layer.type === 'convTranspose2d') && layer.stride === undefined) layer.stride = 1;
    }
  }
  return doc;
}

export const MIGRATIONS: readonly Migration[] = [explicitConvStride];

/** The document format this ganvas writes: one past the last migration. */
export const CURRENT_VERSION = MIGRATIONS.length + 1;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies migrations from the document's version up to the last one's. Never mutates its input. */
export function migrate(raw: Record<string, unknown>, migrations: readonly Migration[] = MIGRATIONS): Record<string, unknown> {
  const target = migrations.length + 1;
  // Migrations walk plain JSON; the limits come first so nothing below can recurse too deep.
  const limit = checkJsonLimits(raw);
  if (limit) throw new MigrationError(limit);
  let doc = cloneJson(raw);
  let version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MigrationError(`version must be a whole number from 1, not ${shownValue(version)}`);
  }
  if (version > target) {
    throw new MigrationError(`this document is version ${version}, newer than this ganvas (version ${target}); update ganvas to open it`);
  }
  while (version < target) {
    doc = migrations[version - 1](doc);
    doc.version = version + 1;
    version += 1;
  }
  return doc;
}
