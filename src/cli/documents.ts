/** Reading documents and templates from disk for the CLI. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDocument } from '../graph/document';
import { readDocumentBytes, refuseBySize } from '../data/document-file';
import { shown } from '../graph/text';
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
    // A template name is a plain name, never a path out of the templates folder.
    const builtIn = /^[a-z0-9][a-z0-9-]*$/.test(pathOrName) ? join(TEMPLATES_DIR, `${pathOrName}.json`) : '';
    if (builtIn && existsSync(builtIn)) path = builtIn;
    else return { ok: false, error: `${shown(pathOrName, 120)}: no such file (nor a template of that name; see \`ganvas templates\`)` };
  }
  const source = shown(pathOrName, 120);
  let bytes: Uint8Array;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { ok: false, error: `${source} is not a file` };
    // Refused by its size before it is read: a 50 MB file must not hold the command up.
    const tooLarge = refuseBySize(stat.size, source);
    if (tooLarge && !tooLarge.ok) return tooLarge;
    const buf = readFileSync(path);
    bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    return { ok: false, error: `${source}: cannot read (${(e as NodeJS.ErrnoException).code ?? shown((e as Error).message, 120)})` };
  }
  const loaded = readDocumentBytes(bytes, source);
  if (!loaded.ok) return { ok: false, error: loaded.error };
  if (variant === undefined) return { ok: true, document: loaded.document };
  try {
    return { ok: true, document: applyVariant(loaded.document, variant) };
  } catch (e) {
    return { ok: false, error: `${shown(pathOrName, 120)}: ${shown((e as Error).message, 200)}` };
  }
}

export function listTemplateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(TEMPLATES_DIR, f));
}
