/**
 * Turning text or parsed JSON into a valid document, or into one clear reason it is not one.
 * Documents are data only: nothing in them is ever executed.
 */
import { z } from 'zod';
import { DOCUMENT_FORMAT, DocumentSchema, type GraphDocument } from './document';
import { migrate, MigrationError } from './migrations';

export type LoadResult = { ok: true; document: GraphDocument; migratedFrom?: number } | { ok: false; error: string };

/** Parses JSON text; on a syntax error the message gives the line and column. */
export function loadDocumentText(text: string, source = 'document'): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${source} is not valid JSON: ${jsonErrorWhere(text, e as Error)}` };
  }
  return loadDocument(raw, source);
}

export function loadDocument(raw: unknown, source = 'document'): LoadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: `${source} is not a ganvas document (expected a JSON object)` };
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== DOCUMENT_FORMAT) {
    return { ok: false, error: `${source} is not a ganvas document (its "format" is ${JSON.stringify(obj.format ?? null)}, expected "${DOCUMENT_FORMAT}")` };
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(obj);
  } catch (e) {
    if (e instanceof MigrationError) return { ok: false, error: `${source}: ${e.message}` };
    return { ok: false, error: `${source}: migration failed: ${(e as Error).message}` };
  }
  const parsed = DocumentSchema.safeParse(migrated);
  if (!parsed.success) return { ok: false, error: `${source}: ${describeIssue(parsed.error, migrated)}` };
  const from = obj.version as number;
  return { ok: true, document: parsed.data, ...(from !== parsed.data.version ? { migratedFrom: from } : {}) };
}

/** `nodes[3] ‹G›.position.x: expected a number` — the first problem, with the node named. */
function describeIssue(error: z.ZodError, doc: Record<string, unknown>): string {
  const issue = error.issues[0];
  let path = '';
  let cursor: unknown = doc;
  for (const key of issue.path) {
    cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string | number, unknown>)[key as string | number] : undefined;
    if (typeof key === 'number') {
      path += `[${key}]`;
      const id = cursor && typeof cursor === 'object' ? (cursor as { id?: unknown }).id : undefined;
      if (typeof id === 'string') path += ` ‹${id}›`;
    } else {
      path += path ? `.${String(key)}` : String(key);
    }
  }
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${path || 'document'}: ${issue.message}${more}`;
}

function jsonErrorWhere(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${e.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** Canonical JSON for saving: stable key order from the schema, two-space indent. */
export function serializeDocument(doc: GraphDocument): string {
  return JSON.stringify(DocumentSchema.parse(doc), null, 2) + '\n';
}
