/** Reading documents and templates from disk for the CLI. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDocument } from '../graph/document';
import { loadDocumentText } from '../graph/load';
import { applyVariant } from '../graph/variants';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const TEMPLATES_DIR = join(REPO_ROOT, 'templates');

export type ReadResult = { ok: true; document: GraphDocument } | { ok: false; error: string };

/**
 * A path, or the name of a built-in template (`infogan` = templates/infogan.json); with `variant`,
 * that one-click variant of it (`--variant plain-vae`), as the gallery would open it.
 */
export function readDocumentFile(pathOrName: string, variant?: string): ReadResult {
  let path = resolve(pathOrName);
  if (!existsSync(path)) {
    const builtIn = join(TEMPLATES_DIR, `${pathOrName}.json`);
    if (existsSync(builtIn)) path = builtIn;
    else return { ok: false, error: `${pathOrName}: no such file (nor a template of that name; see \`ganvas templates\`)` };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, error: `${pathOrName}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  const loaded = loadDocumentText(text, pathOrName);
  if (!loaded.ok) return { ok: false, error: loaded.error };
  if (variant === undefined) return { ok: true, document: loaded.document };
  try {
    return { ok: true, document: applyVariant(loaded.document, variant) };
  } catch (e) {
    return { ok: false, error: `${pathOrName}: ${(e as Error).message}` };
  }
}

export function listTemplateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(TEMPLATES_DIR, f));
}
