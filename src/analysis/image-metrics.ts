/**
 * Picture quality figures for the lesson views and `ganvas eval`: PSNR, SSIM and a sharpness
 * figure (mean gradient magnitude). Images are row-major [n, h, w, c] Float32Arrays with values in
 * a known range (`peak` = max − min, e.g. 1 for [0,1] and 2 for [−1,1]).
 */

export function mse(a: ArrayLike<number>, b: ArrayLike<number>, mask?: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    const w = mask ? mask[i] : 1;
    if (!w) continue;
    const d = a[i] - b[i];
    sum += w * d * d;
    count += w;
  }
  return count ? sum / count : 0;
}

/** Peak signal-to-noise ratio in dB (∞ for identical images). */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>, peak = 1, mask?: ArrayLike<number>): number {
  const e = mse(a, b, mask);
  return e === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((peak * peak) / e);
}

/** Mean PSNR over a batch, image by image. */
export function meanPsnr(a: Float32Array, b: Float32Array, n: number, peak = 1, mask?: Float32Array): number {
  const size = a.length / n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = i * size;
    const m = mask ? expandMask(mask.subarray((i * mask.length) / n, ((i + 1) * mask.length) / n), size) : undefined;
    total += Math.min(100, psnr(a.subarray(s, s + size), b.subarray(s, s + size), peak, m));
  }
  return total / n;
}

/** A [h, w, 1] mask repeated over c channels to match an [h, w, c] image. */
function expandMask(mask: Float32Array, size: number): Float32Array {
  if (mask.length === size) return mask;
  const c = size / mask.length;
  const out = new Float32Array(size);
  for (let i = 0; i < mask.length; i++) for (let k = 0; k < c; k++) out[i * c + k] = mask[i];
  return out;
}

function gaussianWindow(size = 11, sigma = 1.5): Float32Array {
  const w = new Float32Array(size);
  const mid = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) sum += w[i] = Math.exp(-((i - mid) ** 2) / (2 * sigma * sigma));
  for (let i = 0; i < size; i++) w[i] /= sum;
  return w;
}

/** Separable blur of one channel plane (valid region only), used for SSIM's local statistics. */
function blur(plane: Float32Array, h: number, w: number, win: Float32Array): { data: Float32Array; h: number; w: number } {
  const k = win.length;
  const oh = h - k + 1;
  const ow = w - k + 1;
  const tmp = new Float32Array(h * ow);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += plane[y * w + x + i] * win[i];
      tmp[y * ow + x] = s;
    }
  const out = new Float32Array(oh * ow);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += tmp[(y + i) * ow + x] * win[i];
      out[y * ow + x] = s;
    }
  return { data: out, h: oh, w: ow };
}

/**
 * Structural similarity (Wang et al. 2004: 11×11 Gaussian window, σ 1.5, K1 0.01, K2 0.03),
 * averaged over channels. Images smaller than the window use a window of their size.
 */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, h: number, w: number, c: number, peak = 1): number {
  const side = Math.min(11, h, w);
  const win = gaussianWindow(side % 2 === 1 ? side : side - 1, 1.5);
  const c1 = (0.01 * peak) ** 2;
  const c2 = (0.03 * peak) ** 2;
  let total = 0;
  for (let ch = 0; ch < c; ch++) {
    const x = new Float32Array(h * w);
    const y = new Float32Array(h * w);
    for (let i = 0; i < h * w; i++) {
      x[i] = a[i * c + ch];
      y[i] = b[i * c + ch];
    }
    const prod = (p: Float32Array, q: Float32Array) => p.map((v, i) => v * q[i]);
    const mx = blur(x, h, w, win).data;
    const my = blur(y, h, w, win).data;
    const sxx = blur(prod(x, x), h, w, win).data;
    const syy = blur(prod(y, y), h, w, win).data;
    const sxy = blur(prod(x, y), h, w, win).data;
    let sum = 0;
    for (let i = 0; i < mx.length; i++) {
      const vx = sxx[i] - mx[i] * mx[i];
      const vy = syy[i] - my[i] * my[i];
      const cov = sxy[i] - mx[i] * my[i];
      sum += ((2 * mx[i] * my[i] + c1) * (2 * cov + c2)) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
    }
    total += sum / mx.length;
  }
  return total / c;
}

export function meanSsim(a: Float32Array, b: Float32Array, n: number, h: number, w: number, c: number, peak = 1): number {
  const size = h * w * c;
  let total = 0;
  for (let i = 0; i < n; i++) total += ssim(a.subarray(i * size, (i + 1) * size), b.subarray(i * size, (i + 1) * size), h, w, c, peak);
  return total / n;
}

/** Mean magnitude of horizontal and vertical finite differences: blurry pictures score low. */
export function sharpness(images: Float32Array, n: number, h: number, w: number, c: number): number {
  let sum = 0;
  let count = 0;
  const size = h * w * c;
  for (let i = 0; i < n; i++) {
    const base = i * size;
    for (let y = 0; y < h - 1; y++)
      for (let x = 0; x < w - 1; x++)
        for (let k = 0; k < c; k++) {
          const p = images[base + (y * w + x) * c + k];
          const dx = images[base + (y * w + x + 1) * c + k] - p;
          const dy = images[base + ((y + 1) * w + x) * c + k] - p;
          sum += Math.sqrt(dx * dx + dy * dy);
          count++;
        }
  }
  return count ? sum / count : 0;
}
