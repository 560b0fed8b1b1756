/**
 * Documents saved in older formats keep loading: frozen copies (tests/fixtures/documents/vN) are
 * migrated, validated, checked and compiled, and what a migration exists for is kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import { CURRENT_VERSION } from '../../../src/graph/document';
import { loadDocumentText } from '../../../src/graph/load';
import { applyVariant } from '../../../src/graph/variants';

const V1 = join(__dirname, '../../fixtures/documents/v1');
const files = readdirSync(V1).filter((f) => f.endsWith('.json'));

function load(file: string) {
  const text = readFileSync(join(V1, file), 'utf8');
  expect(JSON.parse(text).version).toBe(1);
  const result = loadDocumentText(text, file);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('version-1 documents', () => {
  it('are frozen fixtures (several, including every kind of template)', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s loads, is brought to the current version, checks and compiles with each variant', (file) => {
    const result = load(file);
    expect(result.document.version).toBe(CURRENT_VERSION);
    expect(result.migratedFrom).toBe(CURRENT_VERSION > 1 ? 1 : undefined);
    for (const doc of [result.document, ...result.document.variants.map((v) => applyVariant(result.document, v.id))]) {
      const compiled = compilePlan(doc, { size: 'tiny' });
      expect(compiled.ok ? [] : compiled.diagnostics.map((d) => d.message), doc.meta.title).toEqual([]);
    }
  });

  it('convolutions without a stride keep the stride 1 they trained with (the default is 2 now)', () => {
    const { document } = load('conv-without-stride.json');
    const layers = document.nodes.find((n) => n.id === 'C')!.params.layers as { type: string; stride?: number }[];
    expect(layers.map((l) => l.stride)).toEqual([1, undefined, 2, undefined, undefined]);
    const plan = compilePlan(document, { size: 'tiny' });
    if (!plan.ok) throw new Error(plan.diagnostics[0].message);
    const out = plan.plan.groups.find((g) => g.id === 'C')!.network.layers.map((l) => l.output);
    expect(out.slice(0, 4)).toEqual([[28, 28, 8], [28, 28, 8], [14, 14, 8], [14 * 14 * 8]]);

    const variant = applyVariant(document, 'upsampling');
    const transposed = compilePlan(variant, { size: 'tiny' });
    if (!transposed.ok) throw new Error(transposed.diagnostics[0].message);
    expect(transposed.plan.groups.find((g) => g.id === 'C')!.network.layers[0].output).toEqual([28, 28, 4]);
  });

  it('a layer written today without a stride gets the default of 2', () => {
    const { document } = load('conv-without-stride.json');
    const now = structuredClone(document);
    (now.nodes.find((n) => n.id === 'C')!.params.layers as Record<string, unknown>[])[0] = { type: 'conv2d', filters: 8, kernel: 3 };
    const plan = compilePlan(now, { size: 'tiny' });
    if (!plan.ok) throw new Error(plan.diagnostics[0].message);
    expect(plan.plan.groups.find((g) => g.id === 'C')!.network.layers[0].output).toEqual([14, 14, 8]);
  });
});
