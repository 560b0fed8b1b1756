/**
 * What the generative lesson views share: data from the training worker refreshed as training
 * moves on, an image grid, a confusion matrix and a figures list. Every number shown comes from
 * the worker's `lesson(view)` — the code `ganvas eval` runs — or from `sample`.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Plan } from '../../../compiler/plan';
import type { LessonMetrics, LessonValue } from '../../../lessons/types';
import { trainingController } from '../../training/controller';
import { useTraining } from '../../training/training-store';
import { formats, useT } from '../../i18n';

/** Changes whenever the model may have changed: after each readback, step or phase step. */
export function useModelVersion(): { version: string; plan: Plan | null; live: boolean } {
  const step = useTraining((s) => s.step);
  const samples = useTraining((s) => s.sampleVersion);
  const status = useTraining((s) => s.status);
  const plan = useTraining((s) => s.plan);
  const live = status === 'running' || status === 'paused' || status === 'stepping' || status === 'done';
  return { version: `${step}:${samples}:${live}`, plan, live };
}

/**
 * Loads `load()` whenever `version` changes, one request at a time (a version that arrives while
 * one is in flight is loaded after it), and keeps the last result on screen meanwhile.
 */
export function useWorkerData<T>(load: (() => Promise<T>) | null, version: string): { data: T | null; error: string | null; loading: boolean } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const busy = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    // One loop serves every version: a version that arrives mid-request is loaded right after.
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    void (async () => {
      try {
        if (latest.current && mounted.current) setLoading(true);
        do {
          again.current = false;
          const f = latest.current;
          if (!f) break;
          try {
            const value = await f();
            if (mounted.current) {
              setData(value);
              setError(null);
            }
          } catch (e) {
            if (mounted.current) setError((e as Error).message);
          }
        } while (again.current && mounted.current);
      } finally {
        busy.current = false;
        if (mounted.current) setLoading(false);
      }
    })();
  }, [version]);
  return { data, error, loading };
}

/** The lesson's figures, computed in the worker on request or when a run pauses or ends. */
export function useLessonFigures(view: string, opts: { count?: number; auto?: boolean } = {}) {
  const status = useTraining((s) => s.status);
  const step = useTraining((s) => s.step);
  const [request, setRequest] = useState(0);
  const settled = status === 'paused' || status === 'done';
  const version = opts.auto !== false && settled ? `${status}:${step}:${request}` : `request:${request}`;
  const live = status !== 'idle' && status !== 'loading' && status !== 'failed';
  const { data, error, loading } = useWorkerData<LessonMetrics>(live && (request > 0 || (opts.auto !== false && settled)) ? () => trainingController.lessonFigures(view, { count: opts.count }) : null, version);
  return { figures: data, error, loading, refresh: () => setRequest((r) => r + 1), live };
}

/** Seconds since `active` became true (re-rendering every second meanwhile), or 0. */
function useSecondsSince(active: boolean): number {
  const [since, setSince] = useState<number | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!active) return setSince(null);
    setSince(performance.now());
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [active]);
  return since === null ? 0 : Math.floor((performance.now() - since) / 1000);
}

/** `what`: the pictures the view will show, in the interface's language. */
export function NotTraining({ what }: { what: string }) {
  const t = useT();
  return <p className="empty-note">{t('lv.notTraining', { what })}</p>;
}

/** Shown while the worker draws a view's pictures. */
export function Sampling() {
  const t = useT();
  return <p className="empty-note">{t('lv.sampling')}</p>;
}

/** Images [n, h, w, c] in [−1, 1] or [0, 1], drawn as a grid of `cols` columns. */
export function ImageGrid({ data, shape, cols, scale = 2, label }: { data: Float32Array; shape: number[]; cols: number; scale?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [n, h, w, c] = [shape[0], shape[1], shape[2], shape[3] ?? 1];
  const rows = Math.ceil(n / cols);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let lo = Infinity;
    for (const v of data) if (v < lo) lo = v;
    const signed = lo < -0.01;
    const img = ctx.createImageData(cols * w, rows * h);
    for (let i = 0; i < n; i++) {
      const ox = (i % cols) * w;
      const oy = Math.floor(i / cols) * h;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const at = ((oy + y) * cols * w + ox + x) * 4;
          for (let k = 0; k < 3; k++) {
            const v = data[((i * h + y) * w + x) * c + (c === 1 ? 0 : k)];
            img.data[at + k] = Math.round(255 * Math.min(1, Math.max(0, signed ? (v + 1) / 2 : v)));
          }
          img.data[at + 3] = 255;
        }
    }
    ctx.putImageData(img, 0, 0);
  }, [data, n, h, w, c, cols, rows]);
  return <canvas ref={ref} role="img" aria-label={label} width={cols * w} height={rows * h} style={{ width: cols * w * scale, height: rows * h * scale, imageRendering: 'pixelated', maxWidth: '100%' }} />;
}

/** Rows: true class; columns: predicted (or mapped) class. */
export function ConfusionMatrix({ matrix, label }: { matrix: number[][]; label: string }) {
  const t = useT();
  const max = Math.max(1, ...matrix.flat());
  return (
    <table className="confusion" aria-label={label} style={{ borderCollapse: 'collapse', fontSize: 10 }}>
      <tbody>
        {matrix.map((row, i) => (
          <tr key={i}>
            <th scope="row" style={{ paddingRight: 4 }}>{i}</th>
            {row.map((v, j) => (
              <td key={j} title={t('lv.confusionCell', { truth: i, predicted: j, n: v })} style={{ width: 18, height: 16, textAlign: 'center', background: `rgba(${i === j ? '60,160,90' : '200,80,80'},${(v / max).toFixed(3)})` }}>
                {v || ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A figure as the results table writes it: shares as percentages. */
export function formatValue(key: string, v: LessonValue | undefined): string {
  if (typeof v === 'number') {
    if (/accuracy|share|agreement|correct|intended/i.test(key) && v >= 0 && v <= 1) return formats().number(v, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  }
  return v === undefined || v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Named figures with the raw value in `data-value`, so tests can compare with `ganvas eval`. */
export function Figures({ figures, keys, labels }: { figures: LessonMetrics; keys: string[]; labels: Record<string, string> }) {
  return (
    <dl className="lesson-figures">
      {keys.map((k) => (
        <div key={k} data-figure={k} data-value={JSON.stringify(figures[k] ?? null)}>
          <dt>{labels[k] ?? k}</dt>
          <dd>{formatValue(k, figures[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

export function FiguresSection({ view, keys, labels, count, children, auto, slowNote }: { view: string; keys: string[]; labels: Record<string, string>; count?: number; auto?: boolean; children?: (figures: LessonMetrics) => ReactNode; slowNote?: string }) {
  const t = useT();
  const { figures, error, refresh, live, loading } = useLessonFigures(view, { count, auto });
  const seconds = useSecondsSince(loading);
  return (
    <section className="inspector-section" aria-label={t('lv.figures.label')} aria-busy={loading}>
      <h3>
        {t('lv.figures.title')}{' '}
        <button type="button" className="btn btn-small" onClick={refresh} disabled={!live || loading}>
          {loading ? t('lv.figures.computing') : t('lv.figures.compute')}
        </button>
      </h3>
      {loading && (
        <p className="empty-note" role="status">
          {seconds >= 2 ? t('lv.figures.computingFor', { seconds }) : t('lv.figures.computingNote')}
          {slowNote && seconds >= 2 ? ` ${slowNote}` : ''}
        </p>
      )}
      {error && <p className="empty-note" role="alert">{error}</p>}
      {figures ? (
        <>
          <Figures figures={figures} keys={keys} labels={labels} />
          {children?.(figures)}
        </>
      ) : (
        !loading && <p className="empty-note">{live ? t('lv.figures.whenSettled') : t('lv.figures.trainFirst')}</p>
      )}
    </section>
  );
}

/** Deterministic standard-normal values (Box–Muller on a small LCG): the same z on every refresh. */
export function fixedNormals(n: number, seed = 1): Float32Array {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const t = 2 * Math.PI * uniform();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/** Rows of n images taken from each column in turn (input, reconstruction, …), for an ImageGrid. */
export function interleave(columns: Float32Array[], n: number): Float32Array {
  const size = columns[0].length / n;
  const out = new Float32Array(size * n * columns.length);
  for (let i = 0; i < n; i++) columns.forEach((col, k) => out.set(col.subarray(i * size, (i + 1) * size), (i * columns.length + k) * size));
  return out;
}

export function oneHots(classes: number[], k: number): Float32Array {
  const out = new Float32Array(classes.length * k);
  classes.forEach((c, i) => (out[i * k + c] = 1));
  return out;
}
