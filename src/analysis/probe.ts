/**
 * Probes and baselines for the feature lessons: nearest-centroid and logistic-regression classifiers
 * read from embeddings or pixels, mean-fill for holes, and range helpers. Pure TypeScript.
 */

/** Class means of the training vectors ([k, d]; classes without examples stay NaN). */
export function classCentroids(trainX: ArrayLike<number>, trainY: ArrayLike<number>, d: number, k: number): Float64Array {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < trainY.length; i++) {
    counts[trainY[i]]++;
    for (let j = 0; j < d; j++) sums[trainY[i] * d + j] += trainX[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] = counts[c] ? sums[c * d + j] / counts[c] : Number.NaN;
  return sums;
}

/** The class whose centroid is nearest to each row of `x` ([n, d]). */
export function nearestCentroidPredict(centroids: Float64Array, x: ArrayLike<number>, d: number): Int32Array {
  const k = centroids.length / d;
  const n = x.length / d;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (Number.isNaN(centroids[c * d])) continue;
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = x[i * d + j] - centroids[c * d + j];
        s += t * t;
      }
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Share of positions where the two label arrays agree. */
export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cannot compare ${a.length} labels with ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length ? same / a.length : 0;
}

export interface LogisticModel {
  /** [d] weights and a bias, on standardised inputs. */
  weights: Float64Array;
  bias: number;
  mean: Float64Array;
  scale: Float64Array;
}

/**
 * Binary logistic regression by full-batch gradient descent on standardised features (small and
 * deterministic: the attribute classifier that judges photo edits).
 */
export function fitLogistic(x: ArrayLike<number>, y: ArrayLike<number>, d: number, opts: { epochs?: number; lr?: number; l2?: number } = {}): LogisticModel {
  const n = y.length;
  const epochs = opts.epochs ?? 100;
  const lr = opts.lr ?? 0.5;
  const l2 = opts.l2 ?? 1e-3;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) scale[j] += (x[i * d + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = 1 / Math.sqrt(scale[j] + 1e-6);
  const weights = new Float64Array(d);
  let bias = 0;
  const grad = new Float64Array(d);
  for (let e = 0; e < epochs; e++) {
    grad.fill(0);
    let gBias = 0;
    for (let i = 0; i < n; i++) {
      let s = bias;
      for (let j = 0; j < d; j++) s += weights[j] * (x[i * d + j] - mean[j]) * scale[j];
      const err = 1 / (1 + Math.exp(-s)) - (y[i] > 0.5 ? 1 : 0);
      gBias += err;
      for (let j = 0; j < d; j++) grad[j] += err * (x[i * d + j] - mean[j]) * scale[j];
    }
    for (let j = 0; j < d; j++) weights[j] -= lr * (grad[j] / n + l2 * weights[j]);
    bias -= (lr * gBias) / n;
  }
  return { weights, bias, mean, scale };
}

/** 1 where the model says the attribute is present, else 0. */
export function predictLogistic(model: LogisticModel, x: ArrayLike<number>): Int32Array {
  const d = model.weights.length;
  const n = x.length / d;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = model.bias;
    for (let j = 0; j < d; j++) s += model.weights[j] * (x[i * d + j] - model.mean[j]) * model.scale[j];
    out[i] = s > 0 ? 1 : 0;
  }
  return out;
}

/**
 * The baseline inpainting must beat: every hole pixel (mask 1) set to the mean of that image's
 * visible pixels, channel by channel. Images [n, h, w, c], masks [n, h, w, 1].
 */
export function meanFill(images: ArrayLike<number>, masks: ArrayLike<number>, n: number, h: number, w: number, c: number): Float32Array {
  const out = Float32Array.from(images);
  const pixels = h * w;
  for (let i = 0; i < n; i++) {
    const sums = new Float64Array(c);
    let visible = 0;
    for (let p = 0; p < pixels; p++) {
      if (masks[i * pixels + p] > 0.5) continue;
      visible++;
      for (let k = 0; k < c; k++) sums[k] += images[(i * pixels + p) * c + k];
    }
    for (let p = 0; p < pixels; p++) {
      if (masks[i * pixels + p] <= 0.5) continue;
      for (let k = 0; k < c; k++) out[(i * pixels + p) * c + k] = visible ? sums[k] / visible : 0.5;
    }
  }
  return out;
}

/** Values in [−1, 1] mapped to [0, 1] and clipped (network outputs → display and metric range). */
export function toUnitRange(values: ArrayLike<number>): Float32Array {
  return Float32Array.from(values, (v) => Math.min(1, Math.max(0, (v + 1) / 2)));
}
