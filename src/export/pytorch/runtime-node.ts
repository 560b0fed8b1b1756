/** The exported projects' shared package (ganvas_torch/*.py), read from this folder in Node. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FOLDER = fileURLToPath(new URL('./runtime/ganvas_torch/', import.meta.url));

export function runtimeFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(FOLDER).sort()) if (name.endsWith('.py')) out[name] = readFileSync(join(FOLDER, name), 'utf8');
  return out;
}
