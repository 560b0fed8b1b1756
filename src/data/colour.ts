/** Small colour helpers shared by the generated data sets. */
import type { Rng } from '../util/rng';

export type RGB = [number, number, number];

/** HSV (h in [0, 1) turns, s and v in [0, 1]) to RGB in [0, 1]. */
export function hsv(h: number, s: number, v: number): RGB {
  h = ((h % 1) + 1) % 1;
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - f * s);
  const t = v * (1 - (1 - f) * s);
  switch (i % 6) {
    case 0:
      return [v, t, p];
    case 1:
      return [q, v, p];
    case 2:
      return [p, v, t];
    case 3:
      return [p, q, v];
    case 4:
      return [t, p, v];
    default:
      return [v, p, q];
  }
}

/** A random colour of any hue, mostly saturated and not too dark. */
export function randomColour(rng: Rng, minSat = 0.3, minVal = 0.3): RGB {
  return hsv(rng.next(), rng.uniform(minSat, 1), rng.uniform(minVal, 1));
}

export function mixColour(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function scaleColour(a: RGB, k: number): RGB {
  return [Math.min(1, a[0] * k), Math.min(1, a[1] * k), Math.min(1, a[2] * k)];
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
