import { describe, expect, it } from 'vitest';
import { MIXTURES, MOONS, nearestMode, PointsSource, SPIRAL } from '../../../src/data/points';
import { classesOf } from './stats';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('2-D mixtures', () => {
  it('ring8: 8 modes on the circle of radius 2, every sample within 5σ of its own mode', () => {
    const ring = MIXTURES.ring8;
    expect(ring.centres.length).toBe(8);
    for (const [x, y] of ring.centres) expect(Math.hypot(x, y)).toBeCloseTo(2, 10);
    const source = new PointsSource('ring8', 1);
    const { x, label } = source.get('train', all(10_000));
    const modes = classesOf(label, 8);
    const counts = new Array(8).fill(0);
    let worst = 0;
    let sq = 0;
    for (let i = 0; i < 10_000; i++) {
      const near = nearestMode(ring, x[2 * i], x[2 * i + 1]);
      expect(near.mode).toBe(modes[i]);
      worst = Math.max(worst, near.distance);
      sq += near.distance ** 2;
      counts[modes[i]]++;
    }
    const sigma = Math.sqrt(sq / 10_000 / 2);
    console.log(`ring8: measured σ ${sigma.toFixed(4)} (stated ${ring.sigma}), farthest sample ${(worst / ring.sigma).toFixed(2)}σ`);
    expect(worst).toBeLessThan(5 * ring.sigma);
    expect(Math.abs(sigma - ring.sigma) / ring.sigma).toBeLessThan(0.05);
    expect(counts).toEqual(new Array(8).fill(1250));
  });

  it('grid25: 25 balanced modes on the grid, samples near their mode', () => {
    const grid = MIXTURES.grid25;
    const { x, label } = new PointsSource('grid25', 1).get('test', all(1000));
    const modes = classesOf(label, 25);
    const counts = new Array(25).fill(0);
    for (let i = 0; i < 1000; i++) {
      const near = nearestMode(grid, x[2 * i], x[2 * i + 1]);
      expect(near.mode).toBe(modes[i]);
      expect(near.distance).toBeLessThan(5 * grid.sigma);
      counts[modes[i]]++;
    }
    expect(counts).toEqual(new Array(25).fill(40));
  });

  it('spiral and moons lie where stated', () => {
    const spiral = new PointsSource('spiral', 1).get('train', all(2000)).x;
    for (let i = 0; i < 2000; i++) {
      const r = Math.hypot(spiral[2 * i], spiral[2 * i + 1]);
      expect(r).toBeGreaterThan(SPIRAL.r0 - 5 * SPIRAL.sigma);
      expect(r).toBeLessThan(SPIRAL.r1 + 5 * SPIRAL.sigma);
    }
    const moons = new PointsSource('moons', 1).get('train', all(2000));
    const modes = classesOf(moons.label, 2);
    // Moon 0 is the upper arc: its mean y is above moon 1's.
    let y0 = 0;
    let y1 = 0;
    for (let i = 0; i < 2000; i++) (modes[i] === 0 ? (y0 += moons.x[2 * i + 1]) : (y1 += moons.x[2 * i + 1]));
    expect(y0 / 1000 - y1 / 1000).toBeGreaterThan(MOONS.scale * 0.5);
  });

  it('is deterministic given the seed and split', () => {
    const a = new PointsSource('ring8', 5).get('train', [3, 4]).x;
    expect(new PointsSource('ring8', 5).get('train', [3, 4]).x).toEqual(a);
    expect(new PointsSource('ring8', 6).get('train', [3, 4]).x).not.toEqual(a);
    expect(new PointsSource('ring8', 5).get('test', [3, 4]).x).not.toEqual(a);
  });
});
