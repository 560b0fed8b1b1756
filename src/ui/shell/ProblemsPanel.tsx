/** The problems list: every diagnostic; clicking one selects and centres its node. */
import { getKind } from '../../graph/catalog';
import type { Diagnostic } from '../../graph/checker';
import { countProblems, useCheck } from '../store/derived';
import { useEditor } from '../store/editor-store';

let focusCount = 0;

export function ProblemsPanel() {
  const open = useEditor((s) => s.ui.problemsOpen);
  const setUi = useEditor((s) => s.setUi);
  const setSelection = useEditor((s) => s.setSelection);
  const doc = useEditor((s) => s.doc);
  const check = useCheck();
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
    <section className="problems" aria-label="Problems">
      <header className="problems-head">
        <h2>Problems</h2>
        <span className="muted">
          {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
        <button type="button" className="icon-btn" aria-label="Close problems" onClick={() => setUi({ problemsOpen: false })}>
          ×
        </button>
      </header>
      {sorted.length === 0 ? (
        <p className="problems-none">No problems: the graph checks out.</p>
      ) : (
        <ul className="problems-list">
          {sorted.map((d, i) => {
            const node = d.node ? doc.nodes.find((n) => n.id === d.node) : undefined;
            const kind = node && getKind(node.kind);
            return (
              <li key={i}>
                <button type="button" className={`problem ${d.severity === 'error' ? 'is-error' : 'is-warning'}`} onClick={() => go(d)}>
                  <span className="problem-sev">{d.severity === 'error' ? 'Error' : 'Warning'}</span>
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
