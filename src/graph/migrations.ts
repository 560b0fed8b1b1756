/**
 * Bringing old documents forward. `MIGRATIONS[n]` takes a version-n document to version n+1, as
 * plain JSON (it runs before validation, so it must not assume the old document is well formed
 * beyond its own version's shape). Version 1 is the first released format, so the list starts
 * empty; the runner is exercised by tests with migrations of their own.
 */
import { CURRENT_VERSION } from './document';
import { checkJsonLimits, cloneJson } from './limits';
import { shownValue } from './text';

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export const MIGRATIONS: Record<number, Migration> = Object.create(null);

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies migrations from the document's version up to `target`. Never mutates its input. */
export function migrate(
  raw: Record<string, unknown>,
  migrations: Record<number, Migration> = MIGRATIONS,
  target: number = CURRENT_VERSION,
): Record<string, unknown> {
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
    const step = Object.hasOwn(migrations, version) ? migrations[version] : undefined;
    if (!step) throw new MigrationError(`no migration from version ${version} to ${version + 1}`);
    doc = step(doc);
    doc.version = version + 1;
    version += 1;
  }
  return doc;
}
