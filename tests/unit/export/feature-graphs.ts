/** Graphs that use the graph features a template does not (yet): for the export's comparisons. */
import type { GraphDocument } from '../../../src/graph/document';
import { applyVariant } from '../../../src/graph/variants';
import { loadTemplate } from '../helpers';

/**
 * gan-2d with instance noise (annealed) and spectral norm in D, a scaled tanh and a weight
 * average on G, one-sided label smoothing, an R1 penalty and gradient clipping in the D step, and
 * a scheduled weight on the G step's term.
 */
export function ganWithFeatures(): GraphDocument {
  const doc = structuredClone(loadTemplate('gan-2d'));
  const node = (id: string) => doc.nodes.find((n) => n.id === id)!;
  const layers = node('D').params.layers as Record<string, unknown>[];
  node('D').params.layers = [{ type: 'gaussianNoise', sigma: 0.1, anneal: 'linear' }, ...layers.map((l) => (l.type === 'dense' ? { ...l, spectralNorm: true } : l))];
  node('G').params.layers = [...(node('G').params.layers as object[]), { type: 'tanh', scale: 3 }];
  node('G').params.ema = 0.9;
  node('L_real').params.smoothing = 0.1;
  doc.nodes.push({ id: 'R1', kind: 'R1Penalty', params: { gamma: 1 }, position: { x: 900, y: 0 }, label: 'R1' });
  doc.edges.push({ id: 'D.out->R1.logits', source: { node: 'D', port: 'out' }, target: { node: 'R1', port: 'logits' } });
  const d = doc.phases.find((p) => p.id === 'd')!;
  d.terms.push({ loss: 'R1', weight: 1 });
  d.clipNorm = 0.5;
  const g = doc.phases.find((p) => p.id === 'g')!;
  g.terms[0].schedule = { type: 'linear', from: 0.5, to: 1, start: 1, end: 4, unit: 'steps' };
  return doc;
}

/**
 * Triple-GAN's paper steps (C also fools D) with the classifier's pseudo-labels made hard, their
 * confidence weighting both unlabelled terms.
 */
export function tripleGanWithHardLabels(): GraphDocument {
  const doc = applyVariant(loadTemplate('triple-gan'), 'paper-steps');
  doc.nodes.find((n) => n.id === 'P_u')!.params.labels = 'hard';
  for (const loss of ['L_D_u', 'L_C_adv']) doc.edges.push({ id: `P_u.confidence->${loss}.weights`, source: { node: 'P_u', port: 'confidence' }, target: { node: loss, port: 'weights' } });
  return doc;
}
