/** The gate before a run: the document must have nodes, check and compile; otherwise the problems are shown and nothing starts. */
import { compilePlan } from '../../compiler/compile';
import type { Plan } from '../../compiler/plan';
import type { GraphDocument } from '../../graph/document';
import { toast } from '../store/actions';
import { t } from '../i18n';
import { checkOf, countProblems } from '../store/derived';
import { editorApi } from '../store/editor-store';

export function planForTraining(doc: GraphDocument): Plan | null {
  if (doc.nodes.length === 0) {
    toast(t('train.nothing'), 'info');
    return null;
  }
  const check = checkOf(doc);
  const showProblems = (n: number) => {
    editorApi.getState().setUi({ problemsOpen: true });
    toast(t('train.fixFirst', { count: n }), 'error');
  };
  if (!check.ok) {
    showProblems(countProblems(check.diagnostics).errors);
    return null;
  }
  const result = compilePlan(doc);
  if (!result.ok) {
    showProblems(countProblems(result.diagnostics).errors || result.diagnostics.length);
    return null;
  }
  return result.plan;
}
