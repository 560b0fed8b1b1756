/**
 * A tiny supersampling rasteriser for the cartoon faces: no canvas, so it runs in Node and in workers.
 *
 * Shapes are rasterised into coverage masks at `ss`× the output resolution (one byte per subsample),
 * masks are combined with set operations (union, intersect, subtract), and painted onto a float RGB
 * buffer; `toBytes` box-filters ss×ss subsamples into each output pixel, which anti-aliases every edge.
 * Coordinates are in output pixels: (0, 0) is the top-left corner of the image, (size, size) the
 * bottom-right one.
 */
import type { RGB } from '../colour';

/** A subsample mask with the bounding box of its set samples (in subsample units, end exclusive). */
export class Mask {
  x0 = 0;
  y0 = 0;
  x1 = 0;
  y1 = 0;
  constructor(
    readonly data: Uint8Array,
    readonly side: number,
  ) {}

  get empty(): boolean {
    return this.x1 <= this.x0 || this.y1 <= this.y0;
  }

  grow(x0: number, y0: number, x1: number, y1: number): void {
    if (this.empty) {
      this.x0 = x0;
      this.y0 = y0;
      this.x1 = x1;
      this.y1 = y1;
    } else {
      this.x0 = Math.min(this.x0, x0);
      this.y0 = Math.min(this.y0, y0);
      this.x1 = Math.max(this.x1, x1);
      this.y1 = Math.max(this.y1, y1);
    }
  }
}

export interface Wobble {
  /** Relative radius change, e.g. 0.06 for curly hair. */
  amplitude: number;
  /** Bumps per turn. */
  frequency: number;
  phase: number;
}

export class Raster {
  /** Subsamples per side. */
  readonly side: number;
  /** side·side·3 floats, RGB in [0, 1]. */
  readonly rgb: Float32Array;
  private readonly pool: Mask[] = [];
  private used = 0;

  constructor(
    readonly size: number,
    readonly ss = 4,
  ) {
    this.side = size * ss;
    this.rgb = new Float32Array(this.side * this.side * 3);
  }

  /** Starts a new picture: masks handed out before are recycled. */
  begin(): void {
    this.used = 0;
  }

  /** An empty mask (from a pool reset by `begin`). */
  mask(): Mask {
    let m = this.pool[this.used];
    if (!m) {
      m = new Mask(new Uint8Array(this.side * this.side), this.side);
      this.pool.push(m);
    } else if (!m.empty) {
      for (let y = m.y0; y < m.y1; y++) m.data.fill(0, y * this.side + m.x0, y * this.side + m.x1);
      m.x0 = m.y0 = m.x1 = m.y1 = 0;
    }
    this.used++;
    return m;
  }

  /** Subsample range [lo, hi) whose centres may fall in [a, b] (output units). */
  private span(a: number, b: number): [number, number] {
    const lo = Math.max(0, Math.floor(a * this.ss - 0.5));
    const hi = Math.min(this.side, Math.ceil(b * this.ss + 0.5));
    return [lo, hi];
  }

  /** Adds a (rotated, optionally wobbly) ellipse to `m`. */
  ellipse(m: Mask, cx: number, cy: number, rx: number, ry: number, angle = 0, wobble?: Wobble): Mask {
    const reach = Math.max(rx, ry) * (1 + (wobble ? Math.abs(wobble.amplitude) : 0));
    const [x0, x1] = this.span(cx - reach, cx + reach);
    const [y0, y1] = this.span(cy - reach, cy + reach);
    if (x1 <= x0 || y1 <= y0) return m;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const inv = 1 / this.ss;
    const side = this.side;
    for (let Y = y0; Y < y1; Y++) {
      const dy = (Y + 0.5) * inv - cy;
      for (let X = x0; X < x1; X++) {
        const dx = (X + 0.5) * inv - cx;
        const u = (c * dx + s * dy) / rx;
        const v = (-s * dx + c * dy) / ry;
        let limit = 1;
        if (wobble) {
          const r = 1 + wobble.amplitude * Math.sin(wobble.frequency * Math.atan2(v, u) + wobble.phase);
          limit = r * r;
        }
        if (u * u + v * v <= limit) m.data[Y * side + X] = 1;
      }
    }
    m.grow(x0, y0, x1, y1);
    return m;
  }

  /** An egg: an ellipse whose upper half has radius `ryTop` and lower half `ryBottom`. */
  egg(m: Mask, cx: number, cy: number, rx: number, ryTop: number, ryBottom: number): Mask {
    const [x0, x1] = this.span(cx - rx, cx + rx);
    const [y0, y1] = this.span(cy - ryTop, cy + ryBottom);
    const inv = 1 / this.ss;
    for (let Y = y0; Y < y1; Y++) {
      const dy = (Y + 0.5) * inv - cy;
      const v = dy / (dy < 0 ? ryTop : ryBottom);
      for (let X = x0; X < x1; X++) {
        const u = ((X + 0.5) * inv - cx) / rx;
        if (u * u + v * v <= 1) m.data[Y * this.side + X] = 1;
      }
    }
    if (x1 > x0 && y1 > y0) m.grow(x0, y0, x1, y1);
    return m;
  }

  /** An axis-aligned rectangle with corners rounded by `radius`. */
  rect(m: Mask, left: number, top: number, right: number, bottom: number, radius = 0): Mask {
    const [x0, x1] = this.span(left, right);
    const [y0, y1] = this.span(top, bottom);
    const inv = 1 / this.ss;
    const r = Math.min(radius, (right - left) / 2, (bottom - top) / 2);
    for (let Y = y0; Y < y1; Y++) {
      const py = (Y + 0.5) * inv;
      if (py < top || py > bottom) continue;
      const ey = py < top + r ? top + r - py : py > bottom - r ? py - (bottom - r) : 0;
      for (let X = x0; X < x1; X++) {
        const px = (X + 0.5) * inv;
        if (px < left || px > right) continue;
        const ex = px < left + r ? left + r - px : px > right - r ? px - (right - r) : 0;
        if (ex * ex + ey * ey <= r * r) m.data[Y * this.side + X] = 1;
      }
    }
    if (x1 > x0 && y1 > y0) m.grow(x0, y0, x1, y1);
    return m;
  }

  /** A simple polygon (even-odd rule), filled by scanlines. `points` is [x0, y0, x1, y1, …]. */
  polygon(m: Mask, points: number[]): Mask {
    const n = points.length / 2;
    let top = Infinity;
    let bottom = -Infinity;
    let left = Infinity;
    let right = -Infinity;
    for (let i = 0; i < n; i++) {
      top = Math.min(top, points[2 * i + 1]);
      bottom = Math.max(bottom, points[2 * i + 1]);
      left = Math.min(left, points[2 * i]);
      right = Math.max(right, points[2 * i]);
    }
    const [y0, y1] = this.span(top, bottom);
    const [x0, x1] = this.span(left, right);
    const inv = 1 / this.ss;
    const crossings: number[] = [];
    for (let Y = y0; Y < y1; Y++) {
      const py = (Y + 0.5) * inv;
      crossings.length = 0;
      for (let i = 0; i < n; i++) {
        const ax = points[2 * i];
        const ay = points[2 * i + 1];
        const bx = points[(2 * i + 2) % (2 * n)];
        const by = points[(2 * i + 3) % (2 * n)];
        if (ay <= py !== by <= py) crossings.push(ax + ((py - ay) / (by - ay)) * (bx - ax));
      }
      crossings.sort((a, b) => a - b);
      for (let k = 0; k + 1 < crossings.length; k += 2) {
        const from = Math.max(x0, Math.ceil(crossings[k] * this.ss - 0.5));
        const to = Math.min(x1 - 1, Math.floor(crossings[k + 1] * this.ss - 0.5));
        if (to >= from) m.data.fill(1, Y * this.side + from, Y * this.side + to + 1);
      }
    }
    if (x1 > x0 && y1 > y0) m.grow(x0, y0, x1, y1);
    return m;
  }

  /** A polyline of round-capped segments of the given width. `points` is [x0, y0, x1, y1, …]. */
  stroke(m: Mask, points: number[], width: number): Mask {
    const r = width / 2;
    const inv = 1 / this.ss;
    for (let i = 0; i + 3 < points.length; i += 2) {
      const ax = points[i];
      const ay = points[i + 1];
      const bx = points[i + 2];
      const by = points[i + 3];
      const [x0, x1] = this.span(Math.min(ax, bx) - r, Math.max(ax, bx) + r);
      const [y0, y1] = this.span(Math.min(ay, by) - r, Math.max(ay, by) + r);
      const ex = bx - ax;
      const ey = by - ay;
      const len2 = ex * ex + ey * ey || 1e-9;
      for (let Y = y0; Y < y1; Y++) {
        const py = (Y + 0.5) * inv - ay;
        for (let X = x0; X < x1; X++) {
          const px = (X + 0.5) * inv - ax;
          let t = (px * ex + py * ey) / len2;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const dx = px - t * ex;
          const dy = py - t * ey;
          if (dx * dx + dy * dy <= r * r) m.data[Y * this.side + X] = 1;
        }
      }
      if (x1 > x0 && y1 > y0) m.grow(x0, y0, x1, y1);
    }
    return m;
  }

  /** Keeps only the samples of `a` that are also in `b` (a ∩ b, stored in a). */
  intersect(a: Mask, b: Mask): Mask {
    for (let Y = a.y0; Y < a.y1; Y++) {
      const row = Y * this.side;
      for (let X = a.x0; X < a.x1; X++) a.data[row + X] &= b.data[row + X];
    }
    return a;
  }

  /** Removes the samples of `b` from `a` (a ∖ b, stored in a). */
  subtract(a: Mask, b: Mask): Mask {
    const x0 = Math.max(a.x0, b.x0);
    const x1 = Math.min(a.x1, b.x1);
    for (let Y = Math.max(a.y0, b.y0); Y < Math.min(a.y1, b.y1); Y++) {
      const row = Y * this.side;
      for (let X = x0; X < x1; X++) if (b.data[row + X]) a.data[row + X] = 0;
    }
    return a;
  }

  /** Adds the samples of `b` to `a` (a ∪ b, stored in a). */
  union(a: Mask, b: Mask): Mask {
    if (b.empty) return a;
    for (let Y = b.y0; Y < b.y1; Y++) {
      const row = Y * this.side;
      for (let X = b.x0; X < b.x1; X++) a.data[row + X] |= b.data[row + X];
    }
    a.grow(b.x0, b.y0, b.x1, b.y1);
    return a;
  }

  /** Clears the samples of `m` above `top` or below `bottom` (output units). */
  clipY(m: Mask, top: number, bottom: number): Mask {
    for (let Y = m.y0; Y < m.y1; Y++) {
      const py = (Y + 0.5) / this.ss;
      if (py >= top && py <= bottom) continue;
      m.data.fill(0, Y * this.side + m.x0, Y * this.side + m.x1);
    }
    return m;
  }

  /** Fills the whole picture with a vertical gradient from `top` to `bottom`. */
  background(top: RGB, bottom: RGB): void {
    const side = this.side;
    for (let Y = 0; Y < side; Y++) {
      const t = (Y + 0.5) / side;
      const r = top[0] + (bottom[0] - top[0]) * t;
      const g = top[1] + (bottom[1] - top[1]) * t;
      const b = top[2] + (bottom[2] - top[2]) * t;
      for (let X = 0; X < side; X++) {
        const o = (Y * side + X) * 3;
        this.rgb[o] = r;
        this.rgb[o + 1] = g;
        this.rgb[o + 2] = b;
      }
    }
  }

  /** Paints `m` in `colour` with opacity `alpha`. */
  paint(m: Mask, colour: RGB, alpha = 1): void {
    this.paintShaded(m, colour, alpha, 0, 0, 0, 1, 1, 0);
  }

  /**
   * Paints `m` in `colour`, darkened towards the rim of the ellipse (cx, cy, rx, ry) by up to
   * `shade` and lightened at its upper left, so round shapes read as volumes.
   */
  paintShaded(m: Mask, colour: RGB, alpha: number, shade: number, cx: number, cy: number, rx: number, ry: number, light = 0.08): void {
    const inv = 1 / this.ss;
    const side = this.side;
    for (let Y = m.y0; Y < m.y1; Y++) {
      const v = ((Y + 0.5) * inv - cy) / ry;
      for (let X = m.x0; X < m.x1; X++) {
        if (!m.data[Y * side + X]) continue;
        let k = 1;
        if (shade !== 0 || light !== 0) {
          const u = ((X + 0.5) * inv - cx) / rx;
          const d2 = Math.min(1, u * u + v * v);
          k = 1 - shade * d2 * d2 + light * Math.max(0, -0.6 * u - 0.8 * v) * (1 - d2);
        }
        const o = (Y * side + X) * 3;
        this.rgb[o] += (Math.min(1, colour[0] * k) - this.rgb[o]) * alpha;
        this.rgb[o + 1] += (Math.min(1, colour[1] * k) - this.rgb[o + 1]) * alpha;
        this.rgb[o + 2] += (Math.min(1, colour[2] * k) - this.rgb[o + 2]) * alpha;
      }
    }
  }

  /** Box-filters the picture down to size·size RGB bytes. */
  toBytes(out: Uint8Array): Uint8Array {
    const { ss, side, size } = this;
    const norm = 255 / (ss * ss);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let j = 0; j < ss; j++) {
          let o = ((y * ss + j) * side + x * ss) * 3;
          for (let i = 0; i < ss; i++, o += 3) {
            r += this.rgb[o];
            g += this.rgb[o + 1];
            b += this.rgb[o + 2];
          }
        }
        const p = (y * size + x) * 3;
        out[p] = Math.min(255, Math.max(0, Math.round(r * norm)));
        out[p + 1] = Math.min(255, Math.max(0, Math.round(g * norm)));
        out[p + 2] = Math.min(255, Math.max(0, Math.round(b * norm)));
      }
    }
    return out;
  }
}
