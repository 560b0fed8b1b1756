/**
 * Node kinds are joined to their evaluators by type, through two generated registries: adding a
 * kind is its declaration file, its evaluator file and its tests. The registries must match the
 * files (`npm run kinds` writes them).
 */
import { describe, expect, it } from 'vitest';
import { findDeclarations, findEvaluators, registries } from '../../../scripts/kinds';
import { getKind, KIND_IDS, NODE_KINDS } from '../../../src/graph/catalog';
import { CATEGORIES } from '../../../src/graph/node-kind';

describe('kind registries', () => {
  it('are up to date with the declaration and evaluator files (npm run kinds)', () => {
    for (const r of registries()) expect(r.current, `${r.path} is out of date: run npm run kinds`).toBe(true);
  });

  it('every declared kind has exactly one evaluator, and nothing else has one', () => {
    const declared = findDeclarations().map((d) => d.id);
    expect(findEvaluators().map((e) => e.id)).toEqual(declared);
    expect([...KIND_IDS].sort()).toEqual([...declared].sort());
  });

  it('the catalog is in palette order: by category, then title; ids are unique', () => {
    const keys = NODE_KINDS.map((k) => `${CATEGORIES.indexOf(k.category)}:${k.title}`);
    expect(keys).toEqual([...keys].sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]) || a.slice(2).localeCompare(b.slice(2))));
    expect(new Set(KIND_IDS).size).toBe(KIND_IDS.length);
    for (const id of KIND_IDS) expect(getKind(id)?.id).toBe(id);
  });
});
