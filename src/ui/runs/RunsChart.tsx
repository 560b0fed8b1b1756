/** Loss curves of several runs on one chart (uPlot): one line per run for the chosen curve. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RunRecord } from '../../runs/record';
import { useEditor } from '../store/editor-store';
import { SERIES_COLOURS } from '../training/LossChart';

export interface RunsChartProps {
  runs: { record: RunRecord; label: string }[];
  curve: string;
  label: string;
}

export function RunsChart({ runs, curve, label }: RunsChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useEditor((s) => s.ui.theme);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const tables = runs.map(({ record }) => [record.curves.steps, record.curves.values[curve] ?? record.curves.steps.map(() => null)] as uPlot.AlignedData);
    const data = tables.length ? uPlot.join(tables) : ([[]] as unknown as uPlot.AlignedData);
    const dark = theme === 'dark';
    const axis = { stroke: dark ? '#9aa3b3' : '#677084', grid: { stroke: dark ? 'rgba(255,255,255,0.07)' : 'rgba(16,24,40,0.07)' } };
    const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6];
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 240,
        scales: { x: { time: false } },
        axes: [{ ...axis, incrs: steps }, axis],
        series: [{ label: 'step' }, ...runs.map((r, i) => ({ label: r.label, stroke: SERIES_COLOURS[i % SERIES_COLOURS.length], width: 1.6, spanGaps: true }))],
        legend: { show: true },
      },
      data,
      el,
    );
    return () => plot.destroy();
  }, [runs, curve, theme]);
  return <div ref={host} className="runs-chart" role="img" aria-label={label} data-curve={curve} data-runs={runs.length} />;
}
