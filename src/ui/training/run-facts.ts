/** Facts about a run the dock derives from its document and plan: keys, epochs, what may change live. */
import type { Plan } from '../../compiler/plan';
import { getKind } from '../../graph/catalog';
import type { GraphDocument } from '../../graph/document';
import { legacyDocumentKey } from '../../graph/document-id';

/**
 * Checkpoints and runs belong to a document: its id (kept through renames), or for a document
 * without one the key checkpoints had before ids (its template and title).
 */
export function docKeyOf(doc: GraphDocument): string {
  return doc.meta.id ?? legacyDocumentKey(doc);
}

/** Passes over the first data set the graph draws from (its kind says how many examples one is). */
export function epochOf(plan: Plan, step: number): number {
  const size = plan.nodes.map((n) => getKind(n.kind)?.examples?.(n.params)).find((s) => s !== undefined) ?? 0;
  return size > 0 ? (step * plan.batchSize) / size : 0;
}

/** The plan with what can change during a run (learning rates, loss weights, steps, names) taken out. */
export function structureOf(plan: Plan): string {
  const lossWeight = new Map(plan.losses.map((l) => [l.id, l.weight]));
  return JSON.stringify({
    ...plan,
    title: '',
    steps: 0,
    logEvery: 0,
    groups: plan.groups.map((g) => ({ ...g, label: '' })),
    losses: plan.losses.map((l) => ({ ...l, label: '', weight: 0 })),
    nodes: plan.nodes.map((n) => ({ ...n, label: '', ...(lossWeight.has(n.id) ? { params: { ...n.params, weight: 0 } } : {}) })),
    phases: plan.phases.map((p) => ({
      ...p,
      name: '',
      optimizer: { ...p.optimizer, lr: 0 },
      terms: p.terms.map((t) => ({ loss: t.loss, weight: t.weight / (lossWeight.get(t.loss) || 1) })),
    })),
  });
}

/** "the worker died" → "The worker died." */
export function sentence(text: string): string {
  const t = text.trim().replace(/;\s*try a lower learning rate$/, '. Try a lower learning rate');
  return (t.charAt(0).toUpperCase() + t.slice(1)).replace(/([^.!?])$/, '$1.');
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
