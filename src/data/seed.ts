/**
 * Per-example random streams: generated data sets draw example i from an Rng that depends only on
 * (seed, stream name, i), so any example can be produced lazily, in any order, on any thread.
 */
import { Rng, type RngState } from '../util/rng';

/** The seed a data set uses when the caller gives none. */
export const DEFAULT_DATA_SEED = 1;

function hashName(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of one word. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hash of a few integers (order matters). */
export function hashInts(...values: number[]): number {
  let h = 0x2545f491;
  for (const v of values) h = mix32((h ^ mix32(v >>> 0)) + 0x9e3779b9);
  return h >>> 0;
}

/**
 * The generator of example `index` of `stream` under `seed`. Its 128-bit state comes from four
 * independent hashes, so distinct examples do not collide the way 32-bit seeds would.
 */
export function exampleRng(seed: number, stream: string, index: number): Rng {
  const s = hashName(stream);
  const state: RngState = [
    hashInts(seed, s, index, 1),
    hashInts(seed, s, index, 2),
    hashInts(seed, s, index, 3),
    hashInts(seed, s, index, 4) | 1,
  ];
  return new Rng(state);
}
