/**
 * The live loss chart (uPlot): one line per loss term, or per phase (its weighted total), smoothed
 * with an exponential moving average and drawn over the faint raw readings. Redraws at most once a
 * frame from the controller's series, so thousands of points cost nothing in React.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Plan } from '../../compiler/plan';
import { useEditor } from '../store/editor-store';
import { trainingController } from './controller';
import { smooth } from './series';
import { formats, t, useLocale } from '../i18n';
import { useDocumentText, type DocumentText } from '../i18n/document-text';
import { updateSettings, useTraining } from './training-store';

/** Whole steps only on the x axis. */
const STEP_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7];

export const SERIES_COLOURS = ['#2f6fde', '#d43f6b', '#1d9a61', '#c98a00', '#8b5cf6', '#0e9aa7', '#e4572e', '#7a8699'];

interface Line {
  key: string;
  label: string;
  colour: string;
}

export function chartLines(plan: Plan | null, mode: 'terms' | 'phases', text?: DocumentText): Line[] {
  if (!plan) return [];
  const items = mode === 'terms' ? plan.losses.map((l) => ({ key: l.id, label: text?.nodeLabel({ id: l.id, label: l.label }) ?? l.label })) : plan.phases.map((p) => ({ key: p.id, label: text ? text.phaseName(p) : p.name }));
  return items.map((item, i) => ({ ...item, colour: SERIES_COLOURS[i % SERIES_COLOURS.length] }));
}

function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return v.toPrecision(4).replace(/\.?0+$/, '');
}

export function LossChart() {
  useLocale((s) => s.locale);
  const plan = useTraining((s) => s.plan);
  const settings = useTraining((s) => s.settings);
  const version = useTraining((s) => s.seriesVersion);
  const theme = useEditor((s) => s.ui.theme);
  const text = useDocumentText(useEditor((s) => s.doc));
  const lines = useMemo(() => chartLines(plan, settings.chart, text), [plan, settings.chart, text]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const frame = useRef(0);
  const [latest, setLatest] = useState<Record<string, number | null>>({});

  const allPositive = useMemo(() => {
    for (const line of lines) {
      const col = trainingController.series.column(line.key);
      if (col) for (let i = 0; i < col.length; i++) if (col[i] <= 0) return false;
    }
    return true;
    // Re-evaluated when the scale is rebuilt (log toggle) or new points arrive.
  }, [lines, version, settings.logScale]);
  const distr: 1 | 3 | 4 = !settings.logScale ? 1 : allPositive ? 3 : 4;

  const data = (): uPlot.AlignedData => {
    const xs = trainingController.series.xs();
    const out: uPlot.AlignedData[number][] = [xs];
    for (const line of lines) {
      const col = trainingController.series.column(line.key) ?? new Float64Array(xs.length).fill(NaN);
      out.push(smooth(col, settings.smoothing) as (number | null)[]);
      if (settings.smoothing > 0) out.push(smooth(col, 0) as (number | null)[]);
    }
    return out as uPlot.AlignedData;
  };

  // (Re)build the plot when what it draws changes shape.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const dark = theme === 'dark';
    const axisColour = dark ? '#9aa3b3' : '#677084';
    const gridColour = dark ? 'rgba(255,255,255,0.07)' : 'rgba(16,24,40,0.07)';
    const series: uPlot.Series[] = [{ label: 'step' }];
    for (const line of lines) {
      const show = !hidden.has(line.key);
      series.push({ label: line.label, stroke: line.colour, width: 1.8, show, points: { show: false }, spanGaps: true });
      if (settings.smoothing > 0) series.push({ label: `${line.label} (raw)`, stroke: line.colour + '40', width: 1, show, points: { show: false }, spanGaps: true });
    }
    const axis = (side?: 1 | 3): uPlot.Axis => ({
      stroke: axisColour,
      grid: { stroke: gridColour, width: 1 },
      ticks: { stroke: gridColour, width: 1, size: 4 },
      font: '11px system-ui, sans-serif',
      ...(side === 3
        ? { size: 48, space: 22, values: (_u: uPlot, vals: number[]) => vals.map((v) => formatValue(v)) }
        : { size: 26, space: 56, incrs: STEP_INCRS, values: (_u: uPlot, vals: number[]) => vals.map((v) => v.toLocaleString()) }),
    });
    const rect = el.getBoundingClientRect();
    const u = new uPlot(
      {
        width: Math.max(120, Math.floor(rect.width)),
        height: Math.max(80, Math.floor(rect.height)),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 5 } },
        scales: { x: { time: false }, y: distr === 4 ? { distr: 4, asinh: 0.01 } : { distr } },
        axes: [axis(), axis(3)],
        series,
        hooks: {
          setCursor: [
            (self: uPlot) => {
              const i = self.cursor.idx;
              if (i === null || i === undefined) return;
              const values: Record<string, number | null> = {};
              lines.forEach((line, k) => {
                const col = self.data[1 + k * (settings.smoothing > 0 ? 2 : 1)];
                values[line.key] = (col?.[i] as number | null) ?? null;
              });
              values.__step = (self.data[0][i] as number) ?? null;
              setLatest(values);
            },
          ],
        },
      },
      data(),
      el,
    );
    plot.current = u;
    const observer = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) u.setSize({ width: Math.floor(r.width), height: Math.floor(r.height) });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
    // `hidden` is applied without a rebuild below.
  }, [lines, settings.smoothing, distr, theme]);

  // New points: one setData per frame at most.
  useEffect(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => plot.current?.setData(data()));
    return () => cancelAnimationFrame(frame.current);
  }, [version, lines, settings.smoothing]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    const per = settings.smoothing > 0 ? 2 : 1;
    lines.forEach((line, k) => {
      for (let j = 0; j < per; j++) u.setSeries(1 + k * per + j, { show: !hidden.has(line.key) });
    });
  }, [hidden, lines, settings.smoothing, distr, theme]);

  const last = (key: string): number | null => {
    if (latest.__step !== undefined && latest.__step !== null) return latest[key] ?? null;
    const col = trainingController.series.column(key);
    if (!col || col.length === 0) return null;
    const s = smooth(col, settings.smoothing);
    return s[s.length - 1];
  };

  const points = trainingController.series.length;
  return (
    <div className="chart" aria-label={t('dock.chart')}>
      <div className="chart-tools">
        <div className="segmented is-small" role="radiogroup" aria-label={t('chart.lines')}>
          {(['terms', 'phases'] as const).map((m) => (
            <label key={m} className={settings.chart === m ? 'is-on' : ''}>
              <input type="radio" name="chart-mode" value={m} checked={settings.chart === m} onChange={() => updateSettings({ chart: m })} />
              {t(m === 'terms' ? 'chart.terms' : 'chart.phases')}
            </label>
          ))}
        </div>
        <label className="check chart-log">
          <input type="checkbox" checked={settings.logScale} onChange={(e) => updateSettings({ logScale: e.target.checked })} />
          <span>{t('chart.log')}</span>
        </label>
        <label className="chart-smooth" title={t('chart.smoothingHelp')}>
          <span>{t('chart.smoothing')}</span>
          <input type="range" min={0} max={0.99} step={0.01} value={settings.smoothing} aria-label={t('chart.smoothing')} onChange={(e) => updateSettings({ smoothing: Number(e.target.value) })} />
          <output>{formats().number(settings.smoothing, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</output>
        </label>
      </div>
      <ul className="chart-legend" aria-label={t('chart.legend')} onMouseLeave={() => setLatest({})}>
        {lines.map((line) => (
          <li key={line.key}>
            <button
              type="button"
              className={hidden.has(line.key) ? 'is-off' : ''}
              aria-pressed={!hidden.has(line.key)}
              title={t(hidden.has(line.key) ? 'chart.clickToShow' : 'chart.clickToHide', { line: line.key })}
              onClick={() =>
                setHidden((h) => {
                  const next = new Set(h);
                  if (next.has(line.key)) next.delete(line.key);
                  else next.add(line.key);
                  return next;
                })
              }
            >
              <span className="swatch" style={{ background: line.colour }} />
              <span className="legend-label">{line.label}</span>
              <span className="legend-value" data-key={line.key}>
                {formatValue(last(line.key))}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="chart-plot" ref={host} data-points={points}>
        {points === 0 && <div className="chart-empty">{plan ? t('chart.waiting') : t('chart.pressTrain')}</div>}
      </div>
    </div>
  );
}
