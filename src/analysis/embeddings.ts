/**
 * Tools on feature vectors ([n, d] row-major): 2-D PCA for the domain scatter, nearest-neighbour
 * and nearest-centroid accuracy for probes, attribute directions for photo editing.
 */

/** Projects onto the top two principal components (power iteration with deflation). */
export function pca2(data: ArrayLike<number>, n: number, d: number, iterations = 100): { points: Float32Array; mean: Float64Array; axes: Float64Array[]; explained: number[] } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = data[i * d + j] - mean[j];
  const axes: Float64Array[] = [];
  const explained: number[] = [];
  let total = 0;
  for (let i = 0; i < n * d; i++) total += centred[i] * centred[i];
  for (let a = 0; a < 2; a++) {
    let v = new Float64Array(d).map((_, j) => Math.sin(j * 12.9898 + a * 78.233) + 1e-3);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      // v ← Cᵀ C v without forming the covariance (d may be large).
      const cv = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += centred[i * d + j] * v[j];
        cv[i] = s;
      }
      const next = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) next[j] += centred[i * d + j] * cv[i];
      for (const prev of axes) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += next[j] * prev[j];
        for (let j = 0; j < d; j++) next[j] -= dot * prev[j];
      }
      const norm = Math.hypot(...next) || 1;
      lambda = norm;
      v = next.map((x) => x / norm);
    }
    axes.push(v);
    explained.push(total ? lambda / total : 0);
  }
  const points = new Float32Array(n * 2);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < 2; a++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += centred[i * d + j] * axes[a][j];
      points[i * 2 + a] = s;
    }
  return { points, mean, axes, explained };
}

function sqDist(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ai * d + j] - b[bi * d + j];
    s += t * t;
  }
  return s;
}

/** Accuracy of labelling each test vector with the label of its nearest training vector. */
export function nearestNeighbourAccuracy(trainX: ArrayLike<number>, trainY: ArrayLike<number>, testX: ArrayLike<number>, testY: ArrayLike<number>, d: number): number {
  const nTrain = trainY.length;
  const nTest = testY.length;
  let correct = 0;
  for (let i = 0; i < nTest; i++) {
    let best = -1;
    let bestD = Number.POSITIVE_INFINITY;
    for (let j = 0; j < nTrain; j++) {
      const dist = sqDist(testX, i, trainX, j, d);
      if (dist < bestD) {
        bestD = dist;
        best = j;
      }
    }
    if (trainY[best] === testY[i]) correct++;
  }
  return nTest ? correct / nTest : 0;
}

/** Accuracy of labelling each test vector with the class whose training mean is nearest. */
export function nearestCentroidAccuracy(trainX: ArrayLike<number>, trainY: ArrayLike<number>, testX: ArrayLike<number>, testY: ArrayLike<number>, d: number, k: number): number {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < trainY.length; i++) {
    counts[trainY[i]]++;
    for (let j = 0; j < d; j++) sums[trainY[i] * d + j] += trainX[i * d + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] /= counts[c] || 1;
  let correct = 0;
  for (let i = 0; i < testY.length; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (!counts[c]) continue;
      const dist = sqDist(testX, i, sums, c, d);
      if (dist < bestD) {
        bestD = dist;
        best = c;
      }
    }
    if (best === testY[i]) correct++;
  }
  return testY.length ? correct / testY.length : 0;
}

/** Mean code of examples with an attribute minus the mean of those without (z + α·v edits). */
export function attributeDirection(codes: ArrayLike<number>, has: ArrayLike<number>, d: number): Float32Array {
  const withSum = new Float64Array(d);
  const withoutSum = new Float64Array(d);
  let nWith = 0;
  let nWithout = 0;
  for (let i = 0; i < has.length; i++) {
    const target = has[i] > 0.5 ? withSum : withoutSum;
    if (has[i] > 0.5) nWith++;
    else nWithout++;
    for (let j = 0; j < d; j++) target[j] += codes[i * d + j];
  }
  if (!nWith || !nWithout) throw new Error('an attribute direction needs examples with and without the attribute');
  return Float32Array.from({ length: d }, (_, j) => withSum[j] / nWith - withoutSum[j] / nWithout);
}
