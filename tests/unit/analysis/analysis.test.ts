import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/util/rng';
import {
  accuracy,
  argmaxRows,
  attributeDirection,
  bestMappingAccuracy,
  minCostAssignment,
  meanPsnr,
  nearestCentroidAccuracy,
  nearestNeighbourAccuracy,
  pca2,
  psnr,
  sharpness,
  ssim,
} from '../../../src/analysis';

describe('best one-to-one mapping', () => {
  it('finds the optimal assignment (checked against brute force on random matrices)', () => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 30; trial++) {
      const n = 2 + rng.int(4);
      const cost = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.int(20)));
      const assign = minCostAssignment(cost);
      const total = assign.reduce((s, c, r) => s + cost[r][c], 0);
      expect(new Set(assign).size).toBe(n);
      expect(total).toBe(bruteForce(cost));
    }
  });

  it('scores a relabelled perfect clustering as 100%', () => {
    const truth = [0, 0, 1, 1, 2, 2, 2];
    const predicted = [2, 2, 0, 0, 1, 1, 1];
    const r = bestMappingAccuracy(predicted, truth, 3);
    expect(r.accuracy).toBe(1);
    expect(r.mapping).toEqual([1, 2, 0]);
    expect(r.confusion).toEqual([[2, 0, 0], [0, 2, 0], [0, 0, 3]]);
  });

  it('cannot map two classes onto one category', () => {
    // Category 0 covers classes 0 and 1: at most one of them can count.
    const r = bestMappingAccuracy([0, 0, 0, 0, 1, 1], [0, 0, 1, 1, 2, 2], 3);
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(r.categoriesUsed).toBe(2);
  });

  it('plain accuracy and argmax', () => {
    expect(argmaxRows([0.1, 0.9, 0.5, 0.2, -1, 3], 2)).toEqual(Int32Array.from([1, 0, 1]));
    expect(accuracy([1, 0, 1], [1, 1, 1], 2)).toEqual({ accuracy: 2 / 3, confusion: [[0, 0], [1, 2]] });
  });
});

function bruteForce(cost: number[][]): number {
  const n = cost.length;
  let best = Infinity;
  const perm = (used: boolean[], row: number, sum: number) => {
    if (row === n) return void (best = Math.min(best, sum));
    for (let c = 0; c < n; c++) if (!used[c]) {
      used[c] = true;
      perm(used, row + 1, sum + cost[row][c]);
      used[c] = false;
    }
  };
  perm(new Array(n).fill(false), 0, 0);
  return best;
}

describe('image metrics', () => {
  const rng = new Rng(5);
  const img = Float32Array.from({ length: 16 * 16 * 3 }, () => rng.next());

  it('PSNR: infinite for equal images, 20 dB for an error of a tenth of the peak', () => {
    expect(psnr(img, img)).toBe(Infinity);
    const shifted = img.map((v) => v + 0.1);
    expect(psnr(img, shifted, 1)).toBeCloseTo(20, 5);
    expect(psnr(img, shifted.map((v) => v + 0.1), 2)).toBeCloseTo(20 * Math.log10(2 / 0.2), 5);
  });

  it('PSNR inside a mask ignores the pixels outside it', () => {
    const other = img.slice();
    const mask = new Float32Array(16 * 16);
    for (let i = 0; i < 128; i++) mask[i] = 1;
    for (let i = 128 * 3; i < other.length; i++) other[i] += 0.5; // damage only outside the mask
    expect(meanPsnr(img, other, 1, 1, mask)).toBe(100);
  });

  it('SSIM is 1 for equal images and drops with noise and with blur', () => {
    const noisy = img.map((v) => v + 0.6 * (rng.next() - 0.5));
    const blurred = boxBlur(img, 16, 16, 3);
    expect(ssim(img, img, 16, 16, 3)).toBeCloseTo(1, 6);
    const s1 = ssim(img, noisy, 16, 16, 3);
    expect(s1).toBeLessThan(0.9);
    expect(s1).toBeGreaterThan(0.2);
    expect(ssim(img, blurred, 16, 16, 3)).toBeLessThan(0.7);
  });

  it('sharpness: a blurred picture is less sharp, a flat one has none', () => {
    expect(sharpness(new Float32Array(16 * 16 * 3).fill(0.3), 1, 16, 16, 3)).toBe(0);
    expect(sharpness(boxBlur(img, 16, 16, 3), 1, 16, 16, 3)).toBeLessThan(0.5 * sharpness(img, 1, 16, 16, 3));
  });
});

function boxBlur(src: Float32Array, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(src.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let k = 0; k < c; k++) {
        let s = 0;
        let n = 0;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy < 0 || xx < 0 || yy >= h || xx >= w) continue;
            s += src[(yy * w + xx) * c + k];
            n++;
          }
        out[(y * w + x) * c + k] = s / n;
      }
  return out;
}

describe('embeddings', () => {
  it('PCA finds the direction of largest spread', () => {
    const rng = new Rng(9);
    const n = 400;
    const data = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = rng.normal() * 5;
      data[i * 3] = t + 10;
      data[i * 3 + 1] = t;
      data[i * 3 + 2] = rng.normal() * 0.1;
    }
    const { axes, explained, points } = pca2(data, n, 3);
    expect(Math.abs(axes[0][0])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(axes[0][1])).toBeCloseTo(Math.SQRT1_2, 2);
    expect(explained[0]).toBeGreaterThan(0.99);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += points[i * 2] / n;
    expect(Math.abs(mean)).toBeLessThan(1e-3);
  });

  it('nearest neighbour and nearest centroid separate clusters, and fail on noise', () => {
    const rng = new Rng(11);
    const make = (n: number, sep: number) => {
      const x = new Float32Array(n * 2);
      const y = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = i % 3;
        x[i * 2] = sep * y[i] + rng.normal() * 0.3;
        x[i * 2 + 1] = rng.normal() * 0.3;
      }
      return { x, y };
    };
    const train = make(300, 3);
    const test = make(150, 3);
    expect(nearestNeighbourAccuracy(train.x, train.y, test.x, test.y, 2)).toBeGreaterThan(0.95);
    expect(nearestCentroidAccuracy(train.x, train.y, test.x, test.y, 2, 3)).toBeGreaterThan(0.95);
    const noiseTrain = make(300, 0);
    const noiseTest = make(150, 0);
    expect(nearestCentroidAccuracy(noiseTrain.x, noiseTrain.y, noiseTest.x, noiseTest.y, 2, 3)).toBeLessThan(0.55);
  });

  it('attribute direction is the difference of the two means', () => {
    const codes = Float32Array.from([1, 0, 3, 0, 0, 2, 0, 4]);
    expect(Array.from(attributeDirection(codes, [1, 1, 0, 0], 2))).toEqual([2, -3]);
    expect(() => attributeDirection(codes, [1, 1, 1, 1], 2)).toThrow(/with and without/);
  });
});
