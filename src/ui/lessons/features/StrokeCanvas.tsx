/**
 * Colour strokes painted with the pointer over a picture (photo editing's brush). The strokes are
 * kept per pixel — a colour and whether it was painted — and become a target image plus a weight
 * mask for the fit (`strokeTarget`): 1 where painted, 0 elsewhere.
 */
import { useEffect, useRef } from 'react';
import { t } from '../../i18n';

export interface Strokes {
  h: number;
  w: number;
  /** [h, w, 3] colours in [0, 1] where painted. */
  colours: Float32Array;
  /** [h, w]: 1 where painted. */
  painted: Uint8Array;
}

export const noStrokes = (h: number, w: number): Strokes => ({ h, w, colours: new Float32Array(h * w * 3), painted: new Uint8Array(h * w) });

export const strokeCount = (s: Strokes): number => s.painted.reduce((a, b) => a + b, 0);

/** A "#rrggbb" colour as three values in [0, 1]. */
export function rgbOf(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

/**
 * The fit's target and weights, both [1, h, w, 3] with values in [-1, 1] (the generator's range):
 * the painted colours where painted, the base picture elsewhere (weight 0 there, so any value would do).
 */
export function strokeTarget(s: Strokes, base: Float32Array): { target: Float32Array; weights: Float32Array } {
  const target = Float32Array.from(base, (v) => v * 2 - 1);
  const weights = new Float32Array(s.h * s.w * 3);
  for (let p = 0; p < s.h * s.w; p++) {
    if (!s.painted[p]) continue;
    for (let c = 0; c < 3; c++) {
      target[p * 3 + c] = s.colours[p * 3 + c] * 2 - 1;
      weights[p * 3 + c] = 1;
    }
  }
  return { target, weights };
}

/** Paints a round brush of `radius` pixels along the segment from `from` to `to` (pixel coordinates). */
function paintSegment(s: Strokes, from: [number, number], to: [number, number], radius: number, rgb: [number, number, number]): void {
  const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
  const steps = Math.max(1, Math.ceil(length * 2));
  const r = Math.max(0, radius - 0.5);
  for (let k = 0; k <= steps; k++) {
    const cx = from[0] + ((to[0] - from[0]) * k) / steps;
    const cy = from[1] + ((to[1] - from[1]) * k) / steps;
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        if (x < 0 || y < 0 || x >= s.w || y >= s.h || Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r + 0.5) continue;
        const p = y * s.w + x;
        s.painted[p] = 1;
        s.colours.set(rgb, p * 3);
      }
    }
  }
}

export function StrokeCanvas(props: {
  /** [h, w, 3] in [0, 1]: the picture painted on. */
  base: Float32Array;
  strokes: Strokes;
  onChange: (next: Strokes) => void;
  colour: string;
  /** Brush radius in picture pixels. */
  brush: number;
  scale?: number;
  disabled?: boolean;
  label?: string;
  testId?: string;
}) {
  const { base, strokes } = props;
  const { h, w } = strokes;
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<[number, number] | null>(null);
  const current = useRef(strokes);
  current.current = strokes;
  const scale = props.scale ?? 8;

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = w;
    canvas.height = h;
    const image = ctx.createImageData(w, h);
    for (let p = 0; p < h * w; p++) {
      const from = strokes.painted[p] ? strokes.colours : base;
      for (let c = 0; c < 3; c++) image.data[p * 4 + c] = Math.max(0, Math.min(255, Math.round(from[p * 3 + c] * 255)));
      image.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [base, strokes, h, w]);

  const at = (e: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
    const box = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * w, ((e.clientY - box.top) / box.height) * h];
  };
  const paint = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const p = at(e);
    const s = current.current;
    const next: Strokes = { ...s, colours: s.colours.slice(), painted: s.painted.slice() };
    paintSegment(next, last.current ?? p, p, props.brush, rgbOf(props.colour));
    last.current = p;
    current.current = next; // moves may come faster than renders
    props.onChange(next);
  };

  return (
    <figure style={{ margin: 4, display: 'inline-block', textAlign: 'center' }}>
      <canvas
        ref={ref}
        role="img"
        aria-label={props.label ?? t('lv.strokeCanvas')}
        data-testid={props.testId}
        style={{ width: w * scale, height: h * scale, imageRendering: 'pixelated', cursor: props.disabled ? 'not-allowed' : 'crosshair', touchAction: 'none' }}
        onPointerDown={(e) => {
          if (props.disabled) return;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          last.current = null;
          paint(e);
        }}
        onPointerMove={(e) => {
          if (props.disabled || !e.buttons || last.current === null) return;
          paint(e);
        }}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
      />
      {props.label && <figcaption style={{ fontSize: 12 }}>{props.label}</figcaption>}
    </figure>
  );
}
