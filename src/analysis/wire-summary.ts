/**
 * What a wire carries, in a few kilobytes: for images a small grid quantised to bytes, for every
 * tensor a histogram with mean and standard deviation, and for vectors a 2-D scatter (the values
 * themselves when they are points, else their top two principal components) coloured by label
 * where the batch has labels. Pure: the engine makes it, the page draws it.
 */
import { pca2 } from './embeddings';

/** What kind of picture suits the values (from the checker's tensor kind). */
export type WireKind = 'image' | 'vector' | 'label' | 'logits' | 'code' | 'scalar';

export interface WireHistogram {
  min: number;
  max: number;
  /** Counts of equal-width bins from min to max. */
  counts: number[];
}

export interface WireSummary {
  kind: WireKind;
  /** One example's shape (no batch), and how many examples the batch had. */
  dims: number[];
  batch: number;
  mean: number;
  std: number;
  /** Share of values that are not finite. */
  nonFinite: number;
  histogram: WireHistogram;
  /** Images: the first few of the batch, each value mapped from `range` to 0–255. */
  images?: { count: number; height: number; width: number; channels: number; range: [number, number]; pixels: Uint8Array };
  /** Vectors: one point per example. `axes` says what x and y are. */
  scatter?: { x: Float32Array; y: Float32Array; labels?: Int32Array; classes?: number; axes: 'values' | 'pca'; explained?: [number, number] };
}

export interface SummaryOptions {
  /** Histogram bins (default 32). */
  bins?: number;
  /** Byte budget of the image grid (default 16 KiB). */
  imageBytes?: number;
  /** At most this many scatter points (default 256). */
  points?: number;
  /** The value range images are drawn in; default: [−1, 1] when any value is clearly below 0, else [0, 1]. */
  range?: [number, number];
}

/** One label per example from one-hot rows (argmax) or from a single column of class numbers. */
export function labelsOf(values: ArrayLike<number>, batch: number, width: number): Int32Array {
  const out = new Int32Array(batch);
  for (let i = 0; i < batch; i++) {
    if (width === 1) {
      out[i] = Math.round(values[i]);
      continue;
    }
    let best = 0;
    for (let j = 1; j < width; j++) if (values[i * width + j] > values[i * width + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Whether every row is one-hot (a categorical code or labels). */
export function isOneHot(values: ArrayLike<number>, batch: number, width: number): boolean {
  if (width < 2) return false;
  for (let i = 0; i < batch; i++) {
    let ones = 0;
    for (let j = 0; j < width; j++) {
      const v = values[i * width + j];
      if (v === 1) ones++;
      else if (v !== 0) return false;
    }
    if (ones !== 1) return false;
  }
  return true;
}

function histogramOf(values: ArrayLike<number>, bins: number): { histogram: WireHistogram; mean: number; std: number; nonFinite: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = finite ? sum / finite : NaN;
  let squares = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) squares += (values[i] - mean) ** 2;
  const counts = new Array<number>(bins).fill(0);
  if (finite) {
    const width = max > min ? (max - min) / bins : 1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
    }
  }
  return {
    histogram: { min: finite ? min : 0, max: finite ? max : 0, counts },
    mean,
    std: finite ? Math.sqrt(squares / finite) : NaN,
    nonFinite: values.length ? 1 - finite / values.length : 0,
  };
}

/** The first images of a batch that fit the budget, at most 16, values mapped from `range` to bytes. */
function imageGrid(values: ArrayLike<number>, batch: number, dims: number[], range: [number, number], budget: number): NonNullable<WireSummary['images']> {
  const [height, width, channels] = dims;
  const per = height * width * channels;
  const count = Math.max(1, Math.min(batch, 16, Math.floor(budget / per)));
  const pixels = new Uint8Array(count * per);
  const [lo, hi] = range;
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0; i < pixels.length; i++) {
    const v = values[i];
    pixels[i] = Number.isFinite(v) ? Math.max(0, Math.min(255, Math.round((v - lo) * scale))) : 0;
  }
  return { count, height, width, channels, range, pixels };
}

/**
 * Summarises a batch: `values` row-major [batch, ...dims]; `labels` one per example, when the
 * batch has them (the scatter is coloured by them).
 */
export function summariseWire(values: ArrayLike<number>, batch: number, dims: number[], kind: WireKind, labels?: { values: Int32Array; classes: number }, opts: SummaryOptions = {}): WireSummary {
  const stats = histogramOf(values, opts.bins ?? 32);
  const summary: WireSummary = { kind, dims, batch, ...stats };
  if (kind === 'image' && dims.length === 3) {
    let min = Infinity;
    for (let i = 0; i < values.length; i++) if (values[i] < min) min = values[i];
    summary.images = imageGrid(values, batch, dims, opts.range ?? (min < -0.05 ? [-1, 1] : [0, 1]), opts.imageBytes ?? 16_384);
  } else if (dims.length === 1 && dims[0] >= 2 && kind !== 'scalar') {
    const n = Math.min(batch, opts.points ?? 256);
    const d = dims[0];
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    let explained: [number, number] | undefined;
    if (d === 2) {
      for (let i = 0; i < n; i++) {
        x[i] = values[i * 2];
        y[i] = values[i * 2 + 1];
      }
    } else {
      const p = pca2(Array.prototype.slice.call(values, 0, n * d) as number[], n, d, 30);
      for (let i = 0; i < n; i++) {
        x[i] = p.points[i * 2];
        y[i] = p.points[i * 2 + 1];
      }
      explained = [p.explained[0], p.explained[1]];
    }
    summary.scatter = { x, y, axes: d === 2 ? 'values' : 'pca', ...(explained ? { explained } : {}), ...(labels ? { labels: labels.values.slice(0, n), classes: labels.classes } : {}) };
  }
  return summary;
}

/** The bytes a summary takes on the way to the page (typed arrays and numbers), roughly. */
export function summaryBytes(s: WireSummary): number {
  let bytes = 8 * (6 + s.histogram.counts.length + s.dims.length);
  if (s.images) bytes += s.images.pixels.byteLength;
  if (s.scatter) bytes += s.scatter.x.byteLength + s.scatter.y.byteLength + (s.scatter.labels?.byteLength ?? 0);
  return bytes;
}
