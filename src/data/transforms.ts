/**
 * Per-batch image transforms for the super-resolution and inpainting templates: LR/HR pairs by
 * downsampling, bicubic upsampling (the SR baseline) and hole masks. Images are row-major
 * Float32Array [n, h, w, c] with values in [0, 1].
 */
import type { Rng } from '../util/rng';

export type DownsampleMethod = 'area' | 'bicubic';
export type MaskKind = 'centre' | 'boxes' | 'strokes';

/** Keys' cubic convolution kernel with a = −0.5 (the "bicubic" of MATLAB and PIL). */
function cubic(x: number): number {
  const a = -0.5;
  x = Math.abs(x);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

function box(x: number): number {
  return x >= -0.5 && x < 0.5 ? 1 : 0;
}

function triangle(x: number): number {
  x = Math.abs(x);
  return x < 1 ? 1 - x : 0;
}

export type ResampleKernel = 'box' | 'linear' | 'cubic';
const KERNELS: Record<ResampleKernel, [(x: number) => number, number]> = {
  box: [box, 0.5],
  linear: [triangle, 1],
  cubic: [cubic, 2],
};

/** Filter taps of one axis: output sample i reads `count[i]` inputs `index[start[i] + k]` with `weight`. */
export interface AxisTaps {
  start: Int32Array;
  count: Int32Array;
  index: Int32Array;
  weight: Float32Array;
}

/**
 * Taps for resampling one axis: output sample i is centred at input coordinate `from + (i + 0.5)·step`
 * (pixel centres aligned; `from` and `step` in input pixels). When shrinking (step > 1) the kernel is
 * widened by the step, which anti-aliases as MATLAB's imresize and PIL do. Samples outside the input
 * repeat its edge pixel.
 */
export function axisTaps(inSize: number, outSize: number, from: number, step: number, kernelName: ResampleKernel): AxisTaps {
  const [kernel, support] = KERNELS[kernelName];
  const filterScale = Math.max(1, step);
  const reach = support * filterScale;
  const stride = Math.ceil(2 * reach) + 2;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const index = new Int32Array(outSize * stride);
  const weight = new Float32Array(outSize * stride);
  for (let i = 0; i < outSize; i++) {
    const centre = from + (i + 0.5) * step;
    const lo = Math.floor(centre - reach);
    const hi = Math.ceil(centre + reach);
    let total = 0;
    let k = 0;
    for (let j = lo; j < hi && k < stride; j++) {
      const wgt = kernel((j + 0.5 - centre) / filterScale);
      if (wgt === 0) continue;
      index[i * stride + k] = Math.min(inSize - 1, Math.max(0, j));
      weight[i * stride + k] = wgt;
      total += wgt;
      k++;
    }
    for (let t = 0; t < k; t++) weight[i * stride + t] /= total;
    start[i] = i * stride;
    count[i] = k;
  }
  return { start, count, index, weight };
}

/** Separable resampling of a batch to outH × outW, clipped to [0, 1]. */
export function resize(
  images: Float32Array,
  n: number,
  h: number,
  w: number,
  c: number,
  outH: number,
  outW: number,
  method: DownsampleMethod = 'bicubic',
): Float32Array {
  if (images.length !== n * h * w * c) throw new Error(`resize: expected ${n * h * w * c} values, got ${images.length}`);
  const kernel = method === 'area' ? 'box' : 'cubic';
  const tx = axisTaps(w, outW, 0, w / outW, kernel);
  const ty = axisTaps(h, outH, 0, h / outH, kernel);
  const tmp = new Float32Array(h * outW * c);
  const out = new Float32Array(n * outH * outW * c);
  for (let b = 0; b < n; b++) {
    const src = b * h * w * c;
    // Rows first: [h, w, c] → [h, outW, c].
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < outW; x++) {
        const s = tx.start[x];
        const o = (y * outW + x) * c;
        for (let ch = 0; ch < c; ch++) {
          let acc = 0;
          for (let k = 0; k < tx.count[x]; k++) acc += tx.weight[s + k] * images[src + (y * w + tx.index[s + k]) * c + ch];
          tmp[o + ch] = acc;
        }
      }
    }
    // Then columns: [h, outW, c] → [outH, outW, c].
    const dst = b * outH * outW * c;
    for (let y = 0; y < outH; y++) {
      const s = ty.start[y];
      for (let x = 0; x < outW; x++) {
        const o = dst + (y * outW + x) * c;
        for (let ch = 0; ch < c; ch++) {
          let acc = 0;
          for (let k = 0; k < ty.count[y]; k++) acc += ty.weight[s + k] * tmp[(ty.index[s + k] * outW + x) * c + ch];
          out[o + ch] = acc < 0 ? 0 : acc > 1 ? 1 : acc;
        }
      }
    }
  }
  return out;
}

/**
 * Low-resolution versions of HR images: [n, ⌊h/factor⌋, ⌊w/factor⌋, c]. 'area' averages each
 * factor×factor block; 'bicubic' is antialiased bicubic (MATLAB imresize, as SRGAN's data).
 */
export function degrade(images: Float32Array, n: number, h: number, w: number, c: number, factor: number, method: DownsampleMethod = 'bicubic'): Float32Array {
  const outH = Math.floor(h / factor);
  const outW = Math.floor(w / factor);
  if (!(factor >= 1) || outH < 1 || outW < 1) throw new Error(`degrade: cannot shrink ${h}×${w} by ${factor}`);
  return resize(images, n, h, w, c, outH, outW, method);
}

/** Bicubic upsampling by an integer factor: [n, h·factor, w·factor, c] (the SR baseline). */
export function upsampleBicubic(images: Float32Array, n: number, h: number, w: number, c: number, factor: number): Float32Array {
  return resize(images, n, h, w, c, Math.round(h * factor), Math.round(w * factor), 'bicubic');
}

export interface MaskParams {
  /** 'centre': side of the square hole in pixels (default half the image height). */
  size?: number;
  /** 'boxes' / 'strokes': most boxes or strokes per mask (default 3 boxes, 4 strokes). */
  count?: number;
  /** 'strokes': brush width in pixels (default 6–12% of the image side, drawn per stroke). */
  width?: number;
  /** 'boxes' / 'strokes': accepted fraction of hole pixels per mask (default 0.05–0.6). */
  minCoverage?: number;
  maxCoverage?: number;
}

/**
 * Hole masks, Float32Array [n, h, w, 1] of 0/1 where 1 marks the hole. 'centre' is the centred
 * square; 'boxes' are 1–count random rectangles; 'strokes' are free-hand brush strokes (random walks
 * of round-capped segments). Random masks are redrawn until their hole covers between minCoverage
 * and maxCoverage of the image.
 */
export function makeMasks(n: number, h: number, w: number, kind: MaskKind, rng: Rng, params: MaskParams = {}): Float32Array {
  const out = new Float32Array(n * h * w);
  const minCoverage = params.minCoverage ?? 0.05;
  const maxCoverage = params.maxCoverage ?? 0.6;
  for (let i = 0; i < n; i++) {
    const mask = out.subarray(i * h * w, (i + 1) * h * w);
    if (kind === 'centre') {
      centreSquare(mask, h, w, params.size ?? Math.round(h / 2));
      continue;
    }
    let tries = 0;
    for (;;) {
      mask.fill(0);
      if (kind === 'boxes') randomBoxes(mask, h, w, rng, params.count ?? 3);
      else randomStrokes(mask, h, w, rng, params.count ?? 4, params.width);
      let holes = 0;
      for (let k = 0; k < mask.length; k++) holes += mask[k];
      const coverage = holes / mask.length;
      if (coverage >= minCoverage && coverage <= maxCoverage) break;
      if (++tries >= 100) {
        // A shape that never fits the bounds (odd parameters): fall back to a centred square of the
        // mid coverage rather than loop forever.
        mask.fill(0);
        centreSquare(mask, h, w, Math.round(Math.sqrt(((minCoverage + maxCoverage) / 2) * h * w)));
        break;
      }
    }
  }
  return out;
}

function centreSquare(mask: Float32Array, h: number, w: number, size: number): void {
  const sh = Math.min(h, size);
  const sw = Math.min(w, size);
  const top = Math.floor((h - sh) / 2);
  const left = Math.floor((w - sw) / 2);
  for (let y = top; y < top + sh; y++) mask.fill(1, y * w + left, y * w + left + sw);
}

function randomBoxes(mask: Float32Array, h: number, w: number, rng: Rng, most: number): void {
  const count = 1 + rng.int(Math.max(1, most));
  for (let b = 0; b < count; b++) {
    const bh = Math.max(1, Math.round(h * rng.uniform(0.15, 0.45)));
    const bw = Math.max(1, Math.round(w * rng.uniform(0.15, 0.45)));
    const top = rng.int(h - bh + 1);
    const left = rng.int(w - bw + 1);
    for (let y = top; y < top + bh; y++) mask.fill(1, y * w + left, y * w + left + bw);
  }
}

function randomStrokes(mask: Float32Array, h: number, w: number, rng: Rng, most: number, width?: number): void {
  const side = Math.min(h, w);
  const count = 1 + rng.int(Math.max(1, most));
  for (let s = 0; s < count; s++) {
    const radius = (width ?? side * rng.uniform(0.06, 0.12)) / 2;
    let x = rng.uniform(0, w);
    let y = rng.uniform(0, h);
    let angle = rng.uniform(0, 2 * Math.PI);
    const vertices = 3 + rng.int(5);
    for (let v = 0; v < vertices; v++) {
      angle += rng.uniform(-1.2, 1.2);
      const step = side * rng.uniform(0.12, 0.3);
      const nx = Math.min(w, Math.max(0, x + Math.cos(angle) * step));
      const ny = Math.min(h, Math.max(0, y + Math.sin(angle) * step));
      capsule(mask, h, w, x, y, nx, ny, radius);
      x = nx;
      y = ny;
    }
  }
}

/** Sets the pixels whose centres lie within `r` of the segment (ax, ay)–(bx, by). */
function capsule(mask: Float32Array, h: number, w: number, ax: number, ay: number, bx: number, by: number, r: number): void {
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r));
  const x1 = Math.min(w - 1, Math.ceil(Math.max(ax, bx) + r));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r));
  const y1 = Math.min(h - 1, Math.ceil(Math.max(ay, by) + r));
  const ex = bx - ax;
  const ey = by - ay;
  const len2 = ex * ex + ey * ey || 1e-9;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5 - ax;
      const py = y + 0.5 - ay;
      let t = (px * ex + py * ey) / len2;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const dx = px - t * ex;
      const dy = py - t * ey;
      if (dx * dx + dy * dy <= r * r) mask[y * w + x] = 1;
    }
  }
}
