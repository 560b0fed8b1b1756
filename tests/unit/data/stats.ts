/** Small statistics shared by the data tests. */

export function argmax(values: Float32Array, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}

export function classesOf(oneHot: Float32Array, k: number): Int32Array {
  return Int32Array.from({ length: oneHot.length / k }, (_, i) => argmax(oneHot, i * k, k));
}

/**
 * Accuracy of a nearest-centroid classifier fitted on (trainX, trainY) and evaluated on (testX, testY);
 * rows of length d.
 */
export function nearestCentroidAccuracy(
  trainX: Float32Array,
  trainY: Int32Array,
  testX: Float32Array,
  testY: Int32Array,
  k: number,
  d: number,
): number {
  const centroids = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < trainY.length; i++) {
    counts[trainY[i]]++;
    for (let j = 0; j < d; j++) centroids[trainY[i] * d + j] += trainX[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= Math.max(1, counts[c]);
  let correct = 0;
  for (let i = 0; i < testY.length; i++) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < k; c++) {
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const e = testX[i * d + j] - centroids[c * d + j];
        dist += e * e;
      }
      if (dist < bestDistance) {
        bestDistance = dist;
        best = c;
      }
    }
    if (best === testY[i]) correct++;
  }
  return correct / testY.length;
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Per-channel means of [n, h, w, c] images. */
export function channelMeans(images: Float32Array, c: number): number[] {
  const sums = new Array(c).fill(0);
  for (let i = 0; i < images.length; i++) sums[i % c] += images[i];
  return sums.map((s) => s / (images.length / c));
}
