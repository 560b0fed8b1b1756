/**
 * The fingerprint of a plan's structure: what its weights, optimizer slots and weight averages
 * depend on (not learning rates, steps or titles). A checkpoint loads only into a plan with the
 * same one. Pure, so the engine, the exporters and the page compute the same value.
 */
import type { Plan } from './plan';

/** FNV-1a of the structure that weights and optimizer slots depend on (not lr, steps or titles). */
export function planHash(plan: Plan): string {
  const structure = {
    batchSize: plan.batchSize,
    nodes: plan.nodes.map((n) => [n.id, n.kind, n.group ?? null, n.outputs]),
    groups: plan.groups.map((g) => [g.id, g.network.layers.map((l) => [l.layer, l.input, l.output])]),
    phases: plan.phases.map((p) => [p.id, p.updates, p.optimizer.type, p.terms.map((t) => t.loss)]),
    // Weight averages are variables too; left out when there are none, so older fingerprints hold.
    ...(plan.groups.some((g) => g.ema) ? { averaged: plan.groups.filter((g) => g.ema).map((g) => g.id) } : {}),
  };
  const text = JSON.stringify(structure);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
