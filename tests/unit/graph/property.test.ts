/**
 * Random damage to the templates, thousands of times: the checker never throws, and it either
 * reports an error or the graph compiles to a plan. Corrupted files are refused by the loader with
 * a message, never with an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import { checkDocument } from '../../../src/graph/checker';
import type { GraphDocument } from '../../../src/graph/document';
import { loadDocument, serializeDocument } from '../../../src/graph/load';
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
