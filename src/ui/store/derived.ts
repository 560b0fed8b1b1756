/**
 * State derived from the document, computed on demand and memoised by document identity (immer
 * gives every edit a new document and leaves an unchanged one as it was).
 */
import { checkDocument, type CheckResult, type Diagnostic } from '../../graph/checker';
import type { GraphDocument } from '../../graph/document';
import { indexGraph, type GraphIndex } from '../../graph/graph-index';
import { roleNeedsFor } from '../../lessons/index';
import { useEditor } from './editor-store';

const checks = new WeakMap<GraphDocument, CheckResult>();
const indexes = new WeakMap<GraphDocument, GraphIndex>();

export function checkOf(doc: GraphDocument): CheckResult {
  let result = checks.get(doc);
  if (!result) {
    result = checkDocument(doc, { roles: roleNeedsFor(doc.meta.view) });
    checks.set(doc, result);
  }
  return result;
}

export function indexOf(doc: GraphDocument): GraphIndex {
  let index = indexes.get(doc);
  if (!index) {
    index = indexGraph(doc);
    indexes.set(doc, index);
  }
  return index;
}

export function useCheck(): CheckResult {
  return checkOf(useEditor((s) => s.doc));
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

export function countProblems(diagnostics: readonly Diagnostic[]): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Diagnostics by node id. */
export function diagnosticsByNode(result: CheckResult): Map<string, Diagnostic[]> {
  const map = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    if (!d.node) continue;
    const list = map.get(d.node) ?? [];
    list.push(d);
    map.set(d.node, list);
  }
  return map;
}
