import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, emptyDocument } from '../../../src/graph/document';
import { loadDocument, loadDocumentText, serializeDocument } from '../../../src/graph/load';
import { migrate, MigrationError, type Migration } from '../../../src/graph/migrations';
import { loadTemplate } from '../helpers';

describe('graph document', () => {
  it('round-trips a template through serialise and load unchanged', () => {
    const doc = loadTemplate('infogan');
    const again = loadDocumentText(serializeDocument(doc));
    expect(again.ok).toBe(true);
    if (again.ok) expect(again.document).toEqual(doc);
  });

  it('fills defaults for optional fields', () => {
    const raw = JSON.parse(serializeDocument(emptyDocument('x')));
    delete raw.notes;
    delete raw.groups;
    delete raw.variants;
    delete raw.run.logEvery;
    const result = loadDocument(raw);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.notes).toEqual([]);
      expect(result.document.run.logEvery).toBe(10);
    }
  });

  it('refuses text that is not JSON, naming line and column', () => {
    const result = loadDocumentText('{\n  "format": "ganvas",\n  "version": 1,\n  oops\n}', 'graph.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^graph\.json is not valid JSON: .* at line 4, column 3/);
  });

  it('refuses JSON that is not a ganvas document', () => {
    const a = loadDocumentText('[1, 2]', 'a.json');
    const b = loadDocumentText('{"format": "other"}', 'b.json');
    expect(!a.ok && a.error).toBe('a.json is not a ganvas document (expected a JSON object)');
    expect(!b.ok && b.error).toMatch(/b\.json is not a ganvas document \(its "format" is "other"/);
  });

  it('names the node and field of a schema problem', () => {
    const raw = JSON.parse(serializeDocument(loadTemplate('gan-2d')));
    raw.nodes[2].position.x = 'left';
    const result = loadDocument(raw, 'g.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^g\.json: nodes\[2\] ‹G›\.position\.x: .*number/);
  });

  it('refuses a bad optimizer setting with its path', () => {
    const raw = JSON.parse(serializeDocument(loadTemplate('gan-2d')));
    raw.phases[0].optimizer.lr = -1;
    const result = loadDocument(raw);
    expect(!result.ok && result.error).toMatch(/phases\[0\] ‹d›\.optimizer\.lr/);
  });

  it('refuses a document from a newer version', () => {
    const raw = JSON.parse(serializeDocument(emptyDocument()));
    raw.version = CURRENT_VERSION + 1;
    const result = loadDocument(raw);
    expect(!result.ok && result.error).toMatch(/newer than this ganvas/);
  });
});

describe('migrations', () => {
  const steps: Record<number, Migration> = {
    1: (d) => ({ ...d, renamed: d.old, old: undefined }),
    2: (d) => ({ ...d, added: [d.renamed] }),
  };

  it('applies each step in order up to the target version', () => {
    const out = migrate({ version: 1, old: 'x' }, steps, 3);
    expect(out).toEqual({ version: 3, renamed: 'x', old: undefined, added: ['x'] });
  });

  it('does not change its input', () => {
    const input = { version: 1, old: 'x' };
    migrate(input, steps, 3);
    expect(input).toEqual({ version: 1, old: 'x' });
  });

  it('leaves a current document alone and fails on a gap', () => {
    expect(migrate({ version: 3, a: 1 }, steps, 3)).toEqual({ version: 3, a: 1 });
    expect(() => migrate({ version: 1 }, { 2: steps[2] }, 3)).toThrow(/no migration from version 1 to 2/);
    expect(() => migrate({ version: 'one' }, steps, 3)).toThrow(MigrationError);
  });

  it('has a step for every version below the current one', async () => {
    const { MIGRATIONS } = await import('../../../src/graph/migrations');
    for (let v = 1; v < CURRENT_VERSION; v++) expect(MIGRATIONS[v], `migration ${v}→${v + 1}`).toBeTypeOf('function');
  });
});
