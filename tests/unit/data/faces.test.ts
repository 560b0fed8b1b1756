import { beforeAll, describe, expect, it } from 'vitest';
import { FACE_ATTRIBUTES } from '../../../src/graph/datasets';
import { FacesSource, faceParams, drawFaceBytes } from '../../../src/data/faces/index';
import { degrade } from '../../../src/data/transforms';

const SEED = 3;
const N_DRAWN = 1000;
let faces: FacesSource;
let x: Float32Array;
let attributes: Float32Array;
const K = FACE_ATTRIBUTES.length;
const A = (name: (typeof FACE_ATTRIBUTES)[number]) => FACE_ATTRIBUTES.indexOf(name);

beforeAll(() => {
  faces = new FacesSource(SEED);
  const batch = faces.get('train', Int32Array.from({ length: N_DRAWN }, (_, i) => i));
  x = batch.x;
  attributes = batch.attributes;
});

/** Mean over faces of a statistic of each face's pixels in rows [y0, y1) × cols [x0, x1). */
function regionMean(face: number, y0: number, y1: number, x0: number, x1: number, channel = -1): number {
  let s = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let xx = x0; xx < x1; xx++) {
      const o = face * 3072 + (y * 32 + xx) * 3;
      s += channel >= 0 ? x[o + channel] : (x[o] + x[o + 1] + x[o + 2]) / 3;
      n++;
    }
  }
  return s / n;
}

/**
 * Mean absolute difference between the mean face with attribute `a` and the mean face without it, in
 * a (2·halfW+1)×(2·halfH+1) window centred on each face's `anchor` (pixels outside the image count 0).
 */
function windowContrast(a: number, anchor: (i: number) => [number, number], halfW: number, halfH: number): number {
  const w = 2 * halfW + 1;
  const h = 2 * halfH + 1;
  const sums = [new Float64Array(w * h * 3), new Float64Array(w * h * 3)];
  const counts = [0, 0];
  for (let i = 0; i < N_DRAWN; i++) {
    const k = attributes[i * K + a] > 0.5 ? 1 : 0;
    counts[k]++;
    const [ax, ay] = anchor(i).map(Math.round);
    for (let dy = -halfH; dy <= halfH; dy++) {
      for (let dx = -halfW; dx <= halfW; dx++) {
        const y = ay + dy;
        const xx = ax + dx;
        if (y < 0 || y >= 32 || xx < 0 || xx >= 32) continue;
        for (let c = 0; c < 3; c++) sums[k][((dy + halfH) * w + dx + halfW) * 3 + c] += x[i * 3072 + (y * 32 + xx) * 3 + c];
      }
    }
  }
  let s = 0;
  for (let j = 0; j < w * h * 3; j++) s += Math.abs(sums[1][j] / counts[1] - sums[0][j] / counts[0]);
  return s / (w * h * 3);
}

/** Fraction of a region's pixels within `tol` (max over channels) of `colour`. */
function colourFraction(face: number, colour: number[], y0: number, y1: number, x0: number, x1: number, tol = 0.12): number {
  let hits = 0;
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(32, y1); y++) {
    for (let xx = Math.max(0, x0); xx < Math.min(32, x1); xx++) {
      const o = face * 3072 + (y * 32 + xx) * 3;
      const d = Math.max(Math.abs(x[o] - colour[0]), Math.abs(x[o + 1] - colour[1]), Math.abs(x[o + 2] - colour[2]));
      if (d < tol) hits++;
      n++;
    }
  }
  return hits / n;
}

describe('faces (synthetic)', () => {
  it('has every attribute at 1 in 20–80% of 2,000 faces, the attributes independent', () => {
    const counts = new Array(K).fill(0);
    const rows: number[][] = [];
    for (let i = 0; i < 2000; i++) {
      const row = Array.from(faces.attributes('train', i));
      rows.push(row);
      row.forEach((v, j) => (counts[j] += v));
    }
    const rates = counts.map((c) => c / 2000);
    console.log(`attribute rates: ${FACE_ATTRIBUTES.map((a, j) => `${a} ${rates[j].toFixed(3)}`).join(', ')}`);
    for (const r of rates) {
      expect(r).toBeGreaterThanOrEqual(0.2);
      expect(r).toBeLessThanOrEqual(0.8);
    }
    let worst = 0;
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) {
        let cov = 0;
        for (const row of rows) cov += (row[a] - rates[a]) * (row[b] - rates[b]);
        cov /= rows.length;
        worst = Math.max(worst, Math.abs(cov / Math.sqrt(rates[a] * (1 - rates[a]) * rates[b] * (1 - rates[b]))));
      }
    }
    console.log(`largest |correlation| between attributes: ${worst.toFixed(3)}`);
    expect(worst).toBeLessThan(0.1);
    // The attributes output agrees.
    expect(Array.from(attributes.subarray(0, K))).toEqual(Array.from(faces.attributes('train', 0)));
  });

  it('draws 1,000 faces no two of which are identical, in [0, 1], 32×32×3', () => {
    expect(x.length).toBe(N_DRAWN * 32 * 32 * 3);
    const seen = new Set<string>();
    for (let i = 0; i < N_DRAWN; i++) {
      const face = x.subarray(i * 3072, (i + 1) * 3072);
      let h = 0;
      for (let j = 0; j < face.length; j++) h = (Math.imul(h, 31) + Math.round(face[j] * 255)) | 0;
      seen.add(`${h}:${face[1000]}:${face[2000]}`);
    }
    expect(seen.size).toBe(N_DRAWN);
    let min = Infinity;
    let max = -Infinity;
    for (const v of x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
  });

  it('is a pure function of (seed, index): same face in any order, other seeds differ', () => {
    const fresh = new FacesSource(SEED);
    expect(fresh.get('train', [777]).x).toEqual(faces.get('train', [777]).x);
    expect(drawFaceBytes(SEED, 12)).toEqual(drawFaceBytes(SEED, 12));
    expect(new FacesSource(SEED + 1).get('train', [777]).x).not.toEqual(faces.get('train', [777]).x);
    // Test faces are other faces than train faces.
    expect(faces.get('test', [0]).x).not.toEqual(faces.get('train', [0]).x);
    expect(faces.count('train')).toBeGreaterThanOrEqual(20_000);
  });

  it('makes each attribute visible where it should show', () => {
    const longHair = A('long_hair');
    // Long hair: beside the neck, below the jaw line, pixels take the hair's colour.
    const byLength = [0, 0];
    const nByLength = [0, 0];
    for (let i = 0; i < N_DRAWN; i++) {
      const p = faceParams(SEED, i);
      const chin = Math.round(p.cy + p.ryBottom);
      const cx = Math.round(p.cx);
      const hairShades = [p.hair, p.hair.map((v) => v * 0.78)];
      const side = (x0: number, x1: number) =>
        Math.max(...hairShades.map((c) => colourFraction(i, c, chin - 6, chin, x0, x1, 0.15)));
      const f = (side(cx - 12, cx - 7) + side(cx + 7, cx + 12)) / 2;
      const k = attributes[i * K + longHair] > 0.5 ? 1 : 0;
      byLength[k] += f;
      nByLength[k]++;
    }
    const longShare = byLength[1] / nByLength[1];
    const shortShare = byLength[0] / nByLength[0];
    console.log(`hair-coloured pixels beside the jaw: long ${longShare.toFixed(3)}, short ${shortShare.toFixed(3)}`);
    expect(longShare - shortShare).toBeGreaterThan(0.3);

    // Mouth (smile), eyes (glasses), corners (background): in a window placed at
    // the feature (from the face's parameters), the mean face with the attribute differs from the
    // mean face without it far more than when the faces are split by an unrelated attribute.
    type Anchor = (i: number) => [number, number];
    const mouth: Anchor = (i) => [faceParams(SEED, i).cx, faceParams(SEED, i).mouthY];
    const eyes: Anchor = (i) => [faceParams(SEED, i).cx, faceParams(SEED, i).eyeY];
    const corner: Anchor = () => [2, 2];
    const cases: [(typeof FACE_ATTRIBUTES)[number], Anchor, number, number, (typeof FACE_ATTRIBUTES)[number]][] = [
      ['smiling', mouth, 4, 2, 'glasses'],
      ['glasses', eyes, 9, 3, 'smiling'],
      ['light_background', corner, 2, 2, 'smiling'],
    ];
    for (const [name, anchor, halfW, halfH, unrelated] of cases) {
      const inside = windowContrast(A(name), anchor, halfW, halfH);
      const control = windowContrast(A(unrelated), anchor, halfW, halfH);
      console.log(`${name}: mean-face difference ${inside.toFixed(3)} at the feature, ${control.toFixed(3)} split by ${unrelated}`);
      expect(inside).toBeGreaterThan(0.03);
      expect(inside).toBeGreaterThan(3 * control);
    }
    // Tones: cheeks darker with dark skin, the top of the head darker with dark hair.
    const tone = (name: (typeof FACE_ATTRIBUTES)[number], at: (i: number) => number) => {
      const sums = [0, 0];
      const ns = [0, 0];
      for (let i = 0; i < N_DRAWN; i++) {
        const k = attributes[i * K + A(name)] > 0.5 ? 1 : 0;
        sums[k] += at(i);
        ns[k]++;
      }
      return [sums[0] / ns[0], sums[1] / ns[1]];
    };
    const [lightSkin, darkSkin] = tone('dark_skin', (i) => {
      const p = faceParams(SEED, i);
      const cy = Math.round(p.mouthY - 3);
      const cx = Math.round(p.cx);
      return (regionMean(i, cy, cy + 2, cx - 6, cx - 4) + regionMean(i, cy, cy + 2, cx + 4, cx + 6)) / 2;
    });
    console.log(`cheek brightness: light skin ${lightSkin.toFixed(3)}, dark skin ${darkSkin.toFixed(3)}`);
    expect(lightSkin - darkSkin).toBeGreaterThan(0.2);
    const [lightHair, darkHair] = tone('dark_hair', (i) => {
      const p = faceParams(SEED, i);
      const top = Math.round(p.cy - p.ryTop);
      const cx = Math.round(p.cx);
      return regionMean(i, top, top + 2, cx - 3, cx + 3);
    });
    console.log(`top-of-head brightness: light hair ${lightHair.toFixed(3)}, dark hair ${darkHair.toFixed(3)}`);
    expect(lightHair - darkHair).toBeGreaterThan(0.2);
    // Face shape: round faces are wider (skin-coloured run across the cheeks, below the ears).
    const [ovalWidth, roundWidth] = tone('round_face', (i) => {
      const p = faceParams(SEED, i);
      const y = Math.round(p.cy + 2.5);
      let width = 0;
      for (let xx = 0; xx < 32; xx++) {
        const o = i * 3072 + (y * 32 + xx) * 3;
        const pixel = [x[o], x[o + 1], x[o + 2]];
        // Skin, allowing for the shading: a multiple 0.65–1.15 of the skin colour.
        const k = (pixel[0] * p.skin[0] + pixel[1] * p.skin[1] + pixel[2] * p.skin[2]) / (p.skin[0] ** 2 + p.skin[1] ** 2 + p.skin[2] ** 2);
        const residual = Math.max(...pixel.map((v, c) => Math.abs(v - k * p.skin[c])));
        if (k > 0.65 && k < 1.15 && residual < 0.06) width++;
      }
      return width;
    });
    console.log(`skin width across the cheeks: round ${roundWidth.toFixed(2)} px, oval ${ovalWidth.toFixed(2)} px`);
    expect(roundWidth - ovalWidth).toBeGreaterThan(1.5);
    // Bangs: hair colour across the forehead.
    const [noBangs, bangs] = tone('bangs', (i) => {
      const p = faceParams(SEED, i);
      const y = Math.round(p.eyeY - p.browLift - 2);
      const cx = Math.round(p.cx);
      return colourFraction(i, p.hair, y - 1, y + 1, cx - 3, cx + 3, 0.2);
    });
    console.log(`hair-coloured forehead: bangs ${bangs.toFixed(3)}, none ${noBangs.toFixed(3)}`);
    expect(bangs - noBangs).toBeGreaterThan(0.3);
  });

  it('still differs by attribute at 8×8 (area ↓4)', () => {
    const small = degrade(x, N_DRAWN, 32, 32, 3, 4, 'area');
    const a = A('long_hair');
    // Bottom corners of the 8×8 picture: hair or background/shirt — their mean face differs.
    const on = [0, 0];
    const n = [0, 0];
    for (let i = 0; i < N_DRAWN; i++) {
      const k = attributes[i * K + a] > 0.5 ? 1 : 0;
      for (const [yy, xx] of [
        [5, 1],
        [5, 6],
      ]) {
        const o = i * 192 + (yy * 8 + xx) * 3;
        // Distance from the face's own background colour at the top corner.
        const b = i * 192;
        on[k] += Math.abs(small[o] - small[b]) + Math.abs(small[o + 1] - small[b + 1]) + Math.abs(small[o + 2] - small[b + 2]);
      }
      n[k] += 2;
    }
    const longDiff = on[1] / n[1];
    const shortDiff = on[0] / n[0];
    console.log(`8×8: distance of the side pixels from the background: long hair ${longDiff.toFixed(3)}, short ${shortDiff.toFixed(3)}`);
    expect(longDiff).toBeGreaterThan(1.5 * shortDiff);
  });
});
