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

  it('shows the character after a bad escape escaped when it is unseen (a bidi override)', () => {
    const bidi = loadDocumentText('{"format": "ganvas", "a": "\\\u202e"}', 'fuzz.json');
    expect(!bidi.ok && bidi.error).toBe('fuzz.json is not valid JSON: "\\\\u{202E}" is not a JSON escape at line 1, column 28');
    const plain = loadDocumentText('{"format": "ganvas", "a": "\\q"}', 'x.json');
    expect(!plain.ok && plain.error).toBe('x.json is not valid JSON: "\\q" is not a JSON escape at line 1, column 28');
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
  const steps: Migration[] = [(d) => ({ ...d, renamed: d.old, old: undefined }), (d) => ({ ...d, added: [d.renamed] })];

  it('applies each step in order up to one past the last migration', () => {
    const out = migrate({ version: 1, old: 'x' }, steps);
    expect(out).toEqual({ version: 3, renamed: 'x', old: undefined, added: ['x'] });
  });

  it('does not change its input', () => {
    const input = { version: 1, old: 'x' };
    migrate(input, steps);
    expect(input).toEqual({ version: 1, old: 'x' });
  });

  it('leaves a current document alone and refuses a bad or newer version', () => {
    expect(migrate({ version: 3, a: 1 }, steps)).toEqual({ version: 3, a: 1 });
    expect(() => migrate({ version: 4 }, steps)).toThrow(/newer than this ganvas \(version 3\)/);
    expect(() => migrate({ version: 'one' }, steps)).toThrow(MigrationError);
  });

  it('the current version is one past the last migration', async () => {
    const { MIGRATIONS } = await import('../../../src/graph/migrations');
    expect(CURRENT_VERSION).toBe(MIGRATIONS.length + 1);
  });
});
