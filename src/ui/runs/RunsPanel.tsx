/**
 * The Runs panel: every kept run of this document (and, on request, of all documents) — pick some
 * to overlay their loss curves, read their lesson figures side by side, and see what changed in
 * their graphs. A run record written by `ganvas train` (run.json) can be imported.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { create } from 'zustand';
import { describeChange, diffGraphs } from '../../runs/diff';
import { parseRunRecord, type RunRecord } from '../../runs/record';
import { useFormats, useT } from '../i18n';
import { useDocumentText } from '../i18n/document-text';
import { Dialog } from '../shell/Dialog';
import { toast } from '../store/actions';
import { editorApi, useEditor } from '../store/editor-store';
import { docKeyOf } from '../training/run-facts';
import { importRecord, refreshRuns, removeRun, useRuns } from './recorder';
import './runs.css';

const RunsChart = lazy(() => import('./RunsChart').then((m) => ({ default: m.RunsChart })));

export const useRunsPanel = create<{ open: boolean }>()(() => ({ open: false }));
export const openRuns = () => useRunsPanel.setState({ open: true });

type Leaf = string | number | boolean | null;

/** A lesson's figures as dotted leaves (short lists kept whole, long ones left out). */
export function figureLeaves(value: unknown, prefix = '', out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') out.set(prefix, value);
  else if (Array.isArray(value)) {
    if (value.length <= 4 && value.every((v) => typeof v === 'number')) out.set(prefix, value.map((v) => Number(v.toPrecision(4))).join(', '));
  } else if (typeof value === 'object') for (const [k, v] of Object.entries(value as Record<string, unknown>)) figureLeaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function useRunLabel() {
  const f = useFormats();
  const t = useT();
  return (r: RunRecord) => {
    const lrs = Object.entries(r.settings.learningRates)
      .map(([phase, lr]) => `${phase} ${f.number(lr, { maximumSignificantDigits: 3 })}`)
      .join(', ');
    return t('runs.label', { time: f.dateTime(r.startedAt, { timeStyle: 'short' }), rates: lrs });
  };
}

function FiguresTable({ runs }: { runs: { record: RunRecord; label: string }[] }) {
  const t = useT();
  const f = useFormats();
  const leaves = runs.map((r) => figureLeaves(r.record.figures?.metrics ?? {}));
  const keys = [...new Set(leaves.flatMap((l) => [...l.keys()]))];
  if (!keys.length) return <p className="muted">{t('runs.noFigures')}</p>;
  const show = (v: Leaf | undefined) => (v === undefined ? '—' : typeof v === 'number' ? f.number(v, { maximumSignificantDigits: 4 }) : String(v));
  return (
    <table className="runs-table" aria-label={t('runs.figuresTable')}>
      <thead>
        <tr>
          <th>{t('runs.figure')}</th>
          {runs.map((r) => (
            <th key={r.record.id}>{r.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            {leaves.map((l, i) => (
              <td key={runs[i].record.id}>{show(l.get(k))}</td>
            ))}
          </tr>
        ))}
        <tr>
          <th scope="row">{t('runs.figuresAt')}</th>
          {runs.map((r) => (
            <td key={r.record.id}>{r.record.figures ? f.number(r.record.figures.step) : '—'}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function GraphDiff({ base, other }: { base: { record: RunRecord; label: string }; other: { record: RunRecord; label: string } }) {
  const t = useT();
  const changes = useMemo(() => diffGraphs(base.record.document, other.record.document), [base, other]);
  return (
    <section className="runs-diff" aria-label={t('runs.diffLabel', { a: base.label, b: other.label })}>
      <h4>{t('runs.diffTitle', { a: base.label, b: other.label })}</h4>
      {changes.length === 0 ? (
        <p className="muted">{t('runs.sameGraph')}</p>
      ) : (
        <ul className="plain runs-changes">
          {changes.map((c, i) => {
            const d = describeChange(c, base.record.document, other.record.document);
            return (
              <li key={i} className={`is-${c.change}`}>
                <span className="runs-change-kind">{t(`runs.change.${c.change}`)}</span> <strong>{d.item}</strong>
                {d.path && <code> {d.path}</code>}
                {c.change === 'changed' && (
                  <>
                    : <code>{d.before}</code> → <code>{d.after}</code>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function RunsPanel() {
  const open = useRunsPanel((s) => s.open);
  const t = useT();
  const f = useFormats();
  const runLabel = useRunLabel();
  const runs = useRuns((s) => s.runs);
  const doc = useEditor((s) => s.doc);
  const docText = useDocumentText(doc);
  const [all, setAll] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [curve, setCurve] = useState('');
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) void refreshRuns();
  }, [open]);
  const key = docKeyOf(doc);
  const listed = useMemo(() => runs.filter((r) => all || docKeyOf(r.document) === key), [runs, all, key]);
  const picked = useMemo(() => chosen.map((id) => listed.find((r) => r.id === id)).filter((r): r is RunRecord => !!r).sort((a, b) => a.startedAt - b.startedAt).map((record) => ({ record, label: runLabel(record) })), [chosen, listed, runLabel]);
  const curves = useMemo(() => [...new Set(picked.flatMap((p) => Object.keys(p.record.curves.values)))], [picked]);
  const shownCurve = curves.includes(curve) ? curve : curves[0] ?? '';
  if (!open) return null;
  const close = () => useRunsPanel.setState({ open: false });
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const onFile = async (input: HTMLInputElement) => {
    const chosenFile = input.files?.[0];
    input.value = '';
    if (!chosenFile) return;
    if (chosenFile.size > 8_000_000) {
      toast(t('runs.importTooLarge', { file: chosenFile.name }), 'error');
      return;
    }
    const parsed = parseRunRecord(await chosenFile.text(), chosenFile.name);
    if (!parsed.ok) {
      toast(t('runs.importFailed', { reason: parsed.error }), 'error', undefined, 9000);
      return;
    }
    await importRecord(parsed.record);
    setChosen((c) => [...new Set([...c, parsed.record.id])]);
    if (docKeyOf(parsed.record.document) !== key) setAll(true);
    toast(t('runs.imported', { title: parsed.record.title }), 'success');
  };
  return (
    <Dialog id="runs" className="runs-dialog" title={t('runs.title', { title: docText.title })} closeLabel={t('runs.close')} onClose={close}>
      <div className="runs-toolbar">
        <label className="check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('runs.allDocuments')}
        </label>
        <button type="button" className="btn btn-small" onClick={() => file.current?.click()}>
          {t('runs.import')}
        </button>
        <input ref={file} type="file" accept=".json,application/json" hidden onChange={(e) => void onFile(e.target)} aria-label={t('runs.importFile')} />
        <span className="muted">{t('runs.hint')}</span>
      </div>
      {listed.length === 0 ? (
        <p className="muted">{t('runs.none')}</p>
      ) : (
        <table className="runs-table runs-list" aria-label={t('runs.listLabel')}>
          <thead>
            <tr>
              <th>{t('runs.compare')}</th>
              <th>{t('runs.started')}</th>
              <th>{t('runs.source')}</th>
              <th>{t('runs.status')}</th>
              <th>{t('runs.steps')}</th>
              <th>{t('runs.learningRates')}</th>
              <th>{t('runs.speed')}</th>
              <th>{t('runs.samples')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {listed.map((r) => (
              <tr key={r.id} className={chosen.includes(r.id) ? 'is-chosen' : ''}>
                <td>
                  <input type="checkbox" checked={chosen.includes(r.id)} onChange={() => toggle(r.id)} aria-label={t('runs.compareRun', { run: runLabel(r) })} />
                </td>
                <td>{f.dateTime(r.startedAt)}</td>
                <td>{t(`runs.source.${r.source}`)}</td>
                <td>{t(`runs.status.${r.status}`)}</td>
                <td>
                  {f.number(r.step)} / {f.number(r.settings.steps)} <span className="muted">({r.settings.size === 'tiny' || r.settings.size === 'small' || r.settings.size === 'full' ? t(`settings.preset.${r.settings.size}`) : r.settings.size})</span>
                </td>
                <td>
                  {Object.entries(r.settings.learningRates)
                    .map(([p, lr]) => `${p}: ${f.number(lr, { maximumSignificantDigits: 3 })}`)
                    .join(' · ')}
                </td>
                <td>{r.settings.stepsPerSecond ? t('runs.perSecond', { n: f.number(r.settings.stepsPerSecond, { maximumFractionDigits: 1 }) }) : '—'}</td>
                <td>{r.samples ? <img className="runs-thumb" src={r.samples.png} alt={t('runs.samplesAlt', { step: r.samples.step })} /> : '—'}</td>
                <td className="runs-row-actions">
                  <button type="button" className="btn btn-small" onClick={() => editorApi.getState().openDocument(structuredClone(r.document), t('runs.openGraphUndo'))} title={t('runs.openGraphHelp')}>
                    {t('runs.openGraph')}
                  </button>
                  <button type="button" className="icon-btn is-danger" aria-label={t('runs.deleteRun', { run: runLabel(r) })} onClick={() => void removeRun(r.id)}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {picked.length > 0 && (
        <div className="runs-compare">
          <div className="runs-curve">
            <label>
              {t('runs.curve')}{' '}
              <select className="input" value={shownCurve} onChange={(e) => setCurve(e.target.value)} aria-label={t('runs.curve')}>
                {curves.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <Suspense fallback={<p className="muted">{t('runs.loadingChart')}</p>}>
              <RunsChart runs={picked} curve={shownCurve} label={t('runs.chartLabel', { curve: shownCurve, count: picked.length })} />
            </Suspense>
          </div>
          <h4>{t('runs.figuresTitle')}</h4>
          <FiguresTable runs={picked} />
          {picked.length >= 2 ? picked.slice(1).map((p) => <GraphDiff key={p.record.id} base={picked[0]} other={p} />) : <p className="muted">{t('runs.pickTwo')}</p>}
        </div>
      )}
    </Dialog>
  );
}
