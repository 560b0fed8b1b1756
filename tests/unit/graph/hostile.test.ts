/**
 * Hostile documents, one class at a time: each is refused with a message that names the place, or
 * checked without throwing, and no recursion, lookup or message can be turned against the reader.
 */
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import { checkDocument } from '../../../src/graph/checker';
import { emptyDocument, type GraphDocument, type GraphNode } from '../../../src/graph/document';
import { indexGraph, orderGraph } from '../../../src/graph/graph-index';
import { scanJson } from '../../../src/graph/json-text';
import { cloneJson } from '../../../src/graph/limits';
import { loadDocument, loadDocumentText, serializeDocument } from '../../../src/graph/load';
import { migrate, MigrationError } from '../../../src/graph/migrations';
import { gradientReach } from '../../../src/graph/reach';
import { shown } from '../../../src/graph/text';
import { loadTemplate } from '../helpers';

const raw = (doc: GraphDocument) => JSON.parse(serializeDocument(doc)) as Record<string, any>;
const refused = (value: unknown, source = 'doc.json'): string => {
  const r = typeof value === 'string' ? loadDocumentText(value, source) : loadDocument(value, source);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.error;
};

describe('ids and names that would find Object.prototype', () => {
  for (const id of ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'prototype']) {
    it(`refuses the node id "${id}", naming the node`, () => {
      const doc = raw(loadTemplate('gan-2d'));
      doc.nodes[1].id = id;
      expect(refused(doc)).toMatch(new RegExp(`^doc\\.json: nodes\\[1\\] ‹${id}›\\.id: "${id}" is a reserved name`));
    });
  }

  it('refuses ids with quotes, newlines, spaces or invisible characters', () => {
    for (const id of ['a"b', 'a\nb', 'a b', 'G\u200B', 'x\u202Ey']) {
      const doc = raw(loadTemplate('gan-2d'));
      doc.edges[0].id = id;
      const error = refused(doc);
      expect(error).toMatch(/edges\[0\] ‹.*›\.id: must be a plain identifier/);
      // The id is shown escaped: no raw control or invisible character reaches the message.
      expect(error).not.toMatch(/[\n\u200B\u202E]/);
    }
  });

  it('checks a Dataset named "constructor" or "toString" without throwing, naming the field', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf']) {
      const doc = loadTemplate('gan-2d');
      doc.nodes.find((n) => n.kind === 'Dataset')!.params.name = name;
      const result = checkDocument(doc);
      expect(result.ok).toBe(false);
      const d = result.diagnostics.find((x) => x.field === 'name');
      expect(d?.message).toMatch(new RegExp(`name must be one of .* not "${name}"`));
      expect(compilePlan(doc).ok).toBe(false);
    }
  });

  it('refuses param keys and lesson views that are reserved names', () => {
    const a = raw(loadTemplate('gan-2d'));
    a.nodes[0].params = JSON.parse('{"__proto__": {"polluted": true}}');
    expect(refused(a)).toMatch(/^doc\.json: nodes\[0\]\.params: a key named "__proto__" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const b = raw(loadTemplate('infogan'));
    b.meta.view = 'constructor';
    expect(refused(b)).toMatch(/^doc\.json: meta\.view: "constructor" is a reserved name/);
  });

  it('keeps a "__proto__" key as data when it copies JSON', () => {
    const copy = cloneJson(JSON.parse('{"a": {"__proto__": {"x": 1}}}')) as { a: Record<string, unknown> };
    expect(Object.getPrototypeOf(copy.a)).toBe(Object.prototype);
    expect(Object.hasOwn(copy.a, '__proto__')).toBe(true);
    expect((copy.a as { x?: number }).x).toBeUndefined();
  });
});

describe('text that could make a message read differently', () => {
  it('shows control and invisible characters escaped, and cuts long text saying its length', () => {
    expect(shown('abc\u202Edef')).toBe('abc\\u{202E}def');
    expect(shown('G\u200B')).not.toBe(shown('G'));
    expect(shown('a\nb\tc\u0000')).toBe('a\\nb\\tc\\u{0000}');
    const long = shown('x'.repeat(1_000_000), 60);
    expect(long.length).toBeLessThan(100);
    expect(long).toMatch(/^x{60}… \(1,000,000 characters\)$/);
  });

  it('refuses a label with a right-to-left override, saying which character and where', () => {
    const doc = raw(loadTemplate('gan-2d'));
    doc.nodes[2].label = 'safe\u202Eexe.gpj';
    expect(refused(doc)).toMatch(/nodes\[2\] ‹.*›\.label: holds an invisible or control character \(U\+202E at character 5\)/);
  });

  it('never echoes a megabyte id whole', () => {
    const doc = raw(loadTemplate('gan-2d'));
    doc.nodes[0].id = 'n'.repeat(1_000_000);
    const error = refused(doc);
    expect(error.length).toBeLessThan(400);
    expect(error).toMatch(/1,000,000 characters/);
  });
});

describe('JSON that is not JSON', () => {
  const text = serializeDocument(loadTemplate('gan-2d'));
  const lines = text.split('\n');

  it('names the line and column of NaN, Infinity, comments and trailing commas', () => {
    const at = lines.findIndex((l) => l.includes('"x":'));
    const col = lines[at].indexOf('"x":') + 6;
    const cases: [string, RegExp][] = [
      ['NaN', /NaN is not a JSON number/],
      ['Infinity', /Infinity is not a JSON number/],
      ['-Infinity', /-Infinity is not a JSON number/],
    ];
    for (const [word, message] of cases) {
      const broken = [...lines];
      broken[at] = broken[at].replace(/"x": [^,}]+/, `"x": ${word}`);
      const error = refused(broken.join('\n'));
      expect(error).toMatch(message);
      expect(error).toContain(`at line ${at + 1}, column ${col}`);
    }
    const commented = [...lines];
    commented.splice(3, 0, '  // a comment');
    expect(refused(commented.join('\n'))).toMatch(/comments are not allowed in JSON at line 4, column 3/);
    expect(refused('{"a": [1, 2,]}')).toMatch(/a trailing comma is not allowed in JSON at line 1, column 12/);
    expect(refused("{'a': 1}")).toMatch(/single quotes at line 1, column 2/);
    expect(refused('{"a": 1')).toMatch(/ends early/);
  });

  it('agrees with JSON.parse on what is well-formed', () => {
    for (const ok of ['{}', '[]', '0', '-0.5e+3', '"\\u00e9\\n"', '{"a":[true,false,null,{"b":""}]}', ' [ 1 , 2 ] ']) {
      expect(scanJson(ok, 64)).toBeNull();
      expect(() => JSON.parse(ok)).not.toThrow();
    }
    for (const bad of ['', '01', '1.', '.5', '[1 2]', '{"a" 1}', '"\u0001"', '"\\x"', '[]]', 'tru']) {
      expect(scanJson(bad, 64)).not.toBeNull();
      expect(() => JSON.parse(bad)).toThrow();
    }
  });

  it('refuses JSON nested 100,000 deep before anything recursive runs, with the place', () => {
    const deep = `{"format":"ganvas","version":1,"meta":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(refused(deep)).toMatch(/nests deeper than 64 levels at line 1, column \d+/);
    // Already parsed (as the autosave or a test might hand it over): refused by the iterative walk.
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(refused({ format: 'ganvas', version: 1, meta: value })).toMatch(/nested deeper than 64 levels/);
    expect(() => migrate({ version: 1, deep: value })).toThrow(MigrationError);
  });
});

describe('sizes and counts', () => {
  it('refuses a document of 150,000 nodes by its count, before the schema walks it', () => {
    const doc = raw(emptyDocument('many'));
    doc.nodes = Array.from({ length: 150_000 }, (_, i) => ({ id: `n${i}`, kind: 'Noise', params: {}, position: { x: 0, y: 0 } }));
    const started = performance.now();
    expect(refused(doc)).toMatch(/nodes: 150,000 nodes is more than ganvas opens \(at most 2,000\)/);
    expect(refused(JSON.stringify(doc))).toMatch(/too large to be a graph document/);
    // Generous: the point is that it is refused in one pass, not after minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('refuses layer sizes that could not train in a browser, naming the node and layer', () => {
    // Each layer's own bounds (declared with the layer, shown by the inspector), then the network's totals.
    const cases: [Record<string, unknown>[], RegExp, string][] = [
      [[{ type: 'dense', units: 1e9 }], /^Generator ‹G›: Dense \(layer 3\) units: .*16384/, 'layers[2].units'],
      [[{ type: 'conv2d', filters: 1e9 }], /Conv2D \(layer 3\) filters: .*2048/, 'layers[2].filters'],
      [[{ type: 'conv2d', filters: 8, kernel: 1e9 }], /Conv2D \(layer 3\) kernel: .*15/, 'layers[2].kernel'],
      [[{ type: 'conv2d', filters: 8, stride: 1e9 }], /Conv2D \(layer 3\) stride: .*8/, 'layers[2].stride'],
      [[{ type: 'dense', units: 16_384 }, { type: 'dense', units: 16_384 }], /the network has more than 32,000,000 weights by layer 4 \([\d,]+\); make its layers smaller/, 'layers[3]'],
    ];
    for (const [layers, message, field] of cases) {
      const doc = loadTemplate('gan-2d');
      const g = doc.nodes.find((n) => n.id === 'G')!;
      (g.params.layers as unknown[]).splice(2, 1, ...layers);
      const result = checkDocument(doc);
      const d = result.diagnostics.find((x) => x.node === 'G' && x.severity === 'error');
      expect(d?.message).toMatch(message);
      expect(d?.field).toBe(field);
      expect(compilePlan(doc).ok).toBe(false);
    }
  });

  it('refuses a tensor too large for one step (batch × image)', () => {
    const doc = loadTemplate('gan-2d');
    doc.run.presets[doc.run.size].batchSize = 4096;
    doc.nodes.find((n) => n.kind === 'Dataset')!.params = { name: 'custom', size: [512, 512, 3] };
    const result = checkDocument(doc);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.some((d) => /values per step \(batch 4096/.test(d.message))).toBe(true);
  });

  it('bounds own-image sizes and split lengths in the declarations', () => {
    const doc = loadTemplate('gan-2d');
    const data = doc.nodes.find((n) => n.kind === 'Dataset')!;
    data.params = { name: 'custom', size: [20_000, 20_000, 3] };
    const d = checkDocument(doc).diagnostics.find((x) => x.node === data.id && x.severity === 'error');
    expect(d?.message).toMatch(/size\[0\] must be at most 512, not 20000/);
  });
});

describe('graphs too long for recursion', () => {
  const chain = (n: number, kind: string, loop: boolean): GraphDocument => {
    const doc = emptyDocument('chain');
    const nodes: GraphNode[] = [{ id: 'z', kind: 'Noise', params: { dim: 2 }, position: { x: 0, y: 0 } }];
    for (let i = 0; i < n; i++) nodes.push({ id: `s${i}`, kind, params: {}, position: { x: i, y: 0 } });
    doc.nodes = nodes;
    doc.edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: { node: nodes[i].id, port: nodes[i].kind === 'Noise' ? 'z' : 'out' }, target: { node: node.id, port: 'x' } }));
    if (loop) doc.edges.push({ id: 'back', source: { node: `s${n - 1}`, port: 'out' }, target: { node: 's0', port: 'x' } });
    return doc;
  };

  it('orders and walks 20,000 chained StopGradients', () => {
    const doc = chain(20_000, 'StopGradient', false);
    const index = indexGraph(doc);
    expect(orderGraph(index).order).toHaveLength(20_001);
    const reach = gradientReach(index, 's19999', {}, { throughStops: true });
    expect(reach.size).toBe(0);
  });

  it('finds one 20,000-node cycle without exhausting the stack', () => {
    const doc = chain(20_000, 'GradientReversal', true);
    const { cycles } = orderGraph(indexGraph(doc));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(20_000);
    const reach = gradientReach(indexGraph(doc), 's5', {});
    expect(reach.size).toBe(0);
  });

  it('reports a long cycle in a short message', () => {
    const doc = chain(1_500, 'StopGradient', true);
    const result = checkDocument(doc);
    const d = result.diagnostics.find((x) => x.code === 'cycle')!;
    expect(d.message).toMatch(/part of a cycle of 1500 nodes/);
    expect(d.message.length).toBeLessThan(300);
  });
});

describe('ids that collide', () => {
  it('refuses two nodes with one id, and ids that would read as a note or frame on the canvas', () => {
    const doc = raw(loadTemplate('gan-2d'));
    doc.nodes[2].id = doc.nodes[0].id;
    expect(refused(doc)).toMatch(/^doc\.json: nodes\[2\] ‹.*›\.id: another node \(1\) already has this id; ids must be unique/);
    const b = raw(loadTemplate('gan-2d'));
    b.nodes[0].id = 'note:x';
    expect(refused(b)).toMatch(/must be a plain identifier/);
  });
});
