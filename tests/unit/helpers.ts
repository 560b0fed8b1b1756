/** Shared test helpers: load templates from disk as documents. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDocument } from '../../src/graph/document';
import { loadDocumentText } from '../../src/graph/load';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATE_DIR = join(ROOT, 'templates');

export function templateNames(): string[] {
  return readdirSync(TEMPLATE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

export function loadTemplate(name: string): GraphDocument {
  const result = loadDocumentText(readFileSync(join(TEMPLATE_DIR, `${name}.json`), 'utf8'), name);
  if (!result.ok) throw new Error(result.error);
  return result.document;
}
