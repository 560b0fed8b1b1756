/** What one wire carries, drawn: an image grid, a histogram with mean and std, a scatter by label, and the gradients flowing back. */
import { useEffect, useRef } from 'react';
import type { WireProbe } from '../../../workers/training-api';
import { formatDims } from '../../graph/types';
import { useFormats, useT } from '../i18n';
import './wires.css';

/** Ten distinguishable colours for labels (then they repeat). */
const LABEL_COLOURS = ['#2f6fde', '#d43f6b', '#2a9d5c', '#e8a33d', '#8b5cf6', '#1fb5c9', '#e0612f', '#6b7280', '#b8336a', '#5aa02c'];

function ImageGrid({ probe, label }: { probe: WireProbe; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const images = probe.summary.images!;
  const cols = Math.ceil(Math.sqrt(images.count));
  const rows = Math.ceil(images.count / cols);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const { height: h, width: w, channels: c, pixels } = images;
    const data = ctx.createImageData(cols * (w + 1), rows * (h + 1));
    data.data.fill(255);
    for (let i = 0; i < images.count; i++) {
      const ox = (i % cols) * (w + 1);
      const oy = Math.floor(i / cols) * (h + 1);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const src = ((i * h + y) * w + x) * c;
          const dst = ((oy + y) * data.width + ox + x) * 4;
          data.data[dst] = pixels[src];
          data.data[dst + 1] = pixels[src + (c >= 3 ? 1 : 0)];
          data.data[dst + 2] = pixels[src + (c >= 3 ? 2 : 0)];
          data.data[dst + 3] = 255;
        }
    }
    ctx.putImageData(data, 0, 0);
  }, [images, cols, rows]);
  return <canvas ref={ref} className="wire-grid" width={cols * (images.width + 1)} height={rows * (images.height + 1)} role="img" aria-label={label} />;
}

function Histogram({ probe, label }: { probe: WireProbe; label: string }) {
  const { counts } = probe.summary.histogram;
  const top = Math.max(1, ...counts);
  const w = 200;
  const h = 48;
  const bw = w / counts.length;
  return (
    <svg className="wire-histogram" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      {counts.map((c, i) => (
        <rect key={i} x={i * bw + 0.5} width={Math.max(0.5, bw - 1)} y={h - (c / top) * h} height={(c / top) * h} />
      ))}
    </svg>
  );
}

function Scatter({ probe, label }: { probe: WireProbe; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const s = probe.summary.scatter!;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const size = 160;
    ctx.clearRect(0, 0, size, size);
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < s.x.length; i++) {
      x0 = Math.min(x0, s.x[i]);
      x1 = Math.max(x1, s.x[i]);
      y0 = Math.min(y0, s.y[i]);
      y1 = Math.max(y1, s.y[i]);
    }
    const sx = (v: number) => 6 + ((v - x0) / (x1 - x0 || 1)) * (size - 12);
    const sy = (v: number) => size - 6 - ((v - y0) / (y1 - y0 || 1)) * (size - 12);
    for (let i = 0; i < s.x.length; i++) {
      ctx.fillStyle = s.labels ? LABEL_COLOURS[s.labels[i] % LABEL_COLOURS.length] : '#2f6fde';
      ctx.beginPath();
      ctx.arc(sx(s.x[i]), sy(s.y[i]), 2.2, 0, Math.PI * 2);
      ctx.fill();
    }
  }, [s]);
  return <canvas ref={ref} className="wire-scatter" width={160} height={160} role="img" aria-label={label} />;
}

/** The drawing of one probe. */
export function WireView({ probe }: { probe: WireProbe }) {
  const t = useT();
  const f = useFormats();
  const s = probe.summary;
  const n = (v: number) => (Number.isFinite(v) ? f.number(v, { maximumSignificantDigits: 3 }) : String(v));
  const wire = `${probe.node}.${probe.port}`;
  return (
    <div className="wire-view" data-step={probe.step}>
      <p className="wire-meta">
        {t('wires.meta', { kind: t(`wires.kind.${s.kind}`), dims: formatDims(s.dims), batch: s.batch, step: probe.step })}
      </p>
      {s.images && <ImageGrid probe={probe} label={t('wires.imagesLabel', { wire, step: probe.step })} />}
      {s.scatter && (
        <figure className="wire-figure">
          <Scatter probe={probe} label={t('wires.scatterLabel', { wire, step: probe.step })} />
          <figcaption className="muted">
            {s.scatter.axes === 'pca'
              ? t('wires.scatterPca', { a: f.number(100 * (s.scatter.explained?.[0] ?? 0), { maximumFractionDigits: 0 }), b: f.number(100 * (s.scatter.explained?.[1] ?? 0), { maximumFractionDigits: 0 }) })
              : t('wires.scatterValues')}
            {probe.labelsFrom ? ` · ${t('wires.colouredBy', { labels: probe.labelsFrom })}` : ''}
          </figcaption>
        </figure>
      )}
      <Histogram probe={probe} label={t('wires.histogramLabel', { wire, min: n(s.histogram.min), max: n(s.histogram.max) })} />
      <dl className="wire-stats">
        <dt>{t('wires.mean')}</dt>
        <dd>{n(s.mean)}</dd>
        <dt>{t('wires.std')}</dt>
        <dd>{n(s.std)}</dd>
        <dt>{t('wires.range')}</dt>
        <dd>
          {n(s.histogram.min)} … {n(s.histogram.max)}
        </dd>
        {s.nonFinite > 0 && (
          <>
            <dt>{t('wires.nonFinite')}</dt>
            <dd className="is-error">{f.number(s.nonFinite, { style: 'percent', maximumFractionDigits: 1 })}</dd>
          </>
        )}
      </dl>
      {probe.gradients.length > 0 ? (
        <ul className="wire-gradients" aria-label={t('wires.gradients')}>
          {probe.gradients.map((g) => (
            <li key={g.phase}>
              <span className="wire-phase">{g.name}</span>{' '}
              {g.error ? <span className="muted" title={g.error}>{t('wires.gradientUnavailable')}</span> : t('wires.gradientNorm', { norm: n(g.norm), perExample: n(g.perExample) })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted wire-gradients">{t('wires.noGradient')}</p>
      )}
    </div>
  );
}
