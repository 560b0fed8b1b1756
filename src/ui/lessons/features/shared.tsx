/**
 * Pieces the feature lesson views share: figures from the training worker refreshed as training
 * moves on, pictures on a canvas, a scatter plot and a small line chart (plain SVG, no chart library).
 */
import { useEffect, useRef, useState } from 'react';
import type { LessonMetrics } from '../../../lessons/types';
import { trainingController } from '../../training/controller';
import { useTraining } from '../../training/training-store';
import { formats, useT } from '../../i18n';

/** Figures are recomputed at most this often while training runs (they cost a few forward passes). */
const REFRESH_MS = 3000;

export interface LessonFigures {
  figures: LessonMetrics | null;
  /** The step the figures were computed at. */
  step: number | null;
  error: string | null;
}

/**
 * The lesson's figures for the graph in the worker, fetched again when the step changes (at most
 * every REFRESH_MS); `onFigures` sees every new set (for histories over training).
 */
export function useLessonFigures(view: string, opts: { count?: number; onFigures?: (f: LessonMetrics, step: number) => void } = {}): LessonFigures {
  const step = useTraining((s) => s.step);
  const status = useTraining((s) => s.status);
  const [state, setState] = useState<LessonFigures>({ figures: null, step: null, error: null });
  const busy = useRef(false);
  const last = useRef({ step: -1, time: 0 });
  // Bumped when a fetch ends, so a step reached meanwhile (e.g. the last one) is fetched next.
  const [settled, setSettled] = useState(0);
  const onFigures = useRef(opts.onFigures);
  onFigures.current = opts.onFigures;
  useEffect(() => {
    if (status === 'idle' || status === 'loading' || busy.current || step === last.current.step) return;
    const finished = status !== 'running';
    if (!finished && performance.now() - last.current.time < REFRESH_MS) return;
    busy.current = true;
    last.current = { step, time: performance.now() };
    trainingController
      .lessonFigures(view, opts.count ? { count: opts.count } : {})
      .then((figures) => {
        setState({ figures, step, error: null });
        onFigures.current?.(figures, step);
      })
      .catch((e: unknown) => setState((s) => ({ ...s, error: (e as Error).message })))
      .finally(() => {
        busy.current = false;
        setSettled((n) => n + 1);
      });
  }, [view, step, status, opts.count, settled]);
  return state;
}

/** One [h, w, c] image (values in [lo, hi]) drawn pixel-exact and scaled up with CSS. */
export function ImageCanvas(props: { data: Float32Array; h: number; w: number; c: number; range?: [number, number]; scale?: number; label?: string; testId?: string; onPointer?: (x: number, y: number, down: boolean) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { data, h, w, c } = props;
  const [lo, hi] = props.range ?? [0, 1];
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = w;
    canvas.height = h;
    const image = ctx.createImageData(w, h);
    const byte = (v: number) => Math.max(0, Math.min(255, Math.round(((v - lo) / (hi - lo)) * 255)));
    for (let p = 0; p < h * w; p++) {
      const r = data[p * c];
      image.data[p * 4] = byte(r);
      image.data[p * 4 + 1] = byte(c === 1 ? r : data[p * c + 1]);
      image.data[p * 4 + 2] = byte(c === 1 ? r : data[p * c + 2]);
      image.data[p * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [data, h, w, c, lo, hi]);
  const scale = props.scale ?? 4;
  const pointer = (e: React.PointerEvent<HTMLCanvasElement>, down: boolean) => {
    if (!props.onPointer) return;
    const box = e.currentTarget.getBoundingClientRect();
    props.onPointer(Math.floor(((e.clientX - box.left) / box.width) * w), Math.floor(((e.clientY - box.top) / box.height) * h), down);
  };
  return (
    <figure style={{ margin: 4, display: 'inline-block', textAlign: 'center' }}>
      <canvas
        ref={ref}
        data-testid={props.testId}
        style={{ width: w * scale, height: h * scale, imageRendering: 'pixelated', cursor: props.onPointer ? 'crosshair' : undefined }}
        onPointerDown={(e) => pointer(e, true)}
        onPointerMove={(e) => e.buttons && pointer(e, true)}
      />
      {props.label && <figcaption style={{ fontSize: 12 }}>{props.label}</figcaption>}
    </figure>
  );
}

/** Distinct colours for up to 24 classes. */
export function classColour(k: number, count: number): string {
  return `hsl(${Math.round((k * 360) / Math.max(1, count))}, 70%, 50%)`;
}

/** 2-D points coloured by class. */
export function Scatter(props: { points: number[][]; classes: number[]; classCount: number; size?: number; testId?: string; title?: string }) {
  const size = props.size ?? 260;
  const xs = props.points.map((p) => p[0]);
  const ys = props.points.map((p) => p[1]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => 6 + ((x - x0) / (x1 - x0 || 1)) * (size - 12);
  const sy = (y: number) => size - 6 - ((y - y0) / (y1 - y0 || 1)) * (size - 12);
  return (
    <svg width={size} height={size} data-testid={props.testId} role="img" aria-label={props.title} style={{ border: '1px solid #8884', margin: 4 }}>
      {props.points.map((p, i) => (
        <circle key={i} cx={sx(p[0])} cy={sy(p[1])} r={2.5} fill={classColour(props.classes[i], props.classCount)} fillOpacity={0.7} />
      ))}
    </svg>
  );
}

/** Lines over training steps: one series per name, values in [0, 1]. */
export function StepChart(props: { steps: number[]; series: Record<string, number[]>; testId?: string; width?: number; height?: number }) {
  const width = props.width ?? 320;
  const height = props.height ?? 140;
  const last = Math.max(1, ...props.steps);
  const sx = (s: number) => 30 + (s / last) * (width - 40);
  const sy = (v: number) => height - 20 - v * (height - 30);
  const names = Object.keys(props.series);
  return (
    <svg width={width} height={height} data-testid={props.testId} style={{ border: '1px solid #8884', margin: 4 }}>
      <line x1={30} y1={sy(0)} x2={width - 10} y2={sy(0)} stroke="#888" />
      <text x={2} y={sy(1) + 4} fontSize={10} fill="currentColor">1</text>
      <text x={2} y={sy(0) + 4} fontSize={10} fill="currentColor">0</text>
      {names.map((name, k) => (
        <g key={name}>
          <polyline fill="none" stroke={classColour(k, names.length)} strokeWidth={2} points={props.series[name].map((v, i) => `${sx(props.steps[i])},${sy(v)}`).join(' ')} />
          <text x={34 + k * 110} y={12} fontSize={11} fill={classColour(k, names.length)}>{name}</text>
        </g>
      ))}
    </svg>
  );
}

/** A number as a percentage with one decimal, as the interface's language writes it. */
export const percent = (x: unknown): string => (typeof x === 'number' ? formats().number(x, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }) : '–');

/** A number with `digits` decimals, as the interface's language writes it. */
export const fixed = (x: number, digits: number): string => formats().number(x, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Shown until the first figures arrive. */
export function Waiting(props: { error: string | null }) {
  const t = useT();
  return <p style={{ opacity: 0.7 }}>{props.error ? t('lv.couldNotCompute', { reason: props.error }) : t('lv.trainToSee')}</p>;
}

/** A figure as text, carrying its exact value (`data-figure` = its key in the lesson's JSON) for tests. */
export function Figure(props: { name: string; value: unknown; children: React.ReactNode }) {
  return (
    <b data-figure={props.name} data-value={JSON.stringify(props.value ?? null)}>
      {props.children}
    </b>
  );
}

/** The step the figures shown were computed at (hidden; tests wait for it to reach the last step). */
export function FiguresStep(props: { step: number | null }) {
  return <span hidden data-figure="figuresStep" data-value={JSON.stringify(props.step)} />;
}
