/**
 * Preview pictures of a data set, shared by the `ganvas data` command and the UI: a grid of images,
 * spectrograms in colour for speech, a scatter plot for 2-D sets, each with a legend of the labels.
 */
import { FACE_ATTRIBUTES, SPEECH } from '../graph/datasets';
import { clamp01 } from './colour';
import { imageGrid } from './grid';
import { CustomImagesSource } from './images';
import { MIXTURES } from './points';
import type { RgbaImage } from './png';
import { PHONEME_NAMES, SpeechSource } from './speech';
import type { DataSource, Split } from './types';

export interface Preview {
  image: RgbaImage;
  /** One header line, then one line per cell / point group. */
  legend: string[];
}

function argmax(values: Float32Array, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}

/** Renders examples 0..count−1 of `split`. */
export function renderPreview(source: DataSource, split: Split, count: number, seed: number): Preview {
  const n = Math.min(count, source.count(split));
  if (n < 1) throw new Error(`${source.info.name} has no ${split} examples`);
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  const data = source.get(split, indices);
  const header = `${source.info.title} — ${split} examples 0..${n - 1}, seed ${seed}`;
  const x = source.info.outputs.x;
  if (x.kind === 'vector' && x.dims[0] === 2) return scatterPreview(source, data, n, header);
  if (source instanceof SpeechSource) return speechPreview(source, split, data, n, header);
  const [h, w, c] = x.dims;
  const cols = source.info.classes === 10 ? 10 : Math.ceil(Math.sqrt(n));
  const scale = Math.max(1, Math.floor(96 / Math.max(h, w)));
  const image = imageGrid(data.x, n, h, w, c, cols, 2, { scale });
  const legend = [header, `grid of ${cols} columns, cells left to right, top to bottom; each ${h}×${w}×${c} shown ×${scale}`];
  for (let i = 0; i < n; i++) {
    const cell = `row ${Math.floor(i / cols)}, col ${i % cols}: #${i}`;
    if (data.label) legend.push(`${cell} label ${argmax(data.label, i * 10, source.info.classes ?? 10)}`);
    else if (data.attributes) {
      const k = FACE_ATTRIBUTES.length;
      const on = FACE_ATTRIBUTES.filter((_, j) => data.attributes[i * k + j] > 0.5);
      legend.push(`${cell} ${on.length ? on.join(' ') : '(no attributes)'}`);
    } else if (source instanceof CustomImagesSource) legend.push(`${cell} ${source.loaded.names[i]}`);
    else legend.push(cell);
  }
  return { image, legend };
}

/** Colour map for magnitudes (dark purple → orange → pale yellow, like "magma"). */
const MAGMA: [number, number, number, number][] = [
  [0, 0.0, 0.0, 0.02],
  [0.25, 0.23, 0.06, 0.44],
  [0.5, 0.55, 0.16, 0.51],
  [0.75, 0.93, 0.38, 0.36],
  [1, 0.99, 0.99, 0.75],
];

function magma(v: number, out: Float32Array, o: number): void {
  v = clamp01(v);
  let k = 1;
  while (k < MAGMA.length - 1 && MAGMA[k][0] < v) k++;
  const [t0, r0, g0, b0] = MAGMA[k - 1];
  const [t1, r1, g1, b1] = MAGMA[k];
  const f = (v - t0) / (t1 - t0);
  out[o] = r0 + (r1 - r0) * f;
  out[o + 1] = g0 + (g1 - g0) * f;
  out[o + 2] = b0 + (b1 - b0) * f;
}

function speechPreview(source: SpeechSource, split: Split, data: Record<string, Float32Array>, n: number, header: string): Preview {
  const { frames: T, bins: B, speakers: S, phonemes: P } = SPEECH;
  // Time to the right, frequency up, in colour.
  const pictures = new Float32Array(n * B * T * 3);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) magma(data.x[k * T * B + t * B + b], pictures, (k * B * T + (B - 1 - b) * T + t) * 3);
    }
  }
  const cols = Math.ceil(Math.sqrt(n));
  const image = imageGrid(pictures, n, B, T, 3, cols, 2, { scale: 3 });
  const legend = [header, `grid of ${cols} columns; each cell: ${T} frames left to right, ${B} mel bins (100 Hz–5 kHz) bottom to top`];
  for (let i = 0; i < n; i++) {
    const u = source.utterance(split, i);
    legend.push(
      `row ${Math.floor(i / cols)}, col ${i % cols}: #${i} speaker ${argmax(data.speaker, i * S, S)}, content ${PHONEME_NAMES[argmax(data.content, i * P, P)]}` +
        ` (phonemes ${u.phonemes.map((p, j) => `${PHONEME_NAMES[p]}×${u.durations[j]}`).join(' ')})`,
    );
  }
  return { image, legend };
}

const PALETTE: [number, number, number][] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

function scatterPreview(source: DataSource, data: Record<string, Float32Array>, n: number, header: string): Preview {
  const size = 512;
  const rgba = new Uint8Array(size * size * 4).fill(255);
  let extent = 0;
  for (let i = 0; i < n * 2; i++) extent = Math.max(extent, Math.abs(data.x[i]));
  extent = Math.ceil(extent * 1.1 + 1e-6);
  const toPixel = (v: number) => ((v + extent) / (2 * extent)) * (size - 1);
  const set = (x: number, y: number, c: [number, number, number], alpha = 1) => {
    if (x < 0 || y < 0 || x >= size || y >= size) return;
    const o = (y * size + x) * 4;
    for (let j = 0; j < 3; j++) rgba[o + j] = Math.round(rgba[o + j] + (c[j] - rgba[o + j]) * alpha);
  };
  // Grid lines at integer coordinates, axes darker.
  for (let v = -extent; v <= extent; v++) {
    const p = Math.round(toPixel(v));
    const shade: [number, number, number] = v === 0 ? [150, 150, 150] : [225, 225, 225];
    for (let t = 0; t < size; t++) {
      set(p, t, shade);
      set(t, size - 1 - p, shade);
    }
  }
  // Mode centres first, so the points stay visible on top of them.
  const mixture = MIXTURES[source.info.name as keyof typeof MIXTURES];
  if (mixture) {
    for (const [cx, cy] of mixture.centres) {
      const px = Math.round(toPixel(cx));
      const py = Math.round(size - 1 - toPixel(cy));
      for (let d = -6; d <= 6; d++) {
        set(px + d, py, [0, 0, 0], 0.6);
        set(px, py + d, [0, 0, 0], 0.6);
      }
    }
  }
  const classes = source.info.classes ?? 1;
  const counts = new Int32Array(classes);
  for (let i = 0; i < n; i++) {
    const mode = data.label ? argmax(data.label, i * classes, classes) : 0;
    counts[mode]++;
    const px = Math.round(toPixel(data.x[i * 2]));
    const py = Math.round(size - 1 - toPixel(data.x[i * 2 + 1]));
    const colour = PALETTE[mode % PALETTE.length];
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) set(px + dx, py + dy, colour, dx === 0 || dy === 0 ? 0.7 : 0.35);
  }
  const legend = [header, `scatter of ${n} points over [−${extent}, ${extent}]², grid lines at integers, colour = mode`];
  if (mixture) legend.push(`mode centres marked with black crosses; σ = ${mixture.sigma}`);
  for (let k = 0; k < classes; k++) {
    const centre = mixture ? ` centre (${mixture.centres[k][0].toFixed(3)}, ${mixture.centres[k][1].toFixed(3)})` : '';
    legend.push(`mode ${k}: ${counts[k]} points, colour rgb(${PALETTE[k % PALETTE.length].join(',')})${centre}`);
  }
  return { image: { width: size, height: size, rgba }, legend };
}
