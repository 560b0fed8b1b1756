/**
 * A lazily filled byte cache for generated examples: example i occupies `itemSize` bytes, drawn
 * once by `draw(i, out)` on first use. Storage comes in chunks, so a run that touches a few hundred
 * faces does not allocate room for twenty thousand.
 */
const CHUNK = 1024;

export class LazyByteCache {
  private readonly chunks: (Uint8Array | undefined)[];
  private readonly done: Uint8Array;

  constructor(
    readonly count: number,
    readonly itemSize: number,
    private readonly draw: (index: number, out: Uint8Array) => void,
  ) {
    this.chunks = new Array(Math.ceil(count / CHUNK));
    this.done = new Uint8Array(count);
  }

  /** The bytes of example `index` (a view into the cache; do not modify). */
  item(index: number): Uint8Array {
    const c = Math.floor(index / CHUNK);
    let chunk = this.chunks[c];
    if (!chunk) {
      const items = Math.min(CHUNK, this.count - c * CHUNK);
      chunk = this.chunks[c] = new Uint8Array(items * this.itemSize);
    }
    const start = (index - c * CHUNK) * this.itemSize;
    const view = chunk.subarray(start, start + this.itemSize);
    if (!this.done[index]) {
      this.draw(index, view);
      this.done[index] = 1;
    }
    return view;
  }

  /** Copies example `index` into `out` at `offset`, scaled to [0, 1]. */
  copyScaled(index: number, out: Float32Array, offset: number): void {
    const bytes = this.item(index);
    for (let i = 0; i < bytes.length; i++) out[offset + i] = bytes[i] / 255;
  }
}

/** Rounds a [0, 1] float to a byte. */
export function toByte(v: number): number {
  return v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
}
