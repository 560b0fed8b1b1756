/**
 * Node data environment: reads prebuilt binaries from the repository's `public/data/`, found from this
 * file's location (not the working directory), and builds them with scripts/build-data.mjs when they
 * are missing (a fresh clone whose `npm install` ran with --ignore-scripts). Never load this module in
 * a page: it imports `node:fs`. Prerendered examples (scripts/render-data.ts) are optional and never
 * built here: without them the data sets draw their examples.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DataEnv } from './types';
import { loadImages, type ImageSize, type LoadedImages, type NamedBytes } from './images';

/** The repository root: two levels above src/data/. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const DATA_DIR = join(REPO_ROOT, 'public', 'data');

let building: Promise<void> | null = null;

async function buildMissingData(): Promise<void> {
  const script = pathToFileURL(join(REPO_ROOT, 'scripts', 'build-data.mjs')).href;
  const mod = (await import(/* @vite-ignore */ script)) as { buildData(opts: { root: string; log?: (s: string) => void }): unknown };
  mod.buildData({ root: REPO_ROOT, log: () => {} });
}

export function nodeDataEnv(dataDir: string = DATA_DIR): DataEnv {
  return {
    async loadBinary(file: string): Promise<Uint8Array> {
      const path = join(dataDir, file);
      if (!existsSync(path) && dataDir === DATA_DIR) {
        building ??= buildMissingData().finally(() => (building = null));
        await building;
      }
      if (!existsSync(path)) {
        throw new Error(`data file ${path} is missing: run \`node scripts/build-data.mjs\` (part of npm install)`);
      }
      const buf = readFileSync(path);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
    async loadOptional(file: string): Promise<Uint8Array | null> {
      const path = join(dataDir, file);
      if (!existsSync(path)) return null;
      const buf = readFileSync(path);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
  };
}

/**
 * The files of a folder (not recursive, hidden files left out) as {name, bytes}, for `loadImages`.
 * Throws when the path is not a readable folder.
 */
export function readFolder(dir: string): NamedBytes[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir);
  } catch (err) {
    throw new Error(`cannot read folder ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return names
    .filter((name) => !name.startsWith('.'))
    .sort()
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => {
      const buf = readFileSync(join(dir, name));
      return { name, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
    });
}

/**
 * The user's images from a folder (its files, not recursive) or a .zip file, resized to `size`.
 * Messages name the path; throws when it holds no readable image.
 */
export function loadImagesFromPath(path: string, size: ImageSize): LoadedImages {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new Error(`cannot read ${path}: no such file or folder`);
  }
  if (isFolder) return loadImages(readFolder(path), size, `folder ${path}`);
  const buf = readFileSync(path);
  return loadImages(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), size, path);
}
