/**
 * Defaults that learn: networks sized for the data they are wired to, and a schedule suggested
 * from the losses — checked on the templates (their phases taken away) and on fresh nodes.
 */
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../../src/graph/checker';
import { emptyDocument, type GraphDocument } from '../../../src/graph/document';
import { ganOptimizer, suggestPhases } from '../../../src/graph/schedule-suggestion';
import { applySizing, networksToSize } from '../../../src/graph/sizing';
import { loadTemplate } from '../helpers';

const withoutPhases = (name: string): GraphDocument => ({ ...loadTemplate(name), phases: [] });
const summary = (doc: GraphDocument) => suggestPhases(doc).map((p) => ({ name: p.name, terms: p.terms.map((t) => t.loss).sort(), updates: [...p.updates].sort() }));

/** An MNIST GAN as fresh palette nodes: nothing but the wires set. */
function mnistGan(): GraphDocument {
  const doc = emptyDocument();
  doc.nodes = [
    { id: 'data', kind: 'Dataset', params: {}, position: { x: 0, y: 0 } },
    { id: 'z', kind: 'Noise', params: {}, position: { x: 0, y: 200 } },
    { id: 'G', kind: 'Generator', params: {}, position: { x: 250, y: 200 } },
    { id: 'D', kind: 'Discriminator', params: {}, position: { x: 500, y: 0 } },
    { id: 'D2', kind: 'Discriminator', params: {}, position: { x: 500, y: 200 } },
  ];
  doc.edges = [
    { id: 'a', source: { node: 'data', port: 'x' }, target: { node: 'D', port: 'x' } },
    { id: 'b', source: { node: 'z', port: 'z' }, target: { node: 'G', port: 'x' } },
    { id: 'c', source: { node: 'G', port: 'out' }, target: { node: 'D2', port: 'x' } },
    { id: 'd', source: { node: 'D', port: 'weights' }, target: { node: 'D2', port: 'shares' } },
  ];
  return doc;
}

describe('sizing for the data', () => {
  it('images: DCGAN stacks, the generator ending in the data’s range, z left at 62', () => {
    const doc = mnistGan();
    const sized = networksToSize(doc);
    expect(sized.map((s) => [s.node, s.why])).toEqual([
      ['G', 'DCGAN for 28×28 images'],
      ['D', 'DCGAN for 28×28 images'],
    ]);
    const after = applySizing(doc, sized);
    const check = checkDocument(after);
    expect(check.shapes.G.outputs.out.dims).toEqual([28, 28, 1]);
    expect(check.shapes.D.outputs.out.dims).toEqual([1]);
    const g = after.nodes.find((n) => n.id === 'G')!.params.layers as { type: string }[];
    expect(g.some((l) => l.type === 'convTranspose2d')).toBe(true);
    // Pixels in −1..1 (the Dataset's default): a tanh makes exactly that range; in 0..1, a sigmoid.
    expect(g[g.length - 1].type).toBe('tanh');
    const unit = mnistGan();
    unit.nodes[0].params = { range: '0..1' };
    const layers = networksToSize(unit)[0].params.layers!;
    expect(layers[layers.length - 1].type).toBe('sigmoid');
    // The sharer takes D's stack; nothing is left to size.
    expect(networksToSize(after)).toEqual([]);
  });

  it('points: the MLP preset and a short z; nothing before the graph has data', () => {
    const doc = mnistGan();
    doc.nodes[0].params = { name: 'ring8' };
    const sized = networksToSize(doc);
    expect(sized.map((s) => [s.node, s.why])).toEqual([
      ['z', 'dim 4 for 2-D points'],
      ['G', 'MLP for 2-D points'],
      ['D', 'MLP for 2-D points'],
    ]);
    const noData = { ...doc, nodes: doc.nodes.slice(1), edges: doc.edges.filter((e) => e.source.node !== 'data') };
    expect(networksToSize(noData)).toEqual([]);
  });

  it('never resizes what was set', () => {
    const doc = mnistGan();
    doc.nodes[2].params = { layers: [{ type: 'dense', units: 784 }, { type: 'reshape', shape: [28, 28, 1] }] };
    expect(networksToSize(doc).map((s) => s.node)).toEqual(['D']);
  });
});

describe('a schedule suggested from the losses', () => {
  it('gan-2d: D step on the honest verdicts, G step on the fooling one', () => {
    expect(summary(withoutPhases('gan-2d'))).toEqual([
      { name: 'D step', terms: ['L_fake', 'L_real'], updates: ['D'] },
      { name: 'G step', terms: ['L_G'], updates: ['G'] },
    ]);
  });

  it('BiGAN: the pair made from data is the real one; E and G learn together', () => {
    expect(summary(withoutPhases('bigan'))).toEqual([
      { name: 'D step', terms: ['L_fake', 'L_real'], updates: ['D'] },
      { name: 'G step', terms: ['L_E', 'L_G', 'L_x', 'L_z'], updates: ['E', 'G'] },
    ]);
  });

  it('without adversarial losses: one phase over every network the losses reach', () => {
    const s = summary(withoutPhases('dann'));
    expect(s).toHaveLength(1);
    expect(s[0].updates).toEqual(['Cd', 'Cy', 'F']);
  });

  it('optimizers for a GAN: Adam β₁ 0.5, 2e-4 for images, 1e-3 for points', () => {
    expect(ganOptimizer(withoutPhases('infogan'))).toMatchObject({ type: 'adam', lr: 2e-4, beta1: 0.5 });
    expect(ganOptimizer(withoutPhases('gan-2d'))).toMatchObject({ type: 'adam', lr: 1e-3, beta1: 0.5 });
    for (const p of suggestPhases(withoutPhases('gan-2d'))) expect(p.optimizer.lr).toBe(1e-3);
  });
});
