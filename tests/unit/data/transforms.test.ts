import { describe, expect, it } from 'vitest';
import { degrade, makeMasks, upsampleBicubic } from '../../../src/data/transforms';
import { Rng } from '../../../src/util/rng';

describe('degrade / upsample', () => {
  it('area ↓4 of a constant image is the constant; so is bicubic ↓4', () => {
    const hr = new Float32Array(2 * 32 * 32 * 3).fill(0.37);
    for (const method of ['area', 'bicubic'] as const) {
      const lr = degrade(hr, 2, 32, 32, 3, 4, method);
      expect(lr.length).toBe(2 * 8 * 8 * 3);
      for (const v of lr) expect(v).toBeCloseTo(0.37, 6);
    }
  });

  it('area ↓ averages each block exactly', () => {
    const hr = Float32Array.from({ length: 8 * 8 }, (_, i) => (i % 8) / 8 + Math.floor(i / 8) / 64);
    const lr = degrade(hr, 1, 8, 8, 1, 2, 'area');
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) {
        const block = [hr[(2 * y) * 8 + 2 * x], hr[(2 * y) * 8 + 2 * x + 1], hr[(2 * y + 1) * 8 + 2 * x], hr[(2 * y + 1) * 8 + 2 * x + 1]];
        expect(lr[y * 4 + x]).toBeCloseTo(block.reduce((a, b) => a + b) / 4, 6);
      }
    }
  });

  it('bicubic ×4 of a smooth ramp is close to the ramp', () => {
    // A linear ramp sampled at pixel centres, low resolution 8×8, upsampled to 32×32.
    const lrSize = 8;
    const f = 4;
    const ramp = (u: number, v: number) => 0.1 + 0.8 * (0.6 * u + 0.4 * v);
    const lr = new Float32Array(lrSize * lrSize);
    for (let y = 0; y < lrSize; y++) for (let x = 0; x < lrSize; x++) lr[y * lrSize + x] = ramp((x + 0.5) / lrSize, (y + 0.5) / lrSize);
    const up = upsampleBicubic(lr, 1, lrSize, lrSize, 1, f);
    expect(up.length).toBe(32 * 32);
    let interior = 0;
    let overall = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const e = Math.abs(up[y * 32 + x] - ramp((x + 0.5) / 32, (y + 0.5) / 32));
        overall += e / (32 * 32);
        // Interior: where all four taps of each axis fall inside the 8×8 input (no edge repeats).
        if (x >= 8 && x < 24 && y >= 8 && y < 24) interior = Math.max(interior, e);
      }
    }
    console.log(`bicubic ramp: max interior error ${interior.toExponential(2)}, mean error ${overall.toExponential(2)}`);
    expect(interior).toBeLessThan(1e-4);
    expect(overall).toBeLessThan(0.01);
  });

  it('upsampling keeps a constant constant and LR→HR→LR (area) nearly recovers the LR', () => {
    const lr = Float32Array.from({ length: 8 * 8 * 3 }, (_, i) => 0.5 + 0.3 * Math.sin(i / 7));
    const back = degrade(upsampleBicubic(lr, 1, 8, 8, 3, 4), 1, 32, 32, 3, 4, 'area');
    let err = 0;
    for (let i = 0; i < lr.length; i++) err = Math.max(err, Math.abs(back[i] - lr[i]));
    expect(err).toBeLessThan(0.15);
  });
});

describe('makeMasks', () => {
  it('centre: exactly the centred square', () => {
    const m = makeMasks(3, 32, 32, 'centre', new Rng(1));
    expect(m.length).toBe(3 * 32 * 32);
    let wrong = 0;
    for (let i = 0; i < 3; i++) {
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          const inside = y >= 8 && y < 24 && x >= 8 && x < 24;
          if (m[i * 1024 + y * 32 + x] !== (inside ? 1 : 0)) wrong++;
        }
      }
    }
    expect(wrong).toBe(0);
    const small = makeMasks(1, 28, 28, 'centre', new Rng(1), { size: 10 });
    let holes = 0;
    for (const v of small) holes += v;
    expect(holes).toBe(100);
    expect(small[9 * 28 + 9]).toBe(1);
    expect(small[8 * 28 + 9]).toBe(0);
  });

  for (const kind of ['boxes', 'strokes'] as const) {
    it(`${kind}: 0/1 masks covering 5–60% of the pixels, different per example, deterministic`, () => {
      const n = 300;
      const m = makeMasks(n, 32, 32, kind, new Rng(5));
      const coverages: number[] = [];
      let binary = true;
      for (let i = 0; i < n; i++) {
        let holes = 0;
        for (let j = 0; j < 1024; j++) {
          const v = m[i * 1024 + j];
          binary &&= v === 0 || v === 1;
          holes += v;
        }
        coverages.push(holes / 1024);
      }
      expect(binary).toBe(true);
      const mean = coverages.reduce((a, b) => a + b) / n;
      console.log(`${kind}: coverage ${Math.min(...coverages).toFixed(3)}–${Math.max(...coverages).toFixed(3)}, mean ${mean.toFixed(3)}`);
      expect(Math.min(...coverages)).toBeGreaterThanOrEqual(0.05);
      expect(Math.max(...coverages)).toBeLessThanOrEqual(0.6);
      expect(new Set(coverages.map((c) => c.toFixed(4))).size).toBeGreaterThan(n / 5);
      expect(makeMasks(4, 32, 32, kind, new Rng(5))).toEqual(m.subarray(0, 4 * 1024));
    });
  }
});
