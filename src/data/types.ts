/**
 * The shapes every data set in `src/data` shares. Pure types: no Node or browser APIs, no TF.js, so
 * the engine (worker or Node) and the UI (previews) can both import them.
 */
import type { DatasetInfo } from '../graph/datasets';
import type { LazyByteCache } from './cache';

export type Split = 'train' | 'test';
export const SPLITS: readonly Split[] = ['train', 'test'];

/** Where prebuilt binaries (public/data/…) come from: the file system in Node, `fetch` in a page. */
export interface DataEnv {
  loadBinary(file: string): Promise<Uint8Array>;
  /** A prebuilt file that may be absent (prerendered examples): null when it is not there. */
  loadOptional?(file: string): Promise<Uint8Array | null>;
}

/** Generated examples a data set draws lazily into a byte cache, and could read from a prerendered file instead. */
export interface GeneratedSet {
  /** Names the set in its file, e.g. "faces", "mnist-m/train". */
  name: string;
  seed: number;
  cache: LazyByteCache;
}

/** A batch: one row-major Float32Array [n, ...dims] per output key of `info.outputs`. */
export type Batch = Record<string, Float32Array>;

export interface DataSource {
  readonly info: DatasetInfo;
  count(split: Split): number;
  /** Examples `indices` of `split`: images in [0, 1], labels one-hot, attributes 0/1. */
  get(split: Split, indices: ArrayLike<number>): Batch;
  /** Class index of every example of `split`, where the set has a `label` output (for subsets and metrics). */
  labels?(split: Split): Int32Array;
  /** The generated examples behind it, where it draws them (MNIST-M, faces). */
  readonly generated?: readonly GeneratedSet[];
}

export function checkIndices(source: { count(split: Split): number; info: DatasetInfo }, split: Split, indices: ArrayLike<number>): void {
  const n = source.count(split);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    if (!(k >= 0 && k < n && Number.isInteger(k))) {
      throw new RangeError(`${source.info.name}: index ${k} is outside the ${split} split (0..${n - 1})`);
    }
  }
}

/** Writes one-hot rows for `classes[i]` into a fresh [n, k] array. */
export function oneHot(classes: ArrayLike<number>, k: number): Float32Array {
  const out = new Float32Array(classes.length * k);
  for (let i = 0; i < classes.length; i++) out[i * k + classes[i]] = 1;
  return out;
}
