/**
 * One-click variants of a template (plain VAE, source-only, pixel loss only, …): a variant is data
 * in the document, and applying it gives a new document; the original is never changed.
 */
import type { GraphDocument } from './document';

export function applyVariant(doc: GraphDocument, variantId: string): GraphDocument {
  const variant = doc.variants.find((v) => v.id === variantId);
  if (!variant) {
    const have = doc.variants.map((v) => v.id).join(', ') || 'none';
    throw new Error(`“${doc.meta.title}” has no variant "${variantId}" (it has ${have})`);
  }
  const next = structuredClone(doc);
  const removed = new Set(variant.removeNodes);
  next.nodes = next.nodes.filter((n) => !removed.has(n.id));
  next.edges = next.edges.filter((e) => !removed.has(e.source.node) && !removed.has(e.target.node));
  next.nodes.push(...structuredClone(variant.addNodes));
  next.edges.push(...structuredClone(variant.addEdges));
  for (const { node, param, value } of variant.setParams) {
    const target = next.nodes.find((n) => n.id === node);
    if (!target) throw new Error(`variant "${variantId}" sets a param on "${node}", which is not in the graph`);
    target.params = { ...target.params, [param]: structuredClone(value) };
  }
  if (variant.phases) next.phases = structuredClone(variant.phases);
  else {
    next.phases = next.phases
      .map((p) => ({ ...p, terms: p.terms.filter((t) => !removed.has(t.loss)), updates: p.updates.filter((u) => !removed.has(u)) }))
      .filter((p) => p.terms.length > 0 && p.updates.length > 0);
  }
  // A role on a removed node is gone; a role that reads an input follows the new wiring.
  const roles = Object.entries(next.meta.roles ?? {}).filter(([, ref]) => !removed.has(typeof ref === 'string' ? ref : ref.node));
  next.meta = { ...next.meta, title: `${doc.meta.title} — ${variant.title}`, ...(next.meta.roles ? { roles: Object.fromEntries(roles) } : {}) };
  next.variants = [];
  return next;
}
