/**
 * Mode coverage of generated 2-D points against a Gaussian mixture (the measure of the unrolled-GAN
 * and VEEGAN papers): a point is "high quality" when it lies within k·σ of a mode's centre, and a
 * mode's share is the fraction of all points that are high quality and nearest to it.
 */
export interface MixtureModes {
  /** Mode centres, [x, y] each. */
  centres: readonly (readonly [number, number])[];
  /** Standard deviation of every mode, per axis. */
  sigma: number;
}

export interface ModeCoverage {
  /** Points examined. */
  points: number;
  /** Share of points within k·σ of their nearest centre. */
  withinShare: number;
  /** Per mode: share of all points that are within k·σ of it (and nearest to it). */
  modeShares: number[];
  /** The smallest of modeShares. */
  minModeShare: number;
  /** Modes with at least `coveredShare` of the points. */
  modesCovered: number;
}

export interface ModeCoverageOptions {
  /** Radius in σ (default 3). */
  k?: number;
  /** Share of all points a mode needs to count as covered (default 0.01). */
  coveredShare?: number;
}

/** `points` as interleaved [x0, y0, x1, y1, …] or as pairs. */
export function modeCoverage(points: ArrayLike<number> | readonly (readonly [number, number])[], mixture: MixtureModes, opts: ModeCoverageOptions = {}): ModeCoverage {
  const k = opts.k ?? 3;
  const coveredShare = opts.coveredShare ?? 0.01;
  const flat = toFlat(points);
  const n = flat.length / 2;
  const radius = k * mixture.sigma;
  const counts = new Array<number>(mixture.centres.length).fill(0);
  let within = 0;
  for (let i = 0; i < n; i++) {
    const x = flat[2 * i];
    const y = flat[2 * i + 1];
    let best = Infinity;
    let mode = -1;
    mixture.centres.forEach(([cx, cy], m) => {
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < best) {
        best = d;
        mode = m;
      }
    });
    if (mode >= 0 && Math.sqrt(best) <= radius) {
      within++;
      counts[mode]++;
    }
  }
  const modeShares = counts.map((c) => (n > 0 ? c / n : 0));
  return {
    points: n,
    withinShare: n > 0 ? within / n : 0,
    modeShares,
    minModeShare: modeShares.length ? Math.min(...modeShares) : 0,
    modesCovered: modeShares.filter((s) => s >= coveredShare && s > 0).length,
  };
}

function toFlat(points: ArrayLike<number> | readonly (readonly [number, number])[]): ArrayLike<number> {
  if (points.length === 0) return [];
  const first = (points as ArrayLike<unknown>)[0];
  if (Array.isArray(first)) {
    const pairs = points as readonly (readonly [number, number])[];
    const out = new Float64Array(pairs.length * 2);
    pairs.forEach(([x, y], i) => {
      out[2 * i] = x;
      out[2 * i + 1] = y;
    });
    return out;
  }
  return points as ArrayLike<number>;
}
