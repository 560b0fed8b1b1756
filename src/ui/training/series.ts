/**
 * Loss readings for the charts, column by column in growing typed arrays: one x column (the step
 * each reading ends at) and one column per key (loss ids and phase ids). Kept out of the store so
 * that thousands of points cost no React work; views redraw when `version` changes.
 */
export class MetricSeries {
  private steps = new Float64Array(256);
  private columns = new Map<string, Float64Array>();
  private n = 0;
  version = 0;

  get length(): number {
    return this.n;
  }

  get keys(): string[] {
    return [...this.columns.keys()];
  }

  clear(): void {
    this.steps = new Float64Array(256);
    this.columns.clear();
    this.n = 0;
    this.version++;
  }

  /** Drops readings after `step` (resuming from an earlier checkpoint). */
  truncateAfter(step: number): void {
    let n = this.n;
    while (n > 0 && this.steps[n - 1] > step) n--;
    if (n !== this.n) {
      this.n = n;
      this.version++;
    }
  }

  push(step: number, values: Record<string, number>): void {
    if (this.n > 0 && step <= this.steps[this.n - 1]) this.truncateAfter(step - 1);
    if (this.n === this.steps.length) this.grow();
    this.steps[this.n] = step;
    for (const [key, value] of Object.entries(values)) {
      let col = this.columns.get(key);
      if (!col) {
        col = new Float64Array(this.steps.length).fill(NaN);
        this.columns.set(key, col);
      }
      col[this.n] = value;
    }
    for (const [key, col] of this.columns) if (!(key in values)) col[this.n] = NaN;
    this.n++;
    this.version++;
  }

  private grow(): void {
    const size = this.steps.length * 2;
    const steps = new Float64Array(size);
    steps.set(this.steps);
    this.steps = steps;
    for (const [key, col] of this.columns) {
      const next = new Float64Array(size).fill(NaN);
      next.set(col);
      this.columns.set(key, next);
    }
  }

  xs(): Float64Array {
    return this.steps.subarray(0, this.n);
  }

  column(key: string): Float64Array | undefined {
    return this.columns.get(key)?.subarray(0, this.n);
  }

  /** Plain arrays (for tests). */
  snapshot(): { steps: number[]; values: Record<string, number[]> } {
    const values: Record<string, number[]> = {};
    for (const key of this.columns.keys()) values[key] = Array.from(this.column(key)!);
    return { steps: Array.from(this.xs()), values };
  }
}

/**
 * Exponential moving average with bias correction (like TensorBoard's smoothing): weight 0 is the
 * raw series, 0.99 very smooth. NaN readings stay NaN and do not disturb the average.
 */
export function smooth(values: ArrayLike<number>, weight: number, out: (number | null)[] = []): (number | null)[] {
  out.length = values.length;
  if (weight <= 0) {
    for (let i = 0; i < values.length; i++) out[i] = Number.isFinite(values[i]) ? values[i] : null;
    return out;
  }
  let last = 0;
  let debias = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = null;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    out[i] = last / debias;
  }
  return out;
}
