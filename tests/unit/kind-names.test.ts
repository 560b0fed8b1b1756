/**
 * Nothing looks node kinds up by name outside a kind's own files and the catalog: views, the dock,
 * the CLI, the lessons, the checker and the compiler read declarations and roles. A comparison
 * with a kind id, a `case` on one, or a list of them anywhere else fails here with the place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_IDS } from '../../src/graph/catalog';

const ROOT = join(__dirname, '../..');

/** A kind's own files (its declaration and its evaluator) and the catalog may name kinds. */
const ALLOWED = [/^src\/graph\/nodes\//, /^src\/graph\/catalog\.ts$/, /^src\/engine\/nodes\//];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

export function kindNameLookups(text: string, ids: readonly string[]): { line: number; text: string }[] {
  const id = `(?:${ids.join('|')})`;
  const q = `['"\`]`;
  const patterns = [
    new RegExp(`kind\\s*[!=]==?\\s*${q}${id}${q}`), // n.kind === 'Generator'
    new RegExp(`${q}${id}${q}\\s*[!=]==?\\s*[\\w.?]*kind\\b`), // 'Generator' === n.kind
    new RegExp(`case\\s+${q}${id}${q}\\s*:`), // case 'Generator':
    new RegExp(`${q}${id}${q}\\s*,\\s*${q}${id}${q}`), // ['Generator', 'Discriminator', …]
    new RegExp(`\\.id\\s*[!=]==?\\s*${q}${id}${q}`), // kind.id === 'Dataset'
  ];
  const found: { line: number; text: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (patterns.some((p) => p.test(line))) found.push({ line: i + 1, text: line.trim() });
  });
  return found;
}

describe('no kind-name lookups', () => {
  it('the pattern catches the ways a kind can be named', () => {
    const ids = ['Generator', 'Dataset', 'Discriminator'];
    const bad = ["plan.nodes.find((n) => n.kind === 'Generator')", "if ('Dataset' !== node.kind) {}", "case 'Dataset':", "['Generator', 'Discriminator'].includes(k)", "kind.id === 'Dataset'"];
    for (const line of bad) expect(kindNameLookups(line, ids), line).toHaveLength(1);
    const fine = ["shape.kind === 'image'", "{ id: 'x', kind: 'Dataset', params: {} }", "g.node('G', 'Generator', [1, 2])", "source.kind !== node.kind"];
    for (const line of fine) expect(kindNameLookups(line, ids), line).toEqual([]);
  });

  it('no file outside a kind’s own files and the catalog compares with a kind id or lists kind ids', () => {
    expect(KIND_IDS.length).toBeGreaterThan(20);
    const files = ['src', 'workers', 'scripts', 'bin'].flatMap(sources).filter((f) => !ALLOWED.some((a) => a.test(f)));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => kindNameLookups(readFileSync(join(ROOT, f), 'utf8'), KIND_IDS).map((h) => `${relative(ROOT, join(ROOT, f))}:${h.line}: ${h.text}`));
    expect(found).toEqual([]);
  });
});
