/**
 * `npm run prepare` (after build-data.mjs): draws every example of the generated data sets (those
 * that declare `generated` sets: MNIST-M's textured digits, the faces) once, for the default data
 * seed, into public/data/NAME.seedN.bin (src/data/prerendered.ts; generated, git-ignored). Training
 * then reads them instead of drawing each example on first use. Other seeds are still drawn.
 *
 * The drawing is the data sets' own (`LazyByteCache.renderChunk`), so the files hold exactly the
 * bytes a run would draw; readers check that again per chunk. Chunks are drawn on worker threads,
 * one per core (at most four). A file is left as it is when it is newer than every source it is
 * drawn from and its first and last chunks still match what is drawn now.
 *
 * Run alone: npx tsx scripts/render-data.ts [--force]
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import { DATASET_NAMES } from '../src/graph/datasets';
import { DATA_DIR, nodeDataEnv, REPO_ROOT } from '../src/data/env-node';
import { openDataset } from '../src/data/open';
import { chunkCount, encodePrerendered, prerenderedFileName, type PrerenderedEncoding } from '../src/data/prerendered';
import { DEFAULT_DATA_SEED } from '../src/data/seed';
import type { DataEnv, GeneratedSet } from '../src/data/types';

const SCRIPT = fileURLToPath(import.meta.url);
/** Deflate is kept where it saves at least this share (the faces: ~60%; MNIST-M's grainy textures: ~4%, stored). */
const DEFLATE_WORTH = 0.2;

interface SetJob {
  dataset: string;
  set: string;
  chunks: number[];
}

interface RenderedChunk {
  chunk: number;
  raw: Uint8Array;
  deflated: Uint8Array;
}

/** An environment that never offers prerendered files, so every example is drawn. */
function drawingEnv(): DataEnv {
  const env = nodeDataEnv();
  return { loadBinary: (file) => env.loadBinary(file) };
}

async function generatedSets(dataset: string, env: DataEnv): Promise<readonly GeneratedSet[]> {
  return (await openDataset(dataset, env, { seed: DEFAULT_DATA_SEED })).generated ?? [];
}

/** A worker's share: draws its chunks and returns them raw and deflated. */
async function renderChunks(job: SetJob): Promise<RenderedChunk[]> {
  const set = (await generatedSets(job.dataset, drawingEnv())).find((s) => s.name === job.set);
  if (!set) throw new Error(`${job.dataset} has no generated set ${job.set}`);
  return job.chunks.map((chunk) => {
    const raw = set.cache.renderChunk(chunk);
    // A copy: a small Buffer lies in a shared pool, which must not be transferred.
    return { chunk, raw, deflated: new Uint8Array(deflateRawSync(raw, { level: 6 })) };
  });
}

/** The sources the drawing comes from (and the MNIST binary): one newer than the output means draw it again. */
function inputsNewerThan(mtimeMs: number): boolean {
  const files = [SCRIPT, join(DATA_DIR, 'mnist.u8'), join(REPO_ROOT, 'src', 'graph', 'datasets.ts')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (name.name.endsWith('.ts')) files.push(path);
    }
  };
  for (const dir of ['data', 'util']) walk(join(REPO_ROOT, 'src', dir));
  return files.some((f) => existsSync(f) && statSync(f).mtimeMs > mtimeMs);
}

/** The file is there, newer than its sources, and its first and last chunks pass the readers' check. */
async function upToDate(dataset: string, set: GeneratedSet): Promise<boolean> {
  const path = join(DATA_DIR, prerenderedFileName(set.name, set.seed));
  if (!existsSync(path) || inputsNewerThan(statSync(path).mtimeMs)) return false;
  const warn = console.warn;
  console.warn = () => {};
  try {
    const opened = (await generatedSets(dataset, nodeDataEnv())).find((s) => s.name === set.name);
    if (!opened) return false;
    opened.cache.item(0);
    opened.cache.item(opened.cache.count - 1);
    return opened.cache.fromFile.chunks === Math.min(2, chunkCount(opened.cache.shape(set.name, set.seed)));
  } finally {
    console.warn = warn;
  }
}

function startWorker(job: SetJob): Promise<RenderedChunk[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./render-data-worker.mjs', import.meta.url), { workerData: { entry: import.meta.url, job } });
    worker.once('message', (chunks: RenderedChunk[]) => resolve(chunks));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`render worker exited with code ${code}`)));
  });
}

async function renderSet(dataset: string, set: GeneratedSet, threads: number): Promise<string> {
  const started = performance.now();
  const shape = set.cache.shape(set.name, set.seed);
  const chunks = Array.from({ length: chunkCount(shape) }, (_, c) => c);
  const workers = Math.max(1, Math.min(threads, chunks.length));
  const shares = Array.from({ length: workers }, (_, w) => chunks.filter((c) => c % workers === w));
  const rendered = (await Promise.all(shares.map((share) => startWorker({ dataset, set: set.name, chunks: share })))).flat();
  rendered.sort((a, b) => a.chunk - b.chunk);
  const rawBytes = rendered.reduce((s, c) => s + c.raw.length, 0);
  const deflatedBytes = rendered.reduce((s, c) => s + c.deflated.length, 0);
  const encoding: PrerenderedEncoding = deflatedBytes <= (1 - DEFLATE_WORTH) * rawBytes ? 'deflate' : 'stored';
  const bytes = encodePrerendered(shape, encoding, rendered.map((c) => (encoding === 'deflate' ? c.deflated : c.raw)));
  mkdirSync(DATA_DIR, { recursive: true });
  const out = join(DATA_DIR, prerenderedFileName(set.name, set.seed));
  // Write then rename, so a reader never sees half a file (and a hard-linked copy elsewhere keeps its own).
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, out);
  const seconds = (performance.now() - started) / 1000;
  return `${set.name}: ${shape.count} examples, ${(bytes.length / 1e6).toFixed(1)} MB (${encoding}), ${seconds.toFixed(1)} s on ${workers} thread${workers > 1 ? 's' : ''}`;
}

export async function renderData(opts: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = opts.log ?? console.log;
  const threads = Math.min(4, availableParallelism());
  const env = drawingEnv();
  for (const dataset of DATASET_NAMES) {
    for (const set of await generatedSets(dataset, env)) {
      if (!opts.force && (await upToDate(dataset, set))) continue;
      log(`render-data: ${await renderSet(dataset, set, threads)} → public/data/${prerenderedFileName(set.name, set.seed)}`);
    }
  }
}

if (isMainThread) {
  if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await renderData({ force: process.argv.includes('--force') });
} else {
  const job = (workerData as { job: SetJob }).job;
  const chunks = await renderChunks(job);
  parentPort!.postMessage(
    chunks,
    chunks.flatMap((c) => [c.raw.buffer as ArrayBuffer, c.deflated.buffer as ArrayBuffer]),
  );
}
