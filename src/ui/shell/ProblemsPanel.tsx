/** The problems list: every diagnostic; clicking one selects and centres its node. */
import { getKind } from '../../graph/catalog';
import type { Diagnostic } from '../../graph/checker';
import { countProblems, useCheck } from '../store/derived';
import { useEditor } from '../store/editor-store';
import { useT } from '../i18n';

let focusCount = 0;

export function ProblemsPanel() {
  const open = useEditor((s) => s.ui.problemsOpen);
  const setUi = useEditor((s) => s.setUi);
  const setSelection = useEditor((s) => s.setSelection);
  const doc = useEditor((s) => s.doc);
  const check = useCheck();
  const t = useT();
  if (!open) return null;
  const { errors, warnings } = countProblems(check.diagnostics);
  const sorted = [...check.diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const go = (d: Diagnostic) => {
    if (d.node && doc.nodes.some((n) => n.id === d.node)) {
      setSelection([d.node]);
      setUi({ focus: { id: d.node, n: ++focusCount }, rightTab: d.phase ? 'schedule' : 'node' });
    } else if (d.phase) {
      setUi({ rightTab: 'schedule' });
    } else if (d.edge) {
      setSelection([], [d.edge]);
      setUi({ rightTab: 'node' });
    }
  };
  return (
    <section className="problems" aria-label={t('problems.title')}>
      <header className="problems-head">
        <h2>{t('problems.title')}</h2>
        <span className="muted">
          {t('top.errors', { count: errors })}, {t('top.warnings', { count: warnings })}
        </span>
        <button type="button" className="icon-btn" aria-label={t('problems.close')} onClick={() => setUi({ problemsOpen: false })}>
          ×
        </button>
      </header>
      {sorted.length === 0 ? (
        <p className="problems-none">{t('problems.none')}</p>
      ) : (
        <ul className="problems-list">
          {sorted.map((d, i) => {
            const node = d.node ? doc.nodes.find((n) => n.id === d.node) : undefined;
            const kind = node && getKind(node.kind);
            return (
              <li key={i}>
                <button type="button" className={`problem ${d.severity === 'error' ? 'is-error' : 'is-warning'}`} onClick={() => go(d)}>
                  <span className="problem-sev">{t(d.severity === 'error' ? 'problems.error' : 'problems.warning')}</span>
                  <span className="problem-msg">{d.message}</span>
                  {kind && <span className="problem-where">{node!.label || node!.id}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
