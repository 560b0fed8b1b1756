/**
 * Unsupervised accuracy: the best one-to-one mapping of predicted categories to true classes
 * (Hungarian algorithm on the confusion matrix), as InfoGAN's c1 is judged.
 */

/** counts[p][t]: how often category p was predicted for an example of class t. */
export function confusionMatrix(predicted: ArrayLike<number>, truth: ArrayLike<number>, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < predicted.length; i++) m[predicted[i]][truth[i]]++;
  return m;
}

/**
 * Minimum-cost perfect assignment for a square cost matrix (Kuhn–Munkres with potentials,
 * O(n³)). Returns `assign[row] = column`.
 */
export function minCostAssignment(cost: number[][]): number[] {
  const n = cost.length;
  const INF = Number.POSITIVE_INFINITY;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0); // p[col] = row matched to col (1-based)
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(INF);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const assign = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j] > 0) assign[p[j] - 1] = j - 1;
  return assign;
}

export interface MappedAccuracy {
  accuracy: number;
  /** mapping[category] = the class it stands for. */
  mapping: number[];
  /** Confusion after mapping: rows true class, columns mapped prediction. */
  confusion: number[][];
  /** How many categories were predicted at least once. */
  categoriesUsed: number;
}

export function bestMappingAccuracy(predicted: ArrayLike<number>, truth: ArrayLike<number>, k: number): MappedAccuracy {
  const counts = confusionMatrix(predicted, truth, k);
  const mapping = minCostAssignment(counts.map((row) => row.map((c) => -c)));
  let correct = 0;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < predicted.length; i++) {
    const mapped = mapping[predicted[i]];
    confusion[truth[i]][mapped]++;
    if (mapped === truth[i]) correct++;
  }
  const categoriesUsed = counts.filter((row) => row.some((c) => c > 0)).length;
  return { accuracy: predicted.length ? correct / predicted.length : 0, mapping, confusion, categoriesUsed };
}

/** Plain accuracy and confusion (rows true class, columns prediction) for a supervised classifier. */
export function accuracy(predicted: ArrayLike<number>, truth: ArrayLike<number>, k: number): { accuracy: number; confusion: number[][] } {
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) {
    confusion[truth[i]][predicted[i]]++;
    if (predicted[i] === truth[i]) correct++;
  }
  return { accuracy: predicted.length ? correct / predicted.length : 0, confusion };
}

/** Row-wise argmax of an [n, k] row-major array. */
export function argmaxRows(values: ArrayLike<number>, k: number): Int32Array {
  const n = Math.floor(values.length / k);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (values[i * k + j] > values[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Share of positions where two label lists agree (e.g. a judge's classes for x and for G(E(x))). */
export function classAgreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cannot compare ${a.length} labels with ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length ? same / a.length : 0;
}
