import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHUNK_ITEMS, LazyByteCache } from '../../../src/data/cache';
import { DATA_DIR, nodeDataEnv } from '../../../src/data/env-node';
import { FacesSource } from '../../../src/data/faces/index';
import { MnistMSource } from '../../../src/data/mnist-m';
import { openMnist } from '../../../src/data/mnist';
import { openDataset } from '../../../src/data/open';
import { chunkCount, encodePrerendered, PrerenderedFile, prerenderedFileName, type PrerenderedShape } from '../../../src/data/prerendered';
import { DEFAULT_DATA_SEED, hashInts } from '../../../src/data/seed';
import type { DataEnv, DataSource, GeneratedSet } from '../../../src/data/types';
import { Rng } from '../../../src/util/rng';

/** A stand-in generator: example i is bytes hashed from (i, b), counting its calls. */
function synthetic(count: number, itemSize: number) {
  const calls = { n: 0 };
  const cache = new LazyByteCache(count, itemSize, (i, out) => {
    calls.n++;
    for (let b = 0; b < out.length; b++) out[b] = hashInts(i, b) & 0xff;
  });
  return { cache, calls };
}

function fileOf(cache: LazyByteCache, shape: PrerenderedShape, encoding: 'stored' | 'deflate'): Uint8Array {
  const chunks = Array.from({ length: chunkCount(shape) }, (_, c) => cache.renderChunk(c));
  return encodePrerendered(shape, encoding, encoding === 'stored' ? chunks : chunks.map((c) => new Uint8Array(deflateRawSync(c))));
}

afterEach(() => vi.restoreAllMocks());

describe('prerendered files', () => {
  const COUNT = 2 * CHUNK_ITEMS + 37;
  const SIZE = 5;

  it.each(['stored', 'deflate'] as const)('give back the drawn bytes (%s), drawing only two examples per chunk to check them', (encoding) => {
    const source = synthetic(COUNT, SIZE);
    const shape = source.cache.shape('test/set', 7);
    const file = PrerenderedFile.parse(fileOf(source.cache, shape, encoding), shape);
    const reader = synthetic(COUNT, SIZE);
    reader.cache.useFile(file, 'test.set.seed7.bin');
    const all = Array.from({ length: COUNT }, (_, i) => i);
    expect(differing(all, (i) => reader.cache.item(i), (i) => source.cache.item(i))).toEqual([]);
    expect(reader.cache.fromFile).toEqual({ chunks: 3, dropped: '' });
    expect(reader.calls.n).toBe(6);
  });

  it('are refused when they hold another set, seed or size, or are truncated or padded', () => {
    const { cache } = synthetic(COUNT, SIZE);
    const shape = cache.shape('test/set', 7);
    const bytes = fileOf(cache, shape, 'stored');
    expect(() => PrerenderedFile.parse(bytes, { ...shape, name: 'test/other' })).toThrow(/holds name test\/set, expected test\/other/);
    expect(() => PrerenderedFile.parse(bytes, { ...shape, seed: 8 })).toThrow(/holds seed 7, expected 8/);
    expect(() => PrerenderedFile.parse(bytes, { ...shape, count: COUNT + 1 })).toThrow(/holds count/);
    expect(() => PrerenderedFile.parse(bytes, { ...shape, itemSize: SIZE + 1 })).toThrow(/holds itemSize/);
    expect(() => PrerenderedFile.parse(bytes.subarray(0, bytes.length - 1), shape)).toThrow(/truncated/);
    expect(() => PrerenderedFile.parse(Uint8Array.from([...bytes, 0]), shape)).toThrow(/1 bytes past its last chunk/);
    expect(() => PrerenderedFile.parse(new TextEncoder().encode('<!doctype html><html></html>'), shape)).toThrow(/not a prerendered data file/);
  });

  it('that differ from what is drawn now are dropped, and the examples are drawn instead', () => {
    const source = synthetic(COUNT, SIZE);
    const shape = source.cache.shape('test/set', 7);
    const bytes = fileOf(source.cache, shape, 'stored');
    const file = PrerenderedFile.parse(bytes, shape);
    // The last example of chunk 1 as an older generator would have drawn it.
    file.chunk(1)[(CHUNK_ITEMS - 1) * SIZE + 2] ^= 1;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reader = synthetic(COUNT, SIZE);
    reader.cache.useFile(file, 'test.set.seed7.bin');
    const all = Array.from({ length: COUNT }, (_, i) => i);
    expect(differing(all, (i) => reader.cache.item(i), (i) => source.cache.item(i))).toEqual([]);
    expect(reader.cache.fromFile.chunks).toBe(1);
    expect(reader.cache.fromFile.dropped).toBe(`example ${2 * CHUNK_ITEMS - 1} differs from the one drawn now`);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^test\.set\.seed7\.bin: example 2047 differs/));
  });

  it('whose chunk does not inflate are dropped', () => {
    const source = synthetic(COUNT, SIZE);
    const shape = source.cache.shape('test/set', 7);
    const stored = Array.from({ length: chunkCount(shape) }, (_, c) => new Uint8Array(deflateRawSync(source.cache.renderChunk(c))));
    stored[0] = stored[0].subarray(0, stored[0].length >> 1);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reader = synthetic(COUNT, SIZE);
    reader.cache.useFile(PrerenderedFile.parse(encodePrerendered(shape, 'deflate', stored), shape), 'x');
    expect(reader.cache.item(3)).toEqual(source.cache.item(3));
    expect(reader.cache.fromFile.dropped).toMatch(/^chunk 0 (does not inflate|inflates to \d+ bytes, expected 5120)/);
  });
});

/** Examples `indices` of a generated set, straight from its file in public/data/ (no checks). */
function fromDisk(set: GeneratedSet): { file: PrerenderedFile; item(i: number): Uint8Array } {
  const path = join(DATA_DIR, prerenderedFileName(set.name, set.seed));
  if (!existsSync(path)) throw new Error(`${path} is missing: npm run prepare renders it`);
  const file = PrerenderedFile.parse(new Uint8Array(readFileSync(path)), set.cache.shape(set.name, set.seed));
  const chunks = new Map<number, Uint8Array>();
  return {
    file,
    item(i: number) {
      const c = Math.floor(i / CHUNK_ITEMS);
      if (!chunks.has(c)) chunks.set(c, file.chunk(c));
      const at = (i - c * CHUNK_ITEMS) * set.cache.itemSize;
      return chunks.get(c)!.subarray(at, at + set.cache.itemSize);
    },
  };
}

/** Indices where two sets of examples differ (vitest's deep equality is slow on many typed arrays). */
function differing(indices: Iterable<number>, a: (i: number) => Uint8Array, b: (i: number) => Uint8Array): number[] {
  const out: number[] = [];
  for (const i of indices) if (Buffer.compare(a(i), b(i)) !== 0) out.push(i);
  return out;
}

/** The first and last example of every chunk, and `extra` more at random. */
function sampleIndices(count: number, extra: number): number[] {
  const rng = new Rng(5);
  const picks = new Set<number>();
  for (let c = 0; c * CHUNK_ITEMS < count; c++) picks.add(c * CHUNK_ITEMS).add(Math.min(count, (c + 1) * CHUNK_ITEMS) - 1);
  while (picks.size < 2 * Math.ceil(count / CHUNK_ITEMS) + extra) picks.add(rng.int(count));
  return [...picks].sort((a, b) => a - b);
}

describe("the prerendered data sets in public/data/ are bit-identical to what the data sets draw", () => {
  const drawn = async (): Promise<Record<string, DataSource>> => {
    const mnist = await openMnist(nodeDataEnv());
    return { 'mnist-m': new MnistMSource(mnist, DEFAULT_DATA_SEED), faces: new FacesSource(DEFAULT_DATA_SEED) };
  };

  it('MNIST-M: the whole test split and a sample of the training split', async () => {
    const [train, test] = (await drawn())['mnist-m'].generated!;
    const testFile = fromDisk(test);
    const all = Array.from({ length: test.cache.count }, (_, i) => i);
    expect(differing(all, testFile.item, (i) => test.cache.item(i))).toEqual([]);
    const trainFile = fromDisk(train);
    expect(differing(sampleIndices(train.cache.count, 60), trainFile.item, (i) => train.cache.item(i))).toEqual([]);
  });

  it('faces: the first and last of every chunk and 60 more', async () => {
    const [faces] = (await drawn()).faces.generated!;
    const file = fromDisk(faces);
    expect(differing(sampleIndices(faces.cache.count, 60), file.item, (i) => faces.cache.item(i))).toEqual([]);
  });

  it('open through the Node environment reads them, with the same batches as drawing', async () => {
    for (const name of ['mnist-m', 'faces']) {
      const opened = await openDataset(name, nodeDataEnv());
      const indices = [0, 1, 1500, 5000, 8999];
      expect(opened.get('train', indices)).toEqual((await drawn())[name].get('train', indices));
      expect(opened.generated!.reduce((s, g) => s + g.cache.fromFile.chunks, 0)).toBeGreaterThan(0);
    }
  });

  it('are optional: without them (or with a broken one) the examples are drawn, the same', async () => {
    const plain: DataEnv = { loadBinary: (f) => nodeDataEnv().loadBinary(f) };
    const broken: DataEnv = { ...plain, loadOptional: async () => new TextEncoder().encode('<!doctype html>') };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const env of [plain, broken]) {
      const opened = await openDataset('faces', env);
      expect(opened.get('test', [0, 999])).toEqual((await drawn()).faces.get('test', [0, 999]));
      expect(opened.generated![0].cache.fromFile.chunks).toBe(0);
    }
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^faces\.seed1\.bin is not a prerendered data file; drawing faces examples as needed/));
  });
});
