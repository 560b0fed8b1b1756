/**
 * A lazily filled byte cache for generated examples: example i occupies `itemSize` bytes, drawn
 * once by `draw(i, out)` on first use. Storage comes in chunks, so a run that touches a few hundred
 * faces does not allocate room for twenty thousand. With a prerendered file (see prerendered.ts) a
 * chunk is taken whole from the file when first touched, after two of its examples drawn afresh
 * match it; otherwise it is drawn as before.
 */
import { chunkLength, type PrerenderedFile, type PrerenderedShape } from './prerendered';

export const CHUNK_ITEMS = 1024;

export class LazyByteCache {
  private readonly chunks: (Uint8Array | undefined)[];
  private readonly done: Uint8Array;
  private file: PrerenderedFile | undefined;
  private fileName = '';
  /** Chunks taken from the file, and whether the file was dropped (for reports and tests). */
  readonly fromFile = { chunks: 0, dropped: '' };

  constructor(
    readonly count: number,
    readonly itemSize: number,
    private readonly draw: (index: number, out: Uint8Array) => void,
  ) {
    this.chunks = new Array(Math.ceil(count / CHUNK_ITEMS));
    this.done = new Uint8Array(count);
  }

  /** What a prerendered file of this cache must hold. */
  shape(name: string, seed: number): PrerenderedShape {
    return { name, seed, count: this.count, itemSize: this.itemSize, chunkItems: CHUNK_ITEMS };
  }

  /** Takes chunks from `file` from now on, each checked when first used. */
  useFile(file: PrerenderedFile, name: string): void {
    this.file = file;
    this.fileName = name;
  }

  /** The bytes of example `index` (a view into the cache; do not modify). */
  item(index: number): Uint8Array {
    const c = Math.floor(index / CHUNK_ITEMS);
    let chunk = this.chunks[c];
    if (!chunk) chunk = this.chunks[c] = this.fromFileChunk(c) ?? new Uint8Array(this.itemsIn(c) * this.itemSize);
    const start = (index - c * CHUNK_ITEMS) * this.itemSize;
    const view = chunk.subarray(start, start + this.itemSize);
    if (!this.done[index]) {
      this.draw(index, view);
      this.done[index] = 1;
    }
    return view;
  }

  /** Every example of chunk `c`, drawn (what a prerendered file stores). */
  renderChunk(c: number): Uint8Array {
    const first = c * CHUNK_ITEMS;
    const n = this.itemsIn(c);
    const out = new Uint8Array(n * this.itemSize);
    for (let i = 0; i < n; i++) out.set(this.item(first + i), i * this.itemSize);
    return out;
  }

  /** Copies example `index` into `out` at `offset`, scaled to [0, 1]. */
  copyScaled(index: number, out: Float32Array, offset: number): void {
    const bytes = this.item(index);
    for (let i = 0; i < bytes.length; i++) out[offset + i] = bytes[i] / 255;
  }

  private itemsIn(c: number): number {
    return chunkLength({ count: this.count, chunkItems: CHUNK_ITEMS }, c);
  }

  /** Chunk `c` from the file when it unpacks and its first and last examples are what `draw` gives; null otherwise. */
  private fromFileChunk(c: number): Uint8Array | null {
    const file = this.file;
    if (!file) return null;
    let chunk: Uint8Array;
    try {
      chunk = file.chunk(c);
    } catch (err) {
      this.dropFile(err instanceof Error ? err.message : String(err));
      return null;
    }
    const first = c * CHUNK_ITEMS;
    const n = chunk.length / this.itemSize;
    const fresh = new Uint8Array(this.itemSize);
    for (const i of n > 1 ? [0, n - 1] : [0]) {
      this.draw(first + i, fresh);
      const stored = chunk.subarray(i * this.itemSize, (i + 1) * this.itemSize);
      for (let b = 0; b < this.itemSize; b++) {
        if (stored[b] !== fresh[b]) {
          this.dropFile(`example ${first + i} differs from the one drawn now`);
          return null;
        }
      }
    }
    this.done.fill(1, first, first + n);
    this.fromFile.chunks++;
    return chunk;
  }

  private dropFile(why: string): void {
    this.file = undefined;
    this.fromFile.dropped = why;
    console.warn(`${this.fileName}: ${why}; drawing these examples instead (npm run prepare renders the file again)`);
  }
}

/** Rounds a [0, 1] float to a byte. */
export function toByte(v: number): number {
  return v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
}
