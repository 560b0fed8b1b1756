/**
 * Procedural colour textures, standing in for the BSDS500 photo patches the original MNIST-M used:
 * smooth value noise, stripes, blotches, Voronoi mosaics, checkers, plaids and gradients in random
 * colours, sometimes two layered, always with a little grain. Each texture is a pure function of
 * the Rng it is given.
 */
import type { Rng } from '../util/rng';
import { clamp01, mixColour, randomColour, type RGB } from './colour';

export const TEXTURE_KINDS = ['noise', 'stripes', 'blotches', 'cells', 'checker', 'plaid', 'gradient'] as const;
export type TextureKind = (typeof TEXTURE_KINDS)[number];

/** Fills `out` (h·w·3, RGB in [0, 1]) with a random texture; returns the kind drawn. */
export function drawTexture(rng: Rng, h: number, w: number, out: Float32Array): TextureKind {
  const kind = TEXTURE_KINDS[rng.int(TEXTURE_KINDS.length)];
  drawKind(kind, rng, h, w, out);
  // A second, translucent layer on a third of the patches: the mixtures photos have.
  if (rng.next() < 0.33) {
    const layer = new Float32Array(h * w * 3);
    drawKind(TEXTURE_KINDS[rng.int(TEXTURE_KINDS.length)], rng, h, w, layer);
    const alpha = rng.uniform(0.25, 0.6);
    for (let i = 0; i < out.length; i++) out[i] += (layer[i] - out[i]) * alpha;
  }
  const grain = rng.uniform(0.01, 0.06);
  for (let i = 0; i < out.length; i++) out[i] = clamp01(out[i] + grain * (rng.next() * 2 - 1));
  return kind;
}

function drawKind(kind: TextureKind, rng: Rng, h: number, w: number, out: Float32Array): void {
  switch (kind) {
    case 'noise':
      return valueNoise(rng, h, w, out);
    case 'stripes':
      return stripes(rng, h, w, out);
    case 'blotches':
      return blotches(rng, h, w, out);
    case 'cells':
      return cells(rng, h, w, out);
    case 'checker':
      return checker(rng, h, w, out);
    case 'plaid':
      return plaid(rng, h, w, out);
    case 'gradient':
      return gradient(rng, h, w, out);
  }
}

/** Maps t in [0, 1] through a ramp of 2–3 colours. */
function ramp(colours: RGB[], t: number, out: Float32Array, o: number): void {
  const x = clamp01(t) * (colours.length - 1);
  const i = Math.min(colours.length - 2, Math.floor(x));
  const f = x - i;
  const a = colours[i];
  const b = colours[i + 1];
  out[o] = a[0] + (b[0] - a[0]) * f;
  out[o + 1] = a[1] + (b[1] - a[1]) * f;
  out[o + 2] = a[2] + (b[2] - a[2]) * f;
}

function palette(rng: Rng, n: number): RGB[] {
  return Array.from({ length: n }, () => randomColour(rng));
}

/** Smooth value noise: random values on a lattice, interpolated with smoothstep, 1–3 octaves. */
function valueNoise(rng: Rng, h: number, w: number, out: Float32Array): void {
  const field = new Float32Array(h * w);
  const octaves = 1 + rng.int(3);
  let cell = rng.uniform(3, 10);
  let amp = 1;
  let total = 0;
  for (let o = 0; o < octaves; o++) {
    const gw = Math.ceil(w / cell) + 2;
    const gh = Math.ceil(h / cell) + 2;
    const lattice = new Float32Array(gw * gh);
    for (let i = 0; i < lattice.length; i++) lattice[i] = rng.next();
    const ox = rng.next();
    const oy = rng.next();
    for (let y = 0; y < h; y++) {
      const gy = y / cell + oy;
      const iy = Math.floor(gy);
      let fy = gy - iy;
      fy = fy * fy * (3 - 2 * fy);
      for (let x = 0; x < w; x++) {
        const gx = x / cell + ox;
        const ix = Math.floor(gx);
        let fx = gx - ix;
        fx = fx * fx * (3 - 2 * fx);
        const a = lattice[iy * gw + ix];
        const b = lattice[iy * gw + ix + 1];
        const c = lattice[(iy + 1) * gw + ix];
        const d = lattice[(iy + 1) * gw + ix + 1];
        field[y * w + x] += amp * (a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy);
      }
    }
    total += amp;
    amp *= 0.5;
    cell /= 2;
  }
  // Stretch the field to the full [0, 1] range so the colours of the ramp all show.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < field.length; i++) {
    lo = Math.min(lo, field[i]);
    hi = Math.max(hi, field[i]);
  }
  const span = hi - lo || total;
  const colours = palette(rng, 2 + rng.int(2));
  for (let i = 0; i < field.length; i++) ramp(colours, (field[i] - lo) / span, out, i * 3);
}

/** Band profile: soft (sine) or hard (a clipped, steep sine, so edges stay anti-aliased). */
function band(phase: number, hardness: number): number {
  const s = Math.sin(phase);
  return clamp01(0.5 + 0.5 * s * hardness);
}

function stripes(rng: Rng, h: number, w: number, out: Float32Array): void {
  const angle = rng.next() * Math.PI;
  const period = rng.uniform(2.5, 10);
  const phase = rng.next() * 2 * Math.PI;
  const hardness = rng.next() < 0.5 ? 1 : rng.uniform(2, 8);
  const colours = palette(rng, 2);
  const kx = (Math.cos(angle) * 2 * Math.PI) / period;
  const ky = (Math.sin(angle) * 2 * Math.PI) / period;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) ramp(colours, band(kx * x + ky * y + phase, hardness), out, (y * w + x) * 3);
  }
}

/** A base colour under soft elliptical blobs of other colours. */
function blotches(rng: Rng, h: number, w: number, out: Float32Array): void {
  const base = randomColour(rng);
  for (let i = 0; i < h * w; i++) out.set(base, i * 3);
  const count = 5 + rng.int(16);
  for (let b = 0; b < count; b++) {
    const colour = randomColour(rng);
    const cx = rng.uniform(-2, w + 2);
    const cy = rng.uniform(-2, h + 2);
    const rx = rng.uniform(2, 9);
    const ry = rng.uniform(2, 9);
    const softness = rng.uniform(0.1, 0.6);
    for (let y = 0; y < h; y++) {
      const dy = (y - cy) / ry;
      for (let x = 0; x < w; x++) {
        const dx = (x - cx) / rx;
        const r = Math.sqrt(dx * dx + dy * dy);
        const a = clamp01((1 - r) / softness);
        if (a <= 0) continue;
        const o = (y * w + x) * 3;
        out[o] += (colour[0] - out[o]) * a;
        out[o + 1] += (colour[1] - out[o + 1]) * a;
        out[o + 2] += (colour[2] - out[o + 2]) * a;
      }
    }
  }
}

/** Voronoi mosaic: each pixel takes the colour of its nearest random site. */
function cells(rng: Rng, h: number, w: number, out: Float32Array): void {
  const n = 4 + rng.int(20);
  const sx = new Float32Array(n);
  const sy = new Float32Array(n);
  const colours = palette(rng, 3);
  const cellColours: RGB[] = [];
  for (let i = 0; i < n; i++) {
    sx[i] = rng.uniform(0, w);
    sy[i] = rng.uniform(0, h);
    cellColours.push(mixColour(colours[rng.int(3)], colours[rng.int(3)], rng.next()));
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let best = 0;
      let bestD = Infinity;
      for (let i = 0; i < n; i++) {
        const d = (x - sx[i]) ** 2 + (y - sy[i]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      out.set(cellColours[best], (y * w + x) * 3);
    }
  }
}

function checker(rng: Rng, h: number, w: number, out: Float32Array): void {
  const angle = rng.next() < 0.5 ? 0 : rng.next() * Math.PI;
  const size = rng.uniform(2.5, 8);
  const colours = palette(rng, 2);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const k = Math.PI / size;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = (c * x + s * y) * k;
      const v = (-s * x + c * y) * k;
      ramp(colours, clamp01(0.5 + 2 * Math.sin(u) * Math.sin(v)), out, (y * w + x) * 3);
    }
  }
}

/** Two or three crossing stripe sets of different colours laid over a base: a tartan. */
function plaid(rng: Rng, h: number, w: number, out: Float32Array): void {
  const base = randomColour(rng);
  for (let i = 0; i < h * w; i++) out.set(base, i * 3);
  const sets = 2 + rng.int(2);
  const angle0 = rng.next() < 0.6 ? 0 : rng.next() * Math.PI;
  for (let k = 0; k < sets; k++) {
    const angle = angle0 + (k % 2) * (Math.PI / 2);
    const period = rng.uniform(3, 12);
    const phase = rng.next() * 2 * Math.PI;
    const colour = randomColour(rng);
    const alpha = rng.uniform(0.4, 0.8);
    const kx = (Math.cos(angle) * 2 * Math.PI) / period;
    const ky = (Math.sin(angle) * 2 * Math.PI) / period;
    const hardness = rng.uniform(1.5, 6);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const a = alpha * band(kx * x + ky * y + phase, hardness);
        const o = (y * w + x) * 3;
        out[o] += (colour[0] - out[o]) * a;
        out[o + 1] += (colour[1] - out[o + 1]) * a;
        out[o + 2] += (colour[2] - out[o + 2]) * a;
      }
    }
  }
}

/** Linear or radial gradient through 2–3 colours. */
function gradient(rng: Rng, h: number, w: number, out: Float32Array): void {
  const colours = palette(rng, 2 + rng.int(2));
  const radial = rng.next() < 0.4;
  const angle = rng.next() * 2 * Math.PI;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const cx = rng.uniform(0, w);
  const cy = rng.uniform(0, h);
  const reach = rng.uniform(0.6, 1.4) * Math.max(h, w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = radial
        ? Math.sqrt((x - cx) ** 2 + (y - cy) ** 2) / reach
        : 0.5 + (c * (x - w / 2) + s * (y - h / 2)) / reach;
      ramp(colours, t, out, (y * w + x) * 3);
    }
  }
}
