/**
 * The cartoon face model: `sampleFace` draws a face's parameters from an Rng (the eight labelled
 * binary attributes of FACE_ATTRIBUTES, each an independent coin, plus unlabelled continuous variety:
 * position, size, hues, eye and mouth shapes, hair volume and curl, clothes, blush), and `drawFace`
 * paints them with the rasteriser. Proportions are chosen so the face still reads at 8×8.
 */
import type { Rng } from '../../util/rng';
import { hsv, mixColour, scaleColour, type RGB } from '../colour';
import type { Raster, Wobble } from './raster';

/** Probability of 1 for each attribute, in FACE_ATTRIBUTES order. */
export const ATTRIBUTE_RATES = {
  long_hair: 0.5,
  dark_hair: 0.5,
  smiling: 0.5,
  glasses: 0.4,
  dark_skin: 0.45,
  round_face: 0.5,
  bangs: 0.45,
  light_background: 0.5,
} as const;

export type FaceAttributes = { [K in keyof typeof ATTRIBUTE_RATES]: boolean };

export interface FaceParams {
  attributes: FaceAttributes;
  cx: number;
  cy: number;
  rx: number;
  ryTop: number;
  ryBottom: number;
  skin: RGB;
  hair: RGB;
  backgroundTop: RGB;
  backgroundBottom: RGB;
  shirt: RGB;
  shirtWidth: number;
  /** Hair mass around the head: extra width/height beyond the skull. */
  hairVolume: number;
  hairCurl: Wobble | undefined;
  /** Long hair: how far below the chin it falls and how far it reaches sideways. */
  hairDrop: number;
  hairSide: number;
  /** Short hair: how far down the sides it comes (relative to the eye line). */
  sideburn: number;
  hairline: number;
  parting: number;
  fringeDepth: number;
  fringeZigzag: number;
  eyeY: number;
  eyeGap: number;
  eyeW: number;
  eyeH: number;
  iris: RGB;
  dotEyes: boolean;
  browLift: number;
  browTilt: number;
  browWidth: number;
  mouthY: number;
  mouthW: number;
  mouthOpen: boolean;
  mouthCurve: number;
  lips: RGB;
  blush: number;
  glassesRound: boolean;
  glassesR: number;
  frame: RGB;
  frameWidth: number;
  lensTint: number;
}

function coin(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

function skinTone(rng: Rng, dark: boolean): RGB {
  return dark
    ? hsv(rng.uniform(0.03, 0.085), rng.uniform(0.45, 0.7), rng.uniform(0.32, 0.58))
    : hsv(rng.uniform(0.04, 0.1), rng.uniform(0.15, 0.42), rng.uniform(0.84, 1));
}

function hairColour(rng: Rng, dark: boolean): RGB {
  if (dark) return hsv(rng.uniform(0.02, 0.11), rng.uniform(0.2, 0.7), rng.uniform(0.06, 0.26));
  const kind = rng.next();
  if (kind < 0.35) return hsv(rng.uniform(0.1, 0.14), rng.uniform(0.4, 0.7), rng.uniform(0.78, 0.97)); // blond
  if (kind < 0.55) return hsv(rng.uniform(0.02, 0.06), rng.uniform(0.6, 0.85), rng.uniform(0.62, 0.88)); // red
  if (kind < 0.78) return hsv(rng.uniform(0.06, 0.1), rng.uniform(0.45, 0.65), rng.uniform(0.52, 0.72)); // light brown
  if (kind < 0.92) return hsv(rng.next(), rng.uniform(0, 0.08), rng.uniform(0.72, 0.92)); // grey
  return hsv(rng.next(), rng.uniform(0.45, 0.8), rng.uniform(0.62, 0.92)); // dyed
}

/** Draws the parameters of one face. The attributes come first, each from its own coin. */
export function sampleFace(rng: Rng): FaceParams {
  const attributes: FaceAttributes = {
    long_hair: coin(rng, ATTRIBUTE_RATES.long_hair),
    dark_hair: coin(rng, ATTRIBUTE_RATES.dark_hair),
    smiling: coin(rng, ATTRIBUTE_RATES.smiling),
    glasses: coin(rng, ATTRIBUTE_RATES.glasses),
    dark_skin: coin(rng, ATTRIBUTE_RATES.dark_skin),
    round_face: coin(rng, ATTRIBUTE_RATES.round_face),
    bangs: coin(rng, ATTRIBUTE_RATES.bangs),
    light_background: coin(rng, ATTRIBUTE_RATES.light_background),
  };
  const a = attributes;
  const k = rng.uniform(0.9, 1.06);
  const rx = (a.round_face ? rng.uniform(8.6, 9.5) : rng.uniform(7.1, 7.9)) * k;
  const ryTop = a.round_face ? rx * rng.uniform(0.97, 1.05) : rng.uniform(9.3, 10) * k;
  const ryBottom = a.round_face ? rx * rng.uniform(0.97, 1.05) : rng.uniform(10.6, 11.6) * k;
  const cx = 16 + rng.uniform(-1.4, 1.4);
  const cy = 15 + rng.uniform(-1, 1) + (ryTop - ryBottom) * 0.3;

  const bgHue = rng.next();
  const backgroundTop = a.light_background
    ? hsv(bgHue, rng.uniform(0.05, 0.4), rng.uniform(0.8, 0.98))
    : hsv(bgHue, rng.uniform(0.25, 0.85), rng.uniform(0.1, 0.38));
  const backgroundBottom = scaleColour(backgroundTop, rng.uniform(0.8, 1.05));

  const skin = skinTone(rng, a.dark_skin);
  const hair = hairColour(rng, a.dark_hair);
  const curly = coin(rng, 0.25);
  const eyeY = cy - ryTop * rng.uniform(0.02, 0.14);
  const mouthY = cy + ryBottom * rng.uniform(0.46, 0.56);
  const irisKind = rng.next();
  const iris =
    irisKind < 0.5
      ? hsv(rng.uniform(0.05, 0.1), rng.uniform(0.5, 0.8), rng.uniform(0.15, 0.4))
      : irisKind < 0.75
        ? hsv(rng.uniform(0.52, 0.62), rng.uniform(0.4, 0.8), rng.uniform(0.35, 0.7))
        : hsv(rng.uniform(0.22, 0.35), rng.uniform(0.3, 0.6), rng.uniform(0.3, 0.55));
  const frameKind = rng.next();
  const frame =
    frameKind < 0.55 ? hsv(rng.next(), rng.uniform(0, 0.3), rng.uniform(0.03, 0.18)) : hsv(rng.next(), rng.uniform(0.5, 0.9), rng.uniform(0.35, 0.75));

  return {
    attributes,
    cx,
    cy,
    rx,
    ryTop,
    ryBottom,
    skin,
    hair,
    backgroundTop,
    backgroundBottom,
    shirt: hsv(rng.next(), rng.uniform(0.2, 0.85), rng.uniform(0.25, 0.9)),
    shirtWidth: rng.uniform(11, 15),
    hairVolume: curly ? rng.uniform(1.8, 3.2) : rng.uniform(0.9, 2),
    hairCurl: curly ? { amplitude: rng.uniform(0.04, 0.08), frequency: 10 + rng.int(8), phase: rng.next() * 6.28 } : undefined,
    hairDrop: rng.uniform(2, 10),
    hairSide: rng.uniform(1.6, 3.4),
    sideburn: rng.uniform(-1.5, 1.5),
    hairline: rng.uniform(0.5, 0.72),
    parting: rng.uniform(-1.6, 1.6),
    fringeDepth: rng.uniform(1.6, 2.6),
    fringeZigzag: coin(rng, 0.5) ? rng.uniform(0.4, 1) : 0,
    eyeY,
    eyeGap: rx * rng.uniform(0.36, 0.46),
    eyeW: rng.uniform(1.5, 2.1),
    eyeH: rng.uniform(1, 1.45),
    iris,
    dotEyes: coin(rng, 0.2),
    browLift: rng.uniform(2.1, 3),
    browTilt: rng.uniform(-0.5, 0.6),
    browWidth: rng.uniform(0.6, 1.05),
    mouthY,
    mouthW: rx * rng.uniform(0.34, 0.48),
    mouthOpen: coin(rng, 0.6),
    mouthCurve: rng.uniform(0.9, 1.7),
    lips: hsv(rng.uniform(-0.03, 0.02), rng.uniform(0.4, 0.7), rng.uniform(0.45, 0.72)),
    blush: coin(rng, 0.35) ? rng.uniform(0.15, 0.35) : 0,
    glassesRound: coin(rng, 0.5),
    glassesR: rng.uniform(2.2, 2.9),
    frame,
    frameWidth: rng.uniform(0.5, 0.85),
    lensTint: coin(rng, 0.25) ? rng.uniform(0.45, 0.85) : 0,
  };
}

/** Paints face `f` on `r` (whose size should be 32). */
export function drawFace(r: Raster, f: FaceParams): void {
  const a = f.attributes;
  r.begin();
  r.background(f.backgroundTop, f.backgroundBottom);
  const { cx, cy, rx, ryTop, ryBottom } = f;
  const chin = cy + ryBottom;
  const hairDark = scaleColour(f.hair, 0.78);

  // Shoulders, then long hair falling over them, then the neck in front of the hair.
  const shirt = r.ellipse(r.mask(), cx, chin + 7.5, f.shirtWidth, 7);
  r.paintShaded(shirt, f.shirt, 1, 0.25, cx, chin + 7.5, f.shirtWidth, 7);
  if (a.long_hair) {
    const back = r.ellipse(r.mask(), cx, cy - 0.6, rx + f.hairVolume + 0.6, ryTop + f.hairVolume, 0, f.hairCurl);
    r.rect(back, cx - rx - f.hairSide, cy - 1, cx + rx + f.hairSide, chin + f.hairDrop, 2.2);
    r.paint(back, hairDark);
  }
  const neckW = rx * 0.42;
  const neck = r.rect(r.mask(), cx - neckW, cy + ryBottom * 0.4, cx + neckW, chin + 4.5, 1);
  r.paint(neck, scaleColour(f.skin, 0.8));
  const collar = r.ellipse(r.mask(), cx, chin + 3.6, neckW + 0.6, 1.5);
  r.clipY(collar, chin + 3.6, 40);
  r.paint(collar, scaleColour(f.shirt, 0.75));

  // Short hair: the part of the hair mass that shows behind the top of the head.
  const mass = r.ellipse(r.mask(), cx, cy - ryTop * 0.12, rx + f.hairVolume, ryTop + f.hairVolume * 0.9, 0, f.hairCurl);
  if (!a.long_hair) {
    r.clipY(mass, 0, cy + f.sideburn);
    r.paint(mass, hairDark);
  }

  // Ears, then the face.
  const earY = f.eyeY + 1.6;
  const ears = r.ellipse(r.mask(), cx - rx + 0.3, earY, 1.3, 2, -0.2);
  r.ellipse(ears, cx + rx - 0.3, earY, 1.3, 2, 0.2);
  r.paint(ears, scaleColour(f.skin, 0.88));
  const face = r.egg(r.mask(), cx, cy, rx, ryTop, ryBottom);
  r.paintShaded(face, f.skin, 1, 0.22, cx, cy, rx, (ryTop + ryBottom) / 2, 0.1);

  drawHairTop(r, f);
  drawEyes(r, f);
  drawMouth(r, f);
  // Nose: a short shadow.
  const noseY = (f.eyeY + f.mouthY) / 2 + 0.4;
  const nose = r.ellipse(r.mask(), cx + 0.2, noseY, 0.75, 0.55);
  r.paint(nose, scaleColour(f.skin, 0.74), 0.8);
  if (f.blush > 0) {
    const cheeks = r.ellipse(r.mask(), cx - rx * 0.55, f.mouthY - 1.8, 1.6, 1.1);
    r.ellipse(cheeks, cx + rx * 0.55, f.mouthY - 1.8, 1.6, 1.1);
    r.paint(cheeks, hsv(0.98, 0.6, 0.95), f.blush);
  }
  if (a.glasses) drawGlasses(r, f);
}

/**
 * Hair on the head: the hair mass minus a "window" where the forehead and face show. Long hair also
 * frames the face down to the jaw; bangs add a fringe down to the brows.
 */
function drawHairTop(r: Raster, f: FaceParams): void {
  const a = f.attributes;
  const { cx, cy, rx, ryTop, ryBottom } = f;
  const hair = r.ellipse(r.mask(), cx, cy - ryTop * 0.12, rx + f.hairVolume, ryTop + f.hairVolume * 0.9, 0, f.hairCurl);
  const bottom = a.long_hair ? cy + ryBottom * 0.55 : cy + f.sideburn;
  r.clipY(hair, 0, bottom);
  // The window: the face below the hairline, narrower for long hair so the hair frames the cheeks.
  const top = cy - ryTop * f.hairline;
  const windowCy = cy + ryBottom * 0.3;
  const windowRx = rx * (a.long_hair ? 0.8 : 0.93);
  const window = r.ellipse(r.mask(), cx + f.parting * 0.5, windowCy, windowRx, windowCy - top, f.parting * -0.03);
  r.subtract(hair, window);
  if (a.bangs) {
    // A fringe: a band from the hairline down to just above the brows, cut straight or jagged.
    const edge = f.eyeY - f.browLift - 0.3 - (f.fringeDepth - 2) * 0.3;
    const points = [cx - rx - 2, top - 4, cx + rx + 2, top - 4];
    const teeth = 7;
    for (let i = teeth; i >= 0; i--) {
      const x = cx - rx - 1 + ((2 * rx + 2) * i) / teeth;
      const dip = i % 2 === 0 ? 0 : f.fringeZigzag;
      points.push(x, edge - dip);
    }
    const fringe = r.polygon(r.mask(), points);
    const head = r.egg(r.mask(), cx, cy, rx + 0.2, ryTop + 0.4, ryBottom);
    r.intersect(fringe, head);
    r.union(hair, fringe);
  }
  r.paintShaded(hair, f.hair, 1, 0.3, cx, cy - ryTop * 0.3, rx + f.hairVolume, ryTop + f.hairVolume, 0.25);
}

function drawEyes(r: Raster, f: FaceParams): void {
  const brow = scaleColour(mixColour(f.hair, [0.1, 0.07, 0.05], 0.45), 0.9);
  for (const side of [-1, 1]) {
    const ex = f.cx + side * f.eyeGap;
    if (f.dotEyes) {
      const dot = r.ellipse(r.mask(), ex, f.eyeY, 0.85, 1.05);
      r.paint(dot, [0.08, 0.06, 0.06]);
    } else {
      const white = r.ellipse(r.mask(), ex, f.eyeY, f.eyeW, f.eyeH);
      r.paint(white, [0.97, 0.97, 0.95]);
      const iris = r.ellipse(r.mask(), ex + side * -0.15, f.eyeY + 0.05, Math.min(1.05, f.eyeW * 0.6), Math.min(1.05, f.eyeH * 0.85));
      r.intersect(iris, white);
      r.paint(iris, f.iris);
      const pupil = r.ellipse(r.mask(), ex + side * -0.15, f.eyeY + 0.05, 0.45, 0.45);
      r.paint(pupil, [0.03, 0.03, 0.03]);
      // Upper lid line.
      const lid = r.ellipse(r.mask(), ex, f.eyeY, f.eyeW + 0.15, f.eyeH + 0.15);
      r.clipY(lid, 0, f.eyeY - f.eyeH * 0.55);
      r.paint(lid, [0.12, 0.08, 0.07], 0.9);
    }
    const by = f.eyeY - f.browLift;
    const tilt = f.browTilt;
    const browStroke = r.stroke(r.mask(), [ex - side * 1.6, by + tilt * 0.6, ex, by - 0.25, ex + side * 1.7, by - tilt * 0.4 + 0.3], f.browWidth);
    r.paint(browStroke, brow);
  }
}

function drawMouth(r: Raster, f: FaceParams): void {
  const { cx, mouthY: y, mouthW: w } = f;
  if (f.attributes.smiling) {
    if (f.mouthOpen) {
      // Open smile: a half-ellipse with teeth on top, lips' colour at the rim.
      const h = f.mouthCurve + 0.6;
      const lips = r.ellipse(r.mask(), cx, y - 0.3, w + 0.4, h + 0.4);
      r.clipY(lips, y - 0.9, 40);
      r.paint(lips, f.lips);
      const inside = r.ellipse(r.mask(), cx, y - 0.3, w, h);
      r.clipY(inside, y - 0.35, 40);
      r.paint(inside, [0.35, 0.06, 0.08]);
      const teeth = r.ellipse(r.mask(), cx, y - 0.3, w * 0.85, h);
      r.clipY(teeth, y - 0.35, y + h * 0.38);
      r.paint(teeth, [0.98, 0.97, 0.93]);
    } else {
      // Closed smile: a curve with raised corners.
      const c = f.mouthCurve;
      const pts = [cx - w, y - c, cx - w * 0.5, y - c * 0.1, cx, y + c * 0.25, cx + w * 0.5, y - c * 0.1, cx + w, y - c];
      r.paint(r.stroke(r.mask(), pts, 0.95), scaleColour(f.lips, 0.7));
    }
  } else {
    // Neutral or slightly down-turned closed mouth.
    const droop = f.mouthOpen ? 0 : f.mouthCurve * 0.3;
    const hw = w * 0.72;
    const pts = [cx - hw, y + droop, cx - hw * 0.4, y - 0.05, cx + hw * 0.4, y - 0.05, cx + hw, y + droop];
    r.paint(r.stroke(r.mask(), pts, 0.9), scaleColour(f.lips, 0.75));
  }
}

function drawGlasses(r: Raster, f: FaceParams): void {
  const R = f.glassesR;
  const t = f.frameWidth;
  const frame = r.mask();
  const lenses = r.mask();
  for (const side of [-1, 1]) {
    const ex = f.cx + side * f.eyeGap;
    if (f.glassesRound) {
      r.ellipse(frame, ex, f.eyeY, R + t / 2, R * 0.85 + t / 2);
      r.ellipse(lenses, ex, f.eyeY, R - t / 2, R * 0.85 - t / 2);
    } else {
      r.rect(frame, ex - R - t / 2, f.eyeY - R * 0.72 - t / 2, ex + R + t / 2, f.eyeY + R * 0.72 + t / 2, 0.8);
      r.rect(lenses, ex - R + t / 2, f.eyeY - R * 0.72 + t / 2, ex + R - t / 2, f.eyeY + R * 0.72 - t / 2, 0.4);
    }
  }
  r.subtract(frame, lenses);
  const gap = f.eyeGap - R;
  r.stroke(frame, [f.cx - gap - 0.2, f.eyeY - 0.4, f.cx, f.eyeY - 0.8, f.cx + gap + 0.2, f.eyeY - 0.4], t * 0.9);
  // Temples: from the outer rims back to the ears.
  r.stroke(frame, [f.cx - f.eyeGap - R, f.eyeY - 0.5, f.cx - f.rx + 0.2, f.eyeY], t * 0.8);
  r.stroke(frame, [f.cx + f.eyeGap + R, f.eyeY - 0.5, f.cx + f.rx - 0.2, f.eyeY], t * 0.8);
  if (f.lensTint > 0) r.paint(lenses, [0.05, 0.05, 0.08], f.lensTint);
  else r.paint(lenses, [0.85, 0.92, 1], 0.15);
  r.paint(frame, f.frame);
}
