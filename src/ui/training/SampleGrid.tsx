/**
 * The first generator's output, refreshed every few steps: images as a grid on a canvas, 2-D points
 * as a scatter over the real data, other vectors as a heat strip (one row per sample).
 */
import { currentLocale, t } from '../i18n';
import { documentText } from '../i18n/document-text';
import { useEffect, useRef } from 'react';
import { useEditor } from '../store/editor-store';
import { trainingController, type SampleView } from './controller';
import { useTraining } from './training-store';

function drawImages(canvas: HTMLCanvasElement, view: Extract<SampleView, { kind: 'images' }>): void {
  const [count, h, w, c] = view.shape;
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const gap = 1;
  const width = cols * (w + gap) - gap;
  const height = rows * (h + gap) - gap;
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  const px = image.data;
  const [lo, hi] = view.range;
  const scale = 255 / (hi - lo);
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round((v - lo) * scale)));
  const data = view.data;
  for (let n = 0; n < count; n++) {
    const ox = (n % cols) * (w + gap);
    const oy = Math.floor(n / cols) * (h + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((n * h + y) * w + x) * c;
        const dst = ((oy + y) * width + ox + x) * 4;
        if (c === 1) {
          const v = byte(data[src]);
          px[dst] = px[dst + 1] = px[dst + 2] = v;
        } else {
          px[dst] = byte(data[src]);
          px[dst + 1] = byte(data[src + 1]);
          px[dst + 2] = byte(data[src + 2]);
        }
        px[dst + 3] = 255;
      }
    }
  }
  ctx.putImageData(image, 0, 0);
}

function drawPoints(canvas: HTMLCanvasElement, view: Extract<SampleView, { kind: 'points' }>, dark: boolean): void {
  const size = 420;
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = dark ? '#12151b' : '#ffffff';
  ctx.fillRect(0, 0, size, size);
  // Bounds from the real data (the target), widened a little; fakes outside are clamped to the edge.
  const ref = view.real ?? view.fake;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < ref.length; i++) {
    if (Number.isFinite(ref[i])) {
      min = Math.min(min, ref[i]);
      max = Math.max(max, ref[i]);
    }
  }
  if (!Number.isFinite(min)) {
    min = -1;
    max = 1;
  }
  const pad = (max - min) * 0.12 || 1;
  min -= pad;
  max += pad;
  const to = (v: number) => 6 + ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * (size - 12);
  ctx.strokeStyle = dark ? 'rgba(255,255,255,0.08)' : 'rgba(16,24,40,0.08)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(to(0), 0);
  ctx.lineTo(to(0), size);
  ctx.moveTo(0, size - to(0));
  ctx.lineTo(size, size - to(0));
  ctx.stroke();
  const dots = (xy: Float32Array, colour: string, r: number) => {
    ctx.fillStyle = colour;
    for (let i = 0; i + 1 < xy.length; i += 2) {
      if (!Number.isFinite(xy[i]) || !Number.isFinite(xy[i + 1])) continue;
      ctx.beginPath();
      ctx.arc(to(xy[i]), size - to(xy[i + 1]), r, 0, Math.PI * 2);
      ctx.fill();
    }
  };
  if (view.real) dots(view.real, dark ? 'rgba(154,163,179,0.55)' : 'rgba(103,112,132,0.45)', 3);
  dots(view.fake, dark ? 'rgba(240,100,122,0.85)' : 'rgba(211,52,77,0.8)', 3);
}

function drawVectors(canvas: HTMLCanvasElement, view: Extract<SampleView, { kind: 'vectors' }>): void {
  const count = view.shape[0];
  const dims = view.data.length / Math.max(1, count);
  canvas.width = Math.max(1, dims);
  canvas.height = Math.max(1, count);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of view.data) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi - lo || 1;
  const image = ctx.createImageData(canvas.width, canvas.height);
  for (let i = 0; i < view.data.length; i++) {
    const t = (view.data[i] - lo) / span;
    image.data[i * 4] = Math.round(47 + t * (211 - 47));
    image.data[i * 4 + 1] = Math.round(111 - t * 60);
    image.data[i * 4 + 2] = Math.round(222 - t * 145);
    image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

export function SampleGrid() {
  const version = useTraining((s) => s.sampleVersion);
  const plan = useTraining((s) => s.plan);
  const theme = useEditor((s) => s.ui.theme);
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = trainingController.sample;

  useEffect(() => {
    const el = canvas.current;
    if (!el || !view) return;
    if (view.kind === 'images') drawImages(el, view);
    else if (view.kind === 'points') drawPoints(el, view, theme === 'dark');
    else drawVectors(el, view);
  }, [version, view, theme]);

  const samples = plan?.samples;
  const doc = useEditor((s) => s.doc);
  const sampledNode = samples && doc.nodes.find((n) => n.id === samples.node);
  const caption = (sampledNode && documentText(doc, currentLocale()).nodeLabel(sampledNode)) || samples?.label || t('samples.samples');
  return (
    <div className="samples" aria-label={t('samples.title')}>
      <div className="dock-head">
        <h3>{t('samples.title')}</h3>
        <span className="muted">{view ? t('samples.caption', { label: caption, step: view.step }) : ''}</span>
      </div>
      <div className={`samples-frame${view ? ` is-${view.kind}` : ''}`}>
        {view ? (
          <canvas ref={canvas} className="samples-canvas" aria-label={view.kind === 'points' ? t('samples.pointsLabel') : t('samples.imagesLabel')} data-step={view.step} />
        ) : (
          <div className="samples-empty">{t(plan && !samples ? 'samples.none' : 'samples.waiting')}</div>
        )}
      </div>
      {view?.kind === 'points' && (
        <div className="samples-key">
          <span className="dot is-fake" /> {t('samples.generated')} <span className="dot is-real" /> {t('samples.real')}
        </div>
      )}
    </div>
  );
}
