/** Pictures of samples for the CLI and previews: image grids and 2-D scatter plots, as RGBA pixels. */
import { imageGrid } from '../data/grid';
import type { RgbaImage } from '../data/png';
import type { Plan } from '../compiler/plan';

/** What a plan's samples look like: the first Generator's output as images or as 2-D points. */
export interface SampleView {
  generator: string;
  kind: 'images' | 'points';
  /** For points: the data node and port giving real points to compare with. */
  real?: { node: string; port: string };
  /** Whether image values are in [−1, 1] (mapped to [0, 1] for display). */
  signed: boolean;
}

export function sampleViewOf(plan: Plan): SampleView | undefined {
  const g = plan.nodes.find((n) => n.kind === 'Generator');
  const out = g?.outputs.out;
  if (!g || !out) return undefined;
  const signed = plan.nodes.some((n) => (n.kind === 'Dataset' || n.kind === 'LabelledSubset') && n.params.range === '-1..1');
  if (out.kind === 'image' && out.dims.length === 3) return { generator: g.id, kind: 'images', signed };
  if (out.dims.length === 1 && out.dims[0] === 2) {
    const data = plan.nodes.find((n) => n.kind === 'Dataset' && n.outputs.x?.dims.length === 1 && n.outputs.x.dims[0] === 2);
    return { generator: g.id, kind: 'points', signed, ...(data ? { real: { node: data.id, port: 'x' } } : {}) };
  }
  return undefined;
}

/** A grid of [n, h, w, c] images, 8 per row, enlarged so small images stay visible. */
export function sampleGrid(values: Float32Array, shape: number[], signed: boolean): RgbaImage {
  const [n, h, w, c] = shape;
  const shown = signed ? values.map((v) => (v + 1) / 2) : values;
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
