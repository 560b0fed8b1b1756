/**
 * Random damage to the templates, thousands of times: the checker never throws, and it either
 * reports an error or the graph compiles to a plan. Corrupted files are refused by the loader with
 * a message, never with an exception. Hostile documents (reserved and invisible ids, `__proto__`
 * keys, extreme numbers, deep nesting, huge lists and strings, broken JSON text) go through the
 * whole path from text: load → check → compile, each within a time bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import { checkDocument } from '../../../src/graph/checker';
import type { GraphDocument } from '../../../src/graph/document';
import { loadDocument, loadDocumentText, serializeDocument } from '../../../src/graph/load';
import { loadTemplate, templateNames } from '../helpers';

const TEMPLATES = templateNames().map(loadTemplate);
const PORTS = ['x', 'y', 'z', 'c', 'out', 'out0', 'out1', 'features', 'weights', 'shares', 'logits', 'labels', 'label', 'mask', 'masked', 'a', 'b', 'mu', 'logvar', 'lr', 'hr', 'pair', 'loss', 'domain', 'prediction', 'target', 'code', 'x2', 'speaker'];
const VALUES = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -1, 1e9, 0.5, 'mnist', 'faces', 'nope', '', 'dann', 'constant', 'real', 'channels', true, null),
  fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 4 }),
  fc.constant([{ type: 'dense' }]),
  fc.constant([{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'flatten' }, { type: 'dense', units: 1 }]),
  fc.constant({}),
);
const LAYER = fc.oneof(
  fc.record({ type: fc.constantFrom('dense', 'conv2d', 'convTranspose2d', 'reshape', 'flatten', 'upsample', 'residualBlock', 'unetBlock', 'bogus'), units: fc.integer({ min: -1, max: 50 }), filters: fc.integer({ min: 0, max: 9 }), kernel: fc.integer({ min: 0, max: 7 }), stride: fc.integer({ min: 1, max: 3 }), shape: fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 3 }) }, { requiredKeys: ['type'] }),
  VALUES,
);

type Mutation = (doc: GraphDocument) => void;
const pick = <T,>(items: T[], i: number): T | undefined => (items.length ? items[i % items.length] : undefined);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i) => (d: GraphDocument) => void d.edges.splice(i % Math.max(1, d.edges.length), 1)),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...PORTS), fc.boolean()).map(([i, j, port, end]) => (d: GraphDocument) => {
    const e = pick(d.edges, i);
    const n = pick(d.nodes, j);
    if (!e || !n) return;
    if (end) e.target = { node: n.id, port };
    else e.source = { node: n.id, port };
  }),
  fc.nat().map((i) => (d: GraphDocument) => void d.nodes.splice(i % Math.max(1, d.nodes.length), 1)),
  fc.tuple(fc.nat(), fc.nat(), VALUES, fc.boolean()).map(([i, k, value, known]) => (d: GraphDocument) => {
    const n = pick(d.nodes, i);
    if (!n) return;
    const keys = Object.keys(n.params);
    const key = known && keys.length ? keys[k % keys.length] : ['dim', 'k', 'name', 'sizes', 'width', 'factor', 'featuresAt', 'schedule', 'weight', 'mode', 'layers', 'perClass', 'size'][k % 13];
    n.params[key] = structuredClone(value);
  }),
  fc.tuple(fc.nat(), fc.nat(), LAYER).map(([i, j, layer]) => (d: GraphDocument) => {
    const nets = d.nodes.filter((n) => Array.isArray(n.params.layers));
    const n = pick(nets, i);
    if (!n) return;
    const layers = n.params.layers as unknown[];
    layers[j % Math.max(1, layers.length)] = structuredClone(layer);
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([p, i, add]) => (d: GraphDocument) => {
    const phase = pick(d.phases, p);
    if (!phase) return;
    if (add) phase.updates.push(pick(d.nodes, i)?.id ?? 'x');
    else phase.terms.splice(i % Math.max(1, phase.terms.length), 1);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (d: GraphDocument) => {
    const a = pick(d.nodes, i);
    const b = pick(d.nodes, j);
    if (a && b) a.kind = b.kind;
  }),
  fc.constantFrom<Mutation>((d) => (d.run.size = 'tiny'), (d) => (d.run.size = 'full'), (d) => (d.phases = [])),
);

describe('the checker under random damage', () => {
  it('never throws; reports an error or compiles a plan', () => {
    fc.assert(
      fc.property(fc.nat({ max: TEMPLATES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (t, mutations) => {
        const doc = structuredClone(TEMPLATES[t]);
        for (const m of mutations) m(doc);
        const result = checkDocument(doc);
        for (const d of result.diagnostics) {
          expect(d.message.length).toBeGreaterThan(5);
          expect(['error', 'warning']).toContain(d.severity);
        }
        const compiled = compilePlan(doc);
        expect(compiled.ok).toBe(result.ok);
        if (compiled.ok) {
          const plan = compiled.plan;
          expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
          for (const phase of plan.phases) {
            expect(phase.terms.length).toBeGreaterThan(0);
            expect(phase.updates.every((g) => plan.groups.some((x) => x.id === g))).toBe(true);
          }
        }
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });

  it('refuses corrupted files with a message, never an exception', () => {
    fc.assert(
      fc.property(fc.nat({ max: TEMPLATES.length - 1 }), fc.array(fc.tuple(fc.nat(), VALUES), { minLength: 1, maxLength: 3 }), (t, edits) => {
        const raw = JSON.parse(serializeDocument(TEMPLATES[t]));
        for (const [i, value] of edits) {
          const paths = allPaths(raw);
          const path = paths[i % paths.length];
          setAt(raw, path, structuredClone(value));
        }
        const loaded = loadDocument(raw);
        if (loaded.ok) checkDocument(loaded.document);
        else expect(loaded.error).toMatch(/\S/);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

const HOSTILE_STRINGS = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'a"b', "a'b", 'a\nb', 'a\\b', 'a]b', 'a b',
  'G\u200B', 'G\u202Eevil', '\u2066x', '\uFEFF', '\u0000', '\uD800', 'é', 'Ｇ', '', ' ', '-', '1', 'x'.repeat(70), 'x'.repeat(5_000),
  '<img src=x onerror=alert(1)>', '}{body{background:url(https://example.invalid/x)}', '\\"]{}*{color:red}', 'G', 'D', 'z', 'out', 'x', 'mnist', 'custom',
];
const HOSTILE_NUMBERS = [0, -0, -1, 1, 0.5, 2, 3, 1e9, -1e9, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 + 2, 4096, 4097, 65536, 1e6, 0.1];
const deep = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const HOSTILE_VALUE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.integer({ min: 1, max: 120 }).map(deep),
  fc.constantFrom(null, true, false, [], {}),
  fc.array(fc.constantFrom(...HOSTILE_NUMBERS), { maxLength: 6 }),
  fc.constantFrom(
    [{ type: 'dense', units: 1e9 }],
    [{ type: 'conv2d', filters: 1e9, kernel: 3 }],
    [{ type: 'conv2d', filters: 4, kernel: 1e9, stride: 1e9 }],
    [{ type: 'upsample', factor: 8 }, { type: 'upsample', factor: 8 }, { type: 'upsample', factor: 8 }, { type: 'flatten' }, { type: 'dense', units: 1 }],
    [{ type: 'reshape', shape: [-1, -1] }],
    [{ type: 'reshape', shape: [1e9, 1e9, 1] }],
    [{ type: 'unetBlock', filters: 1e6, depth: 5 }],
    Array.from({ length: 300 }, () => ({ type: 'relu' })),
  ),
);

type Raw = Record<string, any>;
const setOwn = (o: Raw, key: string, value: unknown) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
const listOf = (d: Raw, key: string): Raw[] => (Array.isArray(d[key]) ? d[key] : []);

/** Edits on the parsed JSON (anything goes: this is the document before the schema has seen it). */
const hostileEdit: fc.Arbitrary<(d: Raw) => void> = fc.oneof(
  fc.tuple(fc.constantFrom('nodes', 'edges', 'phases', 'notes', 'groups', 'variants'), fc.nat(), fc.constantFrom(...HOSTILE_STRINGS)).map(([list, i, id]) => (d: Raw) => {
    const items = listOf(d, list);
    if (items.length) items[i % items.length].id = id;
  }),
  fc.tuple(fc.nat(), fc.constantFrom('kind', 'label', 'color'), fc.constantFrom(...HOSTILE_STRINGS)).map(([i, field, v]) => (d: Raw) => {
    const n = listOf(d, 'nodes')[i % Math.max(1, listOf(d, 'nodes').length)];
    if (n) n[field] = v;
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_STRINGS), HOSTILE_VALUE).map(([i, key, v]) => (d: Raw) => {
    const n = listOf(d, 'nodes')[i % Math.max(1, listOf(d, 'nodes').length)];
    if (n && n.params && typeof n.params === 'object') setOwn(n.params, key, structuredClone(v));
  }),
  fc.tuple(fc.nat(), fc.nat(), HOSTILE_VALUE).map(([i, k, v]) => (d: Raw) => {
    const n = listOf(d, 'nodes')[i % Math.max(1, listOf(d, 'nodes').length)];
    if (!n || !n.params) return;
    const keys = Object.keys(n.params);
    const key = keys.length && k % 3 ? keys[k % keys.length] : ['name', 'dim', 'k', 'size', 'sizes', 'layers', 'width', 'featuresAt', 'min', 'max', 'weight'][k % 11];
    n.params[key] = structuredClone(v);
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...HOSTILE_STRINGS), fc.boolean()).map(([i, j, s, end]) => (d: Raw) => {
    const e = listOf(d, 'edges')[i % Math.max(1, listOf(d, 'edges').length)];
    if (!e) return;
    const ref = end ? e.target : e.source;
    if (ref && typeof ref === 'object') ref[j % 2 ? 'port' : 'node'] = s;
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_STRINGS)).map(([i, s]) => (d: Raw) => {
    const p = listOf(d, 'phases')[i % Math.max(1, listOf(d, 'phases').length)];
    if (p && Array.isArray(p.updates)) p.updates.push(s);
    if (p && Array.isArray(p.terms)) p.terms.push({ loss: s });
  }),
  fc.tuple(fc.constantFrom('title', 'view', 'template', 'lesson', 'description'), fc.constantFrom(...HOSTILE_STRINGS)).map(([k, v]) => (d: Raw) => {
    if (d.meta && typeof d.meta === 'object') d.meta[k] = v;
  }),
  fc.tuple(fc.constantFrom('seed', 'logEvery'), fc.constantFrom(...HOSTILE_NUMBERS)).map(([k, v]) => (d: Raw) => {
    if (d.run) d.run[k] = v;
  }),
  fc.tuple(fc.constantFrom('width', 'batchSize', 'steps'), fc.constantFrom(...HOSTILE_NUMBERS)).map(([k, v]) => (d: Raw) => {
    const preset = d.run?.presets?.[d.run?.size];
    if (preset) preset[k] = v;
  }),
  // Sizes: many copies of a node (past the cap, sometimes), one long string, a deep value.
  fc.tuple(fc.nat(), fc.constantFrom(10, 500, 2_001, 3_000)).map(([i, copies]) => (d: Raw) => {
    const nodes = listOf(d, 'nodes');
    const n = nodes[i % Math.max(1, nodes.length)];
    if (!n) return;
    for (let c = 0; c < copies; c++) nodes.push({ ...n, id: `${typeof n.id === 'string' ? n.id.slice(0, 40) : 'n'}_${c}` });
  }),
  fc.constantFrom(200_000, 2_000_000).map((length) => (d: Raw) => {
    if (d.meta) d.meta.description = 'y'.repeat(length);
  }),
  fc.integer({ min: 30, max: 400 }).map((depth) => (d: Raw) => {
    if (d.meta) d.meta.extra = deep(depth);
  }),
  // A chain of StopGradients long enough to matter for anything recursive.
  fc.constantFrom(300, 1_900).map((length) => (d: Raw) => {
    const nodes = listOf(d, 'nodes');
    const edges = listOf(d, 'edges');
    const head = nodes.find((n) => n.kind === 'Noise' || n.kind === 'Dataset');
    if (!head) return;
    let prev = { node: head.id, port: head.kind === 'Noise' ? 'z' : 'x' };
    for (let c = 0; c < length; c++) {
      nodes.push({ id: `sg${c}`, kind: 'StopGradient', params: {}, position: { x: c, y: 0 } });
      edges.push({ id: `sg${c}e`, source: prev, target: { node: `sg${c}`, port: 'x' } });
      prev = { node: `sg${c}`, port: 'out' };
    }
    if (length % 2 === 0) edges.push({ id: 'sg-loop', source: prev, target: { node: 'sg0', port: 'x' } });
  }),
);

/** Edits on the JSON text: what a damaged or hand-written file does. */
const textEdit: fc.Arbitrary<(t: string) => string> = fc.oneof(
  fc.nat().map((i) => (t: string) => t.slice(0, i % Math.max(1, t.length))),
  fc.tuple(fc.nat(), fc.constantFrom('NaN', 'Infinity', '-Infinity', '// note\n', '/* c */', ',', "'x'", 'undefined', '\u0000', '\u202E', '{', ']', '0x1F', '01', '"\\q"', '[]'.repeat(3))).map(
    ([i, insert]) => (t: string) => {
      const at = i % Math.max(1, t.length);
      return t.slice(0, at) + insert + t.slice(at);
    },
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([i, c]) => (t: string) => {
    const at = i % Math.max(1, t.length);
    return t.slice(0, at) + String.fromCharCode(c) + t.slice(at + 1);
  }),
  fc.integer({ min: 60, max: 100_000 }).map((depth) => (t: string) => t.replace('"meta":', `"deep": ${'['.repeat(depth)}${']'.repeat(depth)}, "meta":`)),
  fc.constant((t: string) => t.replace(/"x": (-?[\d.]+)/, '"x": NaN')),
);

/** What the hostile run counted, for the record. */
const figures = { tried: 0, refused: 0, accepted: 0, checkedOk: 0, crashes: 0, longestMs: 0 };

describe('hostile documents from text: load → check → compile', () => {
  it('never throws or hangs, refuses with a message or checks and compiles (10,000 documents)', () => {
    const texts = TEMPLATES.map((t) => serializeDocument(t));
    fc.assert(
      fc.property(
        fc.nat({ max: TEMPLATES.length - 1 }),
        fc.array(hostileEdit, { minLength: 0, maxLength: 3 }),
        fc.option(textEdit, { freq: 3 }),
        (t, edits, text) => {
          const d = JSON.parse(texts[t]) as Raw;
          for (const edit of edits) edit(d);
          let body = JSON.stringify(d, null, 1);
          if (text) body = text(body);
          const started = performance.now();
          figures.tried++;
          try {
            const loaded = loadDocumentText(body, 'fuzz.json');
            if (!loaded.ok) {
              figures.refused++;
              expect(loaded.error).toMatch(/^fuzz\.json/);
              expect(loaded.error.length).toBeLessThan(1_000);
              expect(loaded.error).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u200B\u202A-\u202E\u2066-\u2069]/);
            } else {
              figures.accepted++;
              const check = checkDocument(loaded.document);
              for (const diag of check.diagnostics) expect(diag.message.length).toBeLessThan(2_000);
              const compiled = compilePlan(loaded.document);
              expect(compiled.ok).toBe(check.ok);
              if (check.ok) figures.checkedOk++;
            }
          } catch (e) {
            figures.crashes++;
            throw e;
          } finally {
            figures.longestMs = Math.max(figures.longestMs, performance.now() - started);
          }
        },
      ),
      { numRuns: 10_000, seed: 15_2026 },
    );
    console.log(`hostile fuzz: ${JSON.stringify({ ...figures, longestMs: Math.round(figures.longestMs) })}`);
    expect(figures.tried).toBeGreaterThanOrEqual(10_000);
    expect(figures.crashes).toBe(0);
    expect(figures.refused).toBeGreaterThan(1_000);
    expect(figures.checkedOk).toBeGreaterThan(100);
    // A bound, not a speed test: no single document may hold the page for seconds.
    expect(figures.longestMs).toBeLessThan(10_000);
  });
});

function allPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length) out.push(prefix);
  if (value && typeof value === 'object' && out.length < 5000) {
    for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let cursor = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path[path.length - 1]] = value;
}
