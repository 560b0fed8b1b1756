/** Pictures of samples for the CLI and previews: image grids and 2-D scatter plots, as RGBA pixels. */
import { imageGrid } from './grid';
import type { RgbaImage } from './png';

/** A grid of [n, h, w, c] images, 8 per row, enlarged so small images stay visible; values in `range` shown as 0–1. */
export function sampleGrid(values: Float32Array, shape: number[], range?: readonly [number, number]): RgbaImage {
  const [n, h, w, c] = shape;
  const shown = range && (range[0] !== 0 || range[1] !== 1) ? values.map((v) => (v - range[0]) / (range[1] - range[0])) : values;
  return imageGrid(shown, n, h, w, c, Math.min(8, n), 1, { scale: h < 48 ? 2 : 1 });
}

/** Real points (blue) and generated points (orange) on one square plot, axes through the origin. */
export function scatterPlot(real: Float32Array, fake: Float32Array, size = 320): RgbaImage {
  let extent = 1;
  for (const v of real) if (Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
  extent *= 1.25;
  const rgba = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) rgba.set([24, 24, 28, 255], i * 4);
  const px = (v: number) => Math.round(((v + extent) / (2 * extent)) * (size - 1));
  const put = (x: number, y: number, colour: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    rgba.set([...colour, 255], (y * size + x) * 4);
  };
  const mid = px(0);
  for (let i = 0; i < size; i++) {
    put(i, mid, [60, 60, 66]);
    put(mid, i, [60, 60, 66]);
  }
  const dots = (points: Float32Array, colour: [number, number, number]) => {
    for (let i = 0; i + 1 < points.length; i += 2) {
      if (!Number.isFinite(points[i]) || !Number.isFinite(points[i + 1])) continue;
      const x = px(points[i]);
      const y = size - 1 - px(points[i + 1]);
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) put(x + dx, y + dy, colour);
    }
  };
  dots(real, [90, 150, 255]);
  dots(fake, [255, 150, 40]);
  return { width: size, height: size, rgba };
}
