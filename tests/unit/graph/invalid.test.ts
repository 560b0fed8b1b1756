/**
 * Invalid documents: each case breaks one template in one way and asserts the exact place
 * (node, port or field, phase) and the substance of the diagnostic a learner would read.
 */
import { describe, expect, it } from 'vitest';
import { checkDocument, type Diagnostic } from '../../../src/graph/checker';
import type { GraphDocument } from '../../../src/graph/document';
import { loadTemplate } from '../helpers';

interface Case {
  name: string;
  template: string;
  mutate: (doc: GraphDocument) => void;
  expect: Partial<Omit<Diagnostic, 'message'>> & { message: RegExp };
}

const node = (doc: GraphDocument, id: string) => {
  const n = doc.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
const rewire = (doc: GraphDocument, from: string, to: string) => {
  const [tn, tp] = to.split('.');
  const [sn, sp] = from.split('.');
  doc.edges = doc.edges.filter((e) => !(e.target.node === tn && e.target.port === tp));
  doc.edges.push({ id: `${from}->${to}`, source: { node: sn, port: sp }, target: { node: tn, port: tp } });
};
const unwire = (doc: GraphDocument, to: string) => {
  const [tn, tp] = to.split('.');
  doc.edges = doc.edges.filter((e) => !(e.target.node === tn && e.target.port === tp));
};
const layers = (doc: GraphDocument, id: string) => node(doc, id).params.layers as Record<string, unknown>[];

const CASES: Case[] = [
  {
    name: 'a cycle through the generator',
    template: 'gan-2d',
    mutate: (d) => {
      d.nodes.push({ id: 'loop', kind: 'Concat', params: {}, position: { x: 0, y: 0 } });
      rewire(d, 'z.z', 'loop.a');
      rewire(d, 'G.out', 'loop.b');
      rewire(d, 'loop.out', 'G.x');
    },
    expect: { code: 'cycle', node: 'G', message: /Generator ‹G› is part of a cycle .*‹G›.*‹loop›|‹loop›.*‹G›/ },
  },
  {
    name: 'a required input left unconnected',
    template: 'gan-2d',
    mutate: (d) => unwire(d, 'G.x'),
    expect: { code: 'unconnected', node: 'G', port: 'x', message: /^Generator ‹G›: input x is not connected \(it needs a code, a vector, labels or an image\)/ },
  },
  {
    name: 'labels into an image port',
    template: 'infogan',
    mutate: (d) => rewire(d, 'c1.c', 'D.x'),
    expect: { code: 'kind', node: 'D', port: 'x', message: /^Discriminator ‹D \(real\)›: input x expects an image or a vector but gets labels of 10$/ },
  },
  {
    name: 'images into a dense-first network',
    template: 'gan-2d',
    mutate: (d) => (node(d, 'data').params.name = 'mnist'),
    expect: { code: 'shape', node: 'D', port: 'x', message: /input x gets an image 28×28×1, but the first layer: Dense needs a flat vector but gets an image 28×28×1; add a Flatten layer/ },
  },
  {
    name: 'a vector into a conv-first network',
    template: 'vae-gan',
    mutate: (d) => rewire(d, 'zp.z', 'E.x'),
    expect: { code: 'kind', node: 'E', port: 'x', message: /Encoder ‹E›: input x expects an image or a vector but gets a code of 64/ },
  },
  {
    name: 'a shared network fed another shape',
    template: 'gan-2d',
    mutate: (d) => (layers(d, 'G')[4] = { type: 'dense', units: 3 }),
    expect: { code: 'shape', node: 'D_fake', port: 'x', message: /input x gets a vector of 3, but the weights it shares with ‹D \(real\)› were made for a vector of 2/ },
  },
  {
    name: 'a negative width',
    template: 'gan-2d',
    mutate: (d) => (node(d, 'G').params.width = -1),
    expect: { code: 'param', node: 'G', field: 'width', message: /Generator ‹G›: width must be above 0, not -1/ },
  },
  {
    name: 'k = 0 categories',
    template: 'infogan',
    mutate: (d) => (node(d, 'c1').params.k = 0),
    expect: { code: 'param', node: 'c1', field: 'k', message: /Categorical code ‹c1›: categories must be at least 1, not 0/ },
  },
  {
    name: 'an unknown data set',
    template: 'gan-2d',
    mutate: (d) => (node(d, 'data').params.name = 'cifar10'),
    expect: { code: 'param', node: 'data', field: 'name', message: /Dataset ‹ring of 8›: name must be one of mnist, .* not "cifar10"/ },
  },
  {
    name: 'a loss used by no phase',
    template: 'infogan',
    mutate: (d) => d.phases.forEach((p) => (p.terms = p.terms.filter((t) => t.loss !== 'L_c23'))),
    expect: { severity: 'warning', code: 'unused-loss', node: 'L_c23', message: /Code regression ‹L_I: c2, c3› is used by no phase/ },
  },
  {
    name: 'a phase that updates nothing',
    template: 'gan-2d',
    mutate: (d) => (d.phases[1].updates = []),
    expect: { code: 'phase-empty', phase: 'g', message: /Phase ‹G step› updates nothing/ },
  },
  {
    name: 'a phase with no loss',
    template: 'gan-2d',
    mutate: (d) => (d.phases[0].terms = []),
    expect: { code: 'phase-empty', phase: 'd', message: /Phase ‹D step› has no loss to minimise/ },
  },
  {
    name: 'a phase whose loss is cut off by a stop-gradient',
    template: 'gan-2d',
    mutate: (d) => {
      d.nodes.push({ id: 'sg', kind: 'StopGradient', params: {}, position: { x: 0, y: 0 } });
      rewire(d, 'G.out', 'sg.x');
      rewire(d, 'sg.out', 'D_fake.x');
    },
    expect: { code: 'no-gradient', phase: 'g', node: 'G', message: /Phase ‹G step›: none of its losses reaches the weights of Generator ‹G› \(no gradient path: blocked by Stop gradient ‹sg›\)/ },
  },
  {
    name: 'a phase updating a network its losses never touch',
    template: 'photo-editing',
    mutate: (d) => d.phases[2].updates.push('D'),
    expect: { code: 'no-gradient', phase: 'e', node: 'D', message: /^Phase ‹Encoder step \(G frozen\)›: none of its losses reaches the weights of Discriminator ‹D \(real\)› \(no gradient path\)$/ },
  },
  {
    name: 'a network no phase updates',
    template: 'bigan',
    mutate: (d) => (d.phases[1].updates = ['G']),
    expect: { severity: 'warning', code: 'frozen-network', node: 'E', message: /Encoder ‹E› is updated by no phase, so it keeps its random weights/ },
  },
  {
    name: 'labels from a data set that has none',
    template: 'dann',
    mutate: (d) => (node(d, 'src').params.name = 'faces'),
    expect: { code: 'no-such-port', node: 'src', port: 'label', message: /Dataset ‹source: MNIST›: the Cartoon faces \(synthetic\) data set has no “label” \(it has x, attributes, domain\)/ },
  },
  {
    name: 'an unknown node kind',
    template: 'gan-2d',
    mutate: (d) => d.nodes.push({ id: 'w', kind: 'Wormhole', params: {}, position: { x: 0, y: 0 } }),
    expect: { code: 'unknown-kind', node: 'w', message: /‹w›: unknown node kind "Wormhole"/ },
  },
  {
    name: 'two nodes with one id',
    template: 'gan-2d',
    mutate: (d) => d.nodes.push({ ...structuredClone(node(d, 'z')) }),
    expect: { code: 'duplicate-id', node: 'z', message: /Two nodes have the id "z"/ },
  },
  {
    name: 'a connection to a node that does not exist',
    template: 'gan-2d',
    mutate: (d) => d.edges.push({ id: 'ghost', source: { node: 'nowhere', port: 'out' }, target: { node: 'G', port: 'x' } }),
    expect: { code: 'dangling-edge', edge: 'ghost', message: /refers to a node "nowhere" that does not exist/ },
  },
  {
    name: 'two connections into one input',
    template: 'gan-2d',
    mutate: (d) => {
      d.nodes.push({ id: 'z2', kind: 'Noise', params: { dim: 8 }, position: { x: 0, y: 0 } });
      d.edges.push({ id: 'second', source: { node: 'z2', port: 'z' }, target: { node: 'G', port: 'x' } });
    },
    expect: { code: 'multiple-inputs', node: 'G', port: 'x', message: /Generator ‹G›: input x has 2 connections; an input takes one/ },
  },
  {
    name: 'a connection to an input that does not exist',
    template: 'gan-2d',
    mutate: (d) => d.edges.push({ id: 'bad', source: { node: 'z', port: 'z' }, target: { node: 'G', port: 'y' } }),
    expect: { code: 'no-such-port', node: 'G', port: 'y', message: /Generator ‹G› has no input "y" \(it has x, shares\)/ },
  },
  {
    name: 'a phase naming a loss that does not exist',
    template: 'gan-2d',
    mutate: (d) => d.phases[0].terms.push({ loss: 'L_missing', weight: 1 }),
    expect: { code: 'phase-loss', phase: 'd', field: 'phases[0].terms[2]', message: /Phase ‹D step›: loss "L_missing" does not exist/ },
  },
  {
    name: 'a phase minimising something that is not a loss',
    template: 'gan-2d',
    mutate: (d) => d.phases[0].terms.push({ loss: 'z', weight: 1 }),
    expect: { code: 'phase-loss', phase: 'd', node: 'z', message: /Noise ‹z› is not a loss/ },
  },
  {
    name: 'a phase updating a node without weights',
    template: 'gan-2d',
    mutate: (d) => d.phases[1].updates.push('z'),
    expect: { code: 'phase-update', phase: 'g', node: 'z', field: 'phases[1].updates[1]', message: /Noise ‹z› has no weights to update/ },
  },
  {
    name: 'a phase updating a network that does not exist',
    template: 'gan-2d',
    mutate: (d) => d.phases[1].updates.push('H'),
    expect: { code: 'phase-update', phase: 'g', message: /Phase ‹G step›: network "H" does not exist/ },
  },
  {
    name: 'a layer missing a required field',
    template: 'infogan',
    mutate: (d) => (layers(d, 'D')[0] = { type: 'conv2d', kernel: 4 }),
    expect: { code: 'shape', node: 'D', field: 'layers[0].filters', message: /Conv2D \(layer 1\) filters: / },
  },
  {
    name: 'a reshape that cannot fit',
    template: 'infogan',
    mutate: (d) => (layers(d, 'G')[6] = { type: 'reshape', shape: [7, 7, 30] }),
    expect: { code: 'shape', node: 'G', field: 'layers[6]', message: /layer 7: Reshape cannot arrange 1568 values as 7×7×30 \(1470\)/ },
  },
  {
    name: 'split sizes that do not add up',
    template: 'infogan',
    mutate: (d) => (node(d, 'q').params.sizes = [10, 3]),
    expect: { code: 'shape', node: 'q', field: 'sizes', message: /Split ‹Q → c1, c23›: sizes add up to 13 but input x has 12 values/ },
  },
  {
    name: 'class counts that differ between logits and labels',
    template: 'infogan',
    mutate: (d) => (node(d, 'c1').params.k = 8),
    expect: { code: 'shape', node: 'L_c1', port: 'labels', message: /input labels has labels of 8 but the logits have logits of 10/ },
  },
  {
    name: 'a degrade factor that does not divide the image',
    template: 'super-resolution',
    mutate: (d) => (node(d, 'deg').params.factor = 3),
    expect: { code: 'shape', node: 'deg', field: 'factor', message: /Degrade ‹↓4›: factor 3 does not divide the image size 32×32/ },
  },
  {
    name: 'μ and log σ² of different sizes',
    template: 'vae-gan',
    mutate: (d) => (node(d, 'musig').params.sizes = [60, 68]),
    expect: { code: 'shape', node: 'rep', port: 'logvar', message: /inputs mu and logvar must have the same shape, but get a code of 60 and a code of 68/ },
  },
  {
    name: 'sharing the weights of another kind of network',
    template: 'gan-2d',
    mutate: (d) => rewire(d, 'G.weights', 'D_fake.shares'),
    expect: { code: 'share-kind', node: 'D_fake', port: 'shares', message: /Discriminator ‹D \(fake\)› can only share the weights of another Discriminator, not of Generator ‹G›/ },
  },
  {
    name: 'features read from a layer that has no such name',
    template: 'infogan',
    mutate: (d) => (node(d, 'D').params.featuresAt = 'nope'),
    expect: { code: 'shape', node: 'D', field: 'featuresAt', message: /no layer is named "nope" \(named layers: trunk\)/ },
  },
  {
    name: 'an adversarial loss on many scores per example',
    template: 'gan-2d',
    mutate: (d) => (layers(d, 'D')[4] = { type: 'dense', units: 3 }),
    expect: { code: 'shape', node: 'L_real', port: 'logits', message: /input logits expects one score per example but gets logits of 3/ },
  },
  {
    name: 'a continuous code range upside down',
    template: 'infogan',
    mutate: (d) => Object.assign(node(d, 'c23').params, { min: 2, max: -2 }),
    expect: { code: 'param', node: 'c23', field: 'max', message: /max \(-2\) must be above min \(2\)/ },
  },
  {
    name: 'an unknown param',
    template: 'gan-2d',
    mutate: (d) => (node(d, 'z').params.colour = 'blue'),
    expect: { severity: 'warning', code: 'unknown-param', node: 'z', field: 'colour', message: /unknown param "colour" is ignored/ },
  },
  {
    name: 'a network with no layers',
    template: 'gan-2d',
    mutate: (d) => (node(d, 'G').params.layers = []),
    expect: { code: 'shape', node: 'G', field: 'layers', message: /Generator ‹G›: a network needs at least one layer/ },
  },
  {
    name: 'a head with no trunk',
    template: 'infogan',
    mutate: (d) => unwire(d, 'Q.features'),
    expect: { code: 'unconnected', node: 'Q', port: 'features', message: /Head ‹Q›: input features is not connected/ },
  },
  {
    name: 'no labelled examples per class',
    template: 'triple-gan',
    mutate: (d) => (node(d, 'sub').params.perClass = 0),
    expect: { code: 'param', node: 'sub', field: 'perClass', message: /labels per class must be at least 1, not 0/ },
  },
  {
    name: 'images of different sizes joined by channel',
    template: 'inpainting',
    mutate: (d) => {
      d.nodes.push({ id: 'small', kind: 'Degrade', params: { factor: 2 }, position: { x: 0, y: 0 } });
      rewire(d, 'x.x', 'small.x');
      rewire(d, 'small.lr', 'gin.b');
    },
    expect: { code: 'shape', node: 'gin', port: 'b', message: /input b gets an image 16×16×3 but images are joined by channel and need size 32×32/ },
  },
  {
    name: 'a wrong-sized mask',
    template: 'inpainting',
    mutate: (d) => {
      d.nodes.push({ id: 'small', kind: 'Degrade', params: { factor: 2 }, position: { x: 0, y: 0 } });
      rewire(d, 'x.x', 'small.x');
      rewire(d, 'small.lr', 'comp.mask');
    },
    expect: { code: 'shape', node: 'comp', port: 'mask', message: /input mask must be 32×32×1 but gets an image 16×16×3/ },
  },
];

describe('the checker on invalid documents', () => {
  it(`has at least 30 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  for (const c of CASES) {
    it(c.name, () => {
      const doc = structuredClone(loadTemplate(c.template));
      c.mutate(doc);
      const result = checkDocument(doc);
      const { message, ...where } = c.expect;
      const match = result.diagnostics.find(
        (d) => Object.entries(where).every(([k, v]) => d[k as keyof Diagnostic] === v) && message.test(d.message),
      );
      expect(match, `expected ${JSON.stringify(where)} ${message} among:\n${result.diagnostics.map((d) => JSON.stringify(d)).join('\n')}`).toBeDefined();
      if ((c.expect.severity ?? 'error') === 'error') expect(result.ok).toBe(false);
    });
  }
});
