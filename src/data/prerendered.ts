/**
 * Generated examples drawn ahead of time. MNIST-M's textures and the faces are pure functions of
 * (seed, index), drawn on first use; drawing them costs a run its first epoch (a face ≈ 1 ms, an
 * MNIST-M digit ≈ 0.2 ms). `npm run prepare` (scripts/render-data.ts) draws every example of the
 * default seed once into public/data/, and a data set reads its examples from there instead.
 *
 * A file is never trusted on its word: each chunk is checked, when first used, against two of its
 * examples drawn afresh, so a file left over from an older generator (or damaged) is noticed and
 * that data set goes back to drawing, with the same bytes it would have drawn anyway.
 *
 * Layout (little-endian):
 *   bytes 0..3    magic "GVR1"
 *   4..7 seed, 8..11 count, 12..15 bytes per example, 16..19 examples per chunk (uint32)
 *   20..23        encoding: 0 stored, 1 raw deflate (per chunk)
 *   24..55        set name (ASCII, NUL-padded), e.g. "faces", "mnist-m/train"
 *   then one uint32 per chunk: its stored length, then the stored chunks in order.
 */
import { inflateSync } from 'fflate';

const MAGIC = [0x47, 0x56, 0x52, 0x31]; // "GVR1"
const NAME_BYTES = 32;
const HEADER = 24 + NAME_BYTES;

export type PrerenderedEncoding = 'stored' | 'deflate';

/** What a file must hold to stand for a set: its name, seed and geometry. */
export interface PrerenderedShape {
  name: string;
  seed: number;
  count: number;
  itemSize: number;
  chunkItems: number;
}

/** The file that holds set `name` under `seed`, in the data folder. */
export function prerenderedFileName(name: string, seed: number): string {
  return `${name.replace(/\//g, '.')}.seed${seed >>> 0}.bin`;
}

/** Examples in chunk `c` of a set of `count`. */
export function chunkLength(shape: Pick<PrerenderedShape, 'count' | 'chunkItems'>, c: number): number {
  return Math.max(0, Math.min(shape.chunkItems, shape.count - c * shape.chunkItems));
}

export function chunkCount(shape: Pick<PrerenderedShape, 'count' | 'chunkItems'>): number {
  return Math.ceil(shape.count / shape.chunkItems);
}

/**
 * The bytes of a file for `shape` from its chunks as stored (`encoding` says how: the writer
 * compresses, this module only lays out).
 */
export function encodePrerendered(shape: PrerenderedShape, encoding: PrerenderedEncoding, stored: Uint8Array[]): Uint8Array {
  if (stored.length !== chunkCount(shape)) throw new Error(`${shape.name}: ${stored.length} chunks given, ${chunkCount(shape)} expected`);
  const name = new TextEncoder().encode(shape.name);
  if (name.length > NAME_BYTES) throw new Error(`set name "${shape.name}" is longer than ${NAME_BYTES} bytes`);
  const tableEnd = HEADER + 4 * stored.length;
  const out = new Uint8Array(tableEnd + stored.reduce((s, c) => s + c.length, 0));
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, shape.seed >>> 0, true);
  view.setUint32(8, shape.count, true);
  view.setUint32(12, shape.itemSize, true);
  view.setUint32(16, shape.chunkItems, true);
  view.setUint32(20, encoding === 'stored' ? 0 : 1, true);
  out.set(name, 24);
  let at = tableEnd;
  stored.forEach((chunk, c) => {
    view.setUint32(HEADER + 4 * c, chunk.length, true);
    out.set(chunk, at);
    at += chunk.length;
  });
  return out;
}

/** A parsed file: its chunks, unpacked on request. */
export class PrerenderedFile {
  private constructor(
    readonly shape: PrerenderedShape,
    readonly encoding: PrerenderedEncoding,
    private readonly stored: Uint8Array[],
  ) {}

  /**
   * Reads `bytes` as the file of `expected`. Throws, saying why, when it is not one (another set,
   * seed or size, a truncated or padded file); the caller then draws instead.
   */
  static parse(bytes: Uint8Array, expected: PrerenderedShape): PrerenderedFile {
    const what = prerenderedFileName(expected.name, expected.seed);
    if (bytes.length < HEADER || !MAGIC.every((b, i) => bytes[i] === b)) throw new Error(`${what} is not a prerendered data file`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const nameBytes = bytes.subarray(24, 24 + NAME_BYTES);
    const end = nameBytes.indexOf(0);
    const shape: PrerenderedShape = {
      name: new TextDecoder().decode(end < 0 ? nameBytes : nameBytes.subarray(0, end)),
      seed: view.getUint32(4, true),
      count: view.getUint32(8, true),
      itemSize: view.getUint32(12, true),
      chunkItems: view.getUint32(16, true),
    };
    for (const key of ['name', 'seed', 'count', 'itemSize', 'chunkItems'] as const) {
      if (shape[key] !== expected[key]) throw new Error(`${what} holds ${key} ${shape[key]}, expected ${expected[key]}`);
    }
    const code = view.getUint32(20, true);
    if (code > 1) throw new Error(`${what} has an unknown encoding (${code})`);
    const encoding: PrerenderedEncoding = code === 0 ? 'stored' : 'deflate';
    const chunks = chunkCount(shape);
    let at = HEADER + 4 * chunks;
    if (bytes.length < at) throw new Error(`${what} is truncated`);
    const stored: Uint8Array[] = [];
    for (let c = 0; c < chunks; c++) {
      const length = view.getUint32(HEADER + 4 * c, true);
      if (encoding === 'stored' && length !== chunkLength(shape, c) * shape.itemSize) throw new Error(`${what}: chunk ${c} has ${length} bytes, expected ${chunkLength(shape, c) * shape.itemSize}`);
      if (at + length > bytes.length) throw new Error(`${what} is truncated`);
      stored.push(bytes.subarray(at, at + length));
      at += length;
    }
    if (at !== bytes.length) throw new Error(`${what} has ${bytes.length - at} bytes past its last chunk`);
    return new PrerenderedFile(shape, encoding, stored);
  }

  /** The examples of chunk `c` (chunkLength·itemSize bytes); throws when the chunk does not unpack to that size. */
  chunk(c: number): Uint8Array {
    const size = chunkLength(this.shape, c) * this.shape.itemSize;
    if (this.encoding === 'stored') return this.stored[c];
    let out: Uint8Array;
    try {
      // Into a buffer of exactly the expected size: a longer stream cannot grow it.
      out = inflateSync(this.stored[c], { out: new Uint8Array(size) });
    } catch (err) {
      throw new Error(`chunk ${c} does not inflate (${err instanceof Error ? err.message : String(err)})`);
    }
    if (out.length !== size) throw new Error(`chunk ${c} inflates to ${out.length} bytes, expected ${size}`);
    return out;
  }
}
