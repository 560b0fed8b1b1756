/**
 * Turning text or parsed JSON into a valid document, or into one clear reason it is not one.
 * Documents are data only: nothing in them is ever executed.
 *
 * Every way in (a file, a dropped picture, a share link, the autosave, the command line) ends
 * here, and the order of the checks is the point: the text's length first, then its syntax and
 * nesting in one pass without recursion, then the parsed value's size, and only then migration
 * and the schema. Messages name the place (line and column, or the field and node) and show user
 * text cut and escaped.
 */
import { z } from 'zod';
import { DOCUMENT_FORMAT, DocumentSchema, type GraphDocument } from './document';
import { scanJson } from './json-text';
import { checkJsonLimits, DOCUMENT_LIMITS } from './limits';
import { migrate, MigrationError } from './migrations';
import { escapeUnseen, shown, shownValue } from './text';

export type LoadResult = { ok: true; document: GraphDocument; migratedFrom?: number } | { ok: false; error: string };

/** Parses JSON text; on a syntax error the message gives the line and column. */
export function loadDocumentText(text: string, source = 'document'): LoadResult {
  if (text.length > DOCUMENT_LIMITS.textLength) {
    return { ok: false, error: `${source} is too large to be a graph document (${text.length.toLocaleString('en-US')} characters; at most ${DOCUMENT_LIMITS.textLength.toLocaleString('en-US')})` };
  }
  const problem = scanJson(text, DOCUMENT_LIMITS.depth);
  if (problem) return { ok: false, error: `${source} is not valid JSON: ${problem.message} at line ${problem.line}, column ${problem.column}` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // The scan accepts only what JSON.parse accepts; this is for an engine that disagrees.
    return { ok: false, error: `${source} is not valid JSON: ${escapeUnseen(shown((e as Error).message, 120))}` };
  }
  return loadDocument(raw, source);
}

export function loadDocument(raw: unknown, source = 'document'): LoadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: `${source} is not a ganvas document (expected a JSON object)` };
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== DOCUMENT_FORMAT) {
    return { ok: false, error: `${source} is not a ganvas document (its "format" is ${shownValue(obj.format ?? null)}, expected "${DOCUMENT_FORMAT}")` };
  }
  const tooMany = countProblem(obj);
  if (tooMany) return { ok: false, error: `${source}: ${tooMany}` };
  const limit = checkJsonLimits(obj);
  if (limit) return { ok: false, error: `${source}: ${limit}` };
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(obj);
  } catch (e) {
    if (e instanceof MigrationError) return { ok: false, error: `${source}: ${e.message}` };
    return { ok: false, error: `${source}: migration failed: ${escapeUnseen(shown((e as Error).message, 200))}` };
  }
  const parsed = DocumentSchema.safeParse(migrated);
  if (!parsed.success) return { ok: false, error: `${source}: ${describeIssue(parsed.error, migrated)}` };
  const from = obj.version as number;
  return { ok: true, document: parsed.data, ...(from !== parsed.data.version ? { migratedFrom: from } : {}) };
}

/** The lists whose length alone refuses a document, checked before anything walks them. */
function countProblem(obj: Record<string, unknown>): string | null {
  const lists: [string, number, string][] = [
    ['nodes', DOCUMENT_LIMITS.nodes, 'nodes'],
    ['edges', DOCUMENT_LIMITS.edges, 'connections'],
    ['notes', DOCUMENT_LIMITS.notes, 'notes'],
    ['groups', DOCUMENT_LIMITS.groups, 'frames'],
    ['phases', DOCUMENT_LIMITS.phases, 'phases'],
    ['variants', DOCUMENT_LIMITS.variants, 'variants'],
  ];
  for (const [key, max, what] of lists) {
    const list = Object.hasOwn(obj, key) ? obj[key] : undefined;
    if (Array.isArray(list) && list.length > max) {
      return `${key}: ${list.length.toLocaleString('en-US')} ${what} is more than ganvas opens (at most ${max.toLocaleString('en-US')})`;
    }
  }
  return null;
}

const child = (value: unknown, key: PropertyKey): unknown =>
  value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;

/** `nodes[3] ‹G›.position.x: expected a number` — the first problem, with the node named. */
function describeIssue(error: z.ZodError, doc: Record<string, unknown>): string {
  const issue = error.issues[0];
  let path = '';
  let cursor: unknown = doc;
  for (const key of issue.path) {
    cursor = child(cursor, key);
    if (typeof key === 'number') {
      path += `[${key}]`;
      const id = child(cursor, 'id');
      if (typeof id === 'string') path += ` ‹${shown(id, 40)}›`;
    } else {
      const name = shown(String(key), 40);
      path += path ? `.${name}` : name;
    }
  }
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${path || 'document'}: ${escapeUnseen(shown(issue.message, 200))}${more}`;
}

/** Canonical JSON for saving: stable key order from the schema, two-space indent. */
export function serializeDocument(doc: GraphDocument): string {
  return JSON.stringify(DocumentSchema.parse(doc), null, 2) + '\n';
}
