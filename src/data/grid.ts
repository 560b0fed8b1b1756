/**
 * Sample grids: a batch of images laid out as one RGBA picture, for previews in the CLI and the UI.
 */
import type { RgbaImage } from './png';

export interface GridOptions {
  /** Pixels between cells (default 1). */
  pad?: number;
  /** Integer magnification of every image pixel (default 1). */
  scale?: number;
  /** Colour of the padding, RGB bytes (default dark grey). */
  background?: [number, number, number];
}

/**
 * Lays out `n` images (row-major [n, h, w, c], values in [0, 1]) in rows of `cols`. One channel is
 * shown as grey, three as RGB, four as RGBA; any other count shows the first channel.
 */
export function imageGrid(
  images: Float32Array,
  n: number,
  h: number,
  w: number,
  c: number,
  cols: number,
  pad = 1,
  options: Omit<GridOptions, 'pad'> = {},
): RgbaImage {
  const scale = Math.max(1, Math.floor(options.scale ?? 1));
  const bg = options.background ?? [40, 40, 40];
  cols = Math.max(1, Math.min(cols, n || 1));
  const rows = Math.max(1, Math.ceil(n / cols));
  const cellW = w * scale;
  const cellH = h * scale;
  const width = cols * cellW + (cols + 1) * pad;
  const height = rows * cellH + (rows + 1) * pad;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = bg[0];
    rgba[i * 4 + 1] = bg[1];
    rgba[i * 4 + 2] = bg[2];
    rgba[i * 4 + 3] = 255;
  }
  const byte = (v: number) => (v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255));
  for (let k = 0; k < n; k++) {
    const left = pad + (k % cols) * (cellW + pad);
    const top = pad + Math.floor(k / cols) * (cellH + pad);
    const base = k * h * w * c;
    for (let y = 0; y < cellH; y++) {
      const sy = Math.floor(y / scale);
      let o = ((top + y) * width + left) * 4;
      for (let x = 0; x < cellW; x++, o += 4) {
        const s = base + (sy * w + Math.floor(x / scale)) * c;
        if (c === 3 || c === 4) {
          rgba[o] = byte(images[s]);
          rgba[o + 1] = byte(images[s + 1]);
          rgba[o + 2] = byte(images[s + 2]);
          if (c === 4) rgba[o + 3] = byte(images[s + 3]);
        } else {
          const g = byte(images[s]);
          rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
        }
      }
    }
  }
  return { width, height, rgba };
}
