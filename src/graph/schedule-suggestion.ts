/**
 * A schedule suggested from the losses, for a graph that has none yet. Adversarial losses (kinds
 * that declare a `verdict`) are split the way GANs train: a loss asking its judge for the honest
 * verdict — "real" for what is made from the data, "fake" for what is made from noise alone —
 * trains the judge (the "D step"); a loss asking for the opposite verdict trains the networks
 * upstream that make the judged input (the "G step"). Every other loss joins the step of the
 * networks it reaches. With no adversarial loss, one phase minimises them all. The optimizer is
 * one that works for a GAN on such data: Adam with β₁ 0.5, learning rate 2·10⁻⁴ for images (the
 * DCGAN recipe) and 10⁻³ for points and vectors. Pure.
 */
import { getKind } from './catalog';
import { checkDocument, type CheckResult } from './checker';
import type { GraphDocument, Optimizer, Phase } from './document';
import { indexGraph, type GraphIndex } from './graph-index';
import { gradientReach } from './reach';
import { dataShape } from './sizing';

/** Adam as GANs use it, at a learning rate for the data the graph trains on. */
export function ganOptimizer(doc: GraphDocument, check: CheckResult = checkDocument(doc)): Optimizer {
  const data = dataShape(doc, check);
  return { type: 'adam', lr: data?.shape.kind === 'image' ? 2e-4 : 1e-3, beta1: 0.5, beta2: 0.999, epsilon: 1e-8 };
}

/** Whether `node`'s value depends on a data set (as opposed to codes and noise alone). */
function fromData(index: GraphIndex, node: string): boolean {
  const seen = new Set<string>();
  const stack = [node];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const kind = getKind(index.nodes.get(id)?.kind ?? '');
    if (kind?.category === 'data') return true;
    for (const [port, edges] of index.incoming.get(id) ?? []) if (port !== 'shares') for (const e of edges) stack.push(e.source.node);
  }
  return false;
}

/** The trainable node whose output a loss reads first (its judge, for an adversarial loss). */
function judgeOf(index: GraphIndex, loss: string): string | undefined {
  const seen = new Set<string>();
  let frontier = [loss];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const [port, edges] of index.incoming.get(id) ?? []) {
        if (port === 'shares') continue;
        for (const e of edges) {
          const src = e.source.node;
          if (seen.has(src)) continue;
          seen.add(src);
          if (getKind(index.nodes.get(src)?.kind ?? '')?.trainable) return src;
          next.push(src);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/** Phases for a graph without any, or [] when its losses reach no network. */
export function suggestPhases(doc: GraphDocument, check: CheckResult = checkDocument(doc)): Phase[] {
  const index = indexGraph(doc);
  const owner = (id: string) => check.owners[id] ?? id;
  const losses = doc.nodes.filter((n) => getKind(n.kind)?.loss && check.params[n.id]);
  const reach = new Map(losses.map((l) => [l.id, [...gradientReach(index, l.id, check.owners).keys()]]));
  const judges = new Set<string>();
  const honest: string[] = [];
  const fooling: string[] = [];
  const others: string[] = [];
  for (const l of losses) {
    if (!reach.get(l.id)!.length) continue;
    const verdict = getKind(l.kind)!.verdict?.(check.params[l.id]);
    const judge = verdict ? judgeOf(index, l.id) : undefined;
    if (!verdict || !judge) {
      others.push(l.id);
      continue;
    }
    judges.add(owner(judge));
    (verdict === (fromData(index, judge) ? 'real' : 'fake') ? honest : fooling).push(l.id);
  }
  const optimizer = ganOptimizer(doc, check);
  const phase = (id: string, name: string, terms: string[], updates: Set<string>): Phase => ({
    id,
    name,
    terms: terms.map((loss) => ({ loss, weight: 1 })),
    updates: [...updates],
    optimizer: { ...optimizer },
    lrSchedule: { type: 'constant' },
    repeats: 1,
    enabled: true,
  });
  if (!judges.size) {
    const all = new Set(others.flatMap((l) => reach.get(l)!));
    return others.length ? [phase('train', 'Train', others, all)] : [];
  }
  // The makers: what the fooling losses reach besides the judges.
  const makers = new Set(fooling.flatMap((l) => reach.get(l)!).filter((g) => !judges.has(g)));
  const dTerms = [...honest];
  const gTerms = [...fooling];
  for (const l of others) {
    const reached = reach.get(l)!;
    if (reached.some((g) => makers.has(g) || !judges.has(g))) {
      gTerms.push(l);
      for (const g of reached) if (!judges.has(g)) makers.add(g);
    } else dTerms.push(l);
  }
  const phases: Phase[] = [];
  if (dTerms.length) phases.push(phase('d', 'D step', dTerms, judges));
  if (gTerms.length && makers.size) phases.push(phase('g', 'G step', gTerms, makers));
  return phases;
}
