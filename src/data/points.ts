/**
 * 2-D mixtures for the hello-world GAN: ring8, grid25, spiral, moons. Point i of a split is a pure
 * function of (seed, split, i); its mode is i mod modes, so modes are exactly balanced.
 *
 * ring8:  8 Gaussians, centres on the circle of radius 2, σ = 0.02 (the setting of the unrolled-GAN
 *         and VEEGAN papers). grid25: 25 Gaussians at {−4, −2, 0, 2, 4}², σ = 0.05 (PacGAN/VEEGAN).
 * The centres and σ are exported (MIXTURES) so a mode-coverage metric can count a sample as "high
 * quality" within 3σ of a centre and a mode as covered when it has such samples.
 */
import { DATASETS } from '../graph/datasets';
import { exampleRng } from './seed';
import { checkIndices, oneHot, type DataSource, type Split } from './types';

export interface GaussianMixture {
  /** Mode centres, [x, y] each. */
  centres: [number, number][];
  /** Standard deviation of every mode, per axis. */
  sigma: number;
}

const ring8: GaussianMixture = {
  centres: Array.from({ length: 8 }, (_, k) => [2 * Math.cos((2 * Math.PI * k) / 8), 2 * Math.sin((2 * Math.PI * k) / 8)] as [number, number]),
  // Wide enough that a small GAN can land within 3σ of a mode in a couple of thousand steps, still
  // eight clearly separate modes (neighbours are 1.53 apart, 30σ).
  sigma: 0.05,
};

const grid25: GaussianMixture = {
  centres: Array.from({ length: 25 }, (_, k) => [-4 + 2 * (k % 5), -4 + 2 * Math.floor(k / 5)] as [number, number]),
  sigma: 0.05,
};

export const MIXTURES: Record<'ring8' | 'grid25', GaussianMixture> = { ring8, grid25 };

/** Spiral: two turns, radius growing from 0.3 to 2.3, Gaussian noise σ = 0.04 around the curve. */
export const SPIRAL = { turns: 2, r0: 0.3, r1: 2.3, sigma: 0.04 } as const;
/** Moons: scikit-learn's two interleaved half circles, scaled ×2 and centred, noise σ = 0.08. */
export const MOONS = { scale: 2, sigma: 0.08 } as const;

export type PointSetName = 'ring8' | 'grid25' | 'spiral' | 'moons';
export const POINT_SETS: readonly PointSetName[] = ['ring8', 'grid25', 'spiral', 'moons'];

/** Writes point `index` of `split` into out[o], out[o+1]; returns its mode. */
function drawPoint(name: PointSetName, seed: number, split: Split, index: number, out: Float32Array, o: number): number {
  const rng = exampleRng(seed, `${name}/${split}`, index);
  const modes = DATASETS[name].classes ?? 1;
  const mode = index % modes;
  if (name === 'ring8' || name === 'grid25') {
    const m = MIXTURES[name];
    out[o] = m.centres[mode][0] + m.sigma * rng.normal();
    out[o + 1] = m.centres[mode][1] + m.sigma * rng.normal();
  } else if (name === 'spiral') {
    // sqrt makes the density roughly uniform along the arc (arc length grows with the radius).
    const t = Math.sqrt(rng.next());
    const angle = 2 * Math.PI * SPIRAL.turns * t;
    const r = SPIRAL.r0 + (SPIRAL.r1 - SPIRAL.r0) * t;
    out[o] = r * Math.cos(angle) + SPIRAL.sigma * rng.normal();
    out[o + 1] = r * Math.sin(angle) + SPIRAL.sigma * rng.normal();
  } else {
    const angle = Math.PI * rng.next();
    const x = mode === 0 ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = mode === 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
    out[o] = MOONS.scale * (x - 0.5) + MOONS.sigma * rng.normal();
    out[o + 1] = MOONS.scale * (y - 0.25) + MOONS.sigma * rng.normal();
  }
  return mode;
}

export class PointsSource implements DataSource {
  readonly info;

  constructor(
    readonly name: PointSetName,
    readonly seed: number,
  ) {
    this.info = DATASETS[name];
  }

  count(split: Split): number {
    return split === 'train' ? this.info.trainSize : this.info.testSize;
  }

  labels(split: Split): Int32Array {
    const modes = this.info.classes ?? 1;
    return Int32Array.from({ length: this.count(split) }, (_, i) => i % modes);
  }

  get(split: Split, indices: ArrayLike<number>): Record<string, Float32Array> {
    checkIndices(this, split, indices);
    const x = new Float32Array(indices.length * 2);
    const modes = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) modes[i] = drawPoint(this.name, this.seed, split, indices[i], x, i * 2);
    return { x, label: oneHot(modes, this.info.classes ?? 1) };
  }
}

/** Index of the nearest centre and its distance, for mode-coverage metrics. */
export function nearestMode(m: GaussianMixture, x: number, y: number): { mode: number; distance: number } {
  let mode = 0;
  let best = Infinity;
  m.centres.forEach(([cx, cy], k) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    if (d < best) {
      best = d;
      mode = k;
    }
  });
  return { mode, distance: Math.sqrt(best) };
}
