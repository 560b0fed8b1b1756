/**
 * The editor's plain modules, without a browser: history as patches, edits, clipboard fragments,
 * share links, PNG text chunks, fuzzy search and the Markdown subset.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { NODE_KINDS } from '../../src/graph/catalog';
import { emptyDocument, type GraphDocument } from '../../src/graph/document';
import { loadDocumentText, serializeDocument } from '../../src/graph/load';
import { documentFromHash, encodeDocument } from '../../src/ui/files/share';
import { addPngText, crc32, readPngText } from '../../src/data/png-text';
import { Markdown, parseBlocks } from '../../src/ui/gallery/markdown';
import { searchKinds } from '../../src/ui/palette/fuzzy';
import { kindsTaking, placeNode } from '../../src/ui/store/actions';
import { checkOf } from '../../src/ui/store/derived';
import { editorApi } from '../../src/ui/store/editor-store';
import { copyFragment, moveItems, pasteFragment, removeItems, setParam } from '../../src/ui/store/edits';
import { ROOT } from './harness';

function template(id: string): GraphDocument {
  const result = loadDocumentText(readFileSync(join(ROOT, 'templates', `${id}.json`), 'utf8'));
  if (!result.ok) throw new Error(result.error);
  return result.document;
}

const state = () => editorApi.getState();

beforeEach(() => {
  editorApi.setState({ doc: template('gan-2d'), past: [], future: [], selection: [], edgeSelection: [] });
});

describe('history', () => {
  it('undoes and redoes edits as patches, back to the exact documents', () => {
    const start = state().doc;
    state().edit('Move', moveItems(new Map([['G', { x: 400, y: 320 }]])));
    state().edit('Edit dim', setParam('z', 'dim', 16));
    state().edit('Delete', removeItems(['L_G'], []));
    const edited = state().doc;
    expect(edited.phases.find((p) => p.id === 'g')!.terms).toEqual([]);
    expect(state().past).toHaveLength(3);
    for (let i = 0; i < 3; i++) state().undo();
    expect(state().doc).toEqual(start);
    expect(serializeDocument(state().doc)).toBe(serializeDocument(start));
    for (let i = 0; i < 3; i++) state().redo();
    expect(state().doc).toEqual(edited);
  });

  it('keeps history as patches, not copies of the document', () => {
    state().edit('Edit dim', setParam('z', 'dim', 16));
    const [entry] = state().past;
    expect(entry.patches).toEqual([{ op: 'replace', path: ['nodes', 1, 'params', 'dim'], value: 16 }]);
    expect(entry.inverse).toEqual([{ op: 'replace', path: ['nodes', 1, 'params', 'dim'], value: 8 }]);
    expect(JSON.stringify(entry).length).toBeLessThan(500);
  });

  it('merges typing in one field into one step, and refuses edits that break the schema', () => {
    for (const title of ['M', 'My', 'My G', 'My GAN']) state().edit('Edit title', (d) => void (d.meta.title = title), { coalesce: 'meta:title' });
    expect(state().past).toHaveLength(1);
    const refused = state().edit('Edit title', (d) => void (d.meta.title = ''));
    expect(refused.ok).toBe(false);
    expect(state().doc.meta.title).toBe('My GAN');
    state().undo();
    expect(state().doc.meta.title).toBe('GAN on a 2-D mixture');
  });

  it('checks each document once, and again only after a change', () => {
    const first = checkOf(state().doc);
    expect(checkOf(state().doc)).toBe(first);
    state().edit('Edit dim', setParam('z', 'dim', 4));
    expect(checkOf(state().doc)).not.toBe(first);
    expect(checkOf(state().doc).shapes.z.outputs.z.dims).toEqual([4]);
  });
});

describe('clipboard fragments', () => {
  it('pastes nodes with fresh ids, keeping the edges between them', () => {
    const doc = state().doc;
    const fragment = copyFragment(doc, ['z', 'G', 'D_fake'])!;
    expect(fragment.edges.map((e) => e.id)).toEqual(['z.z->G.x', 'G.out->D_fake.x']);
    const { recipe, created } = pasteFragment(doc, fragment, { x: 40, y: 40 });
    state().edit('Paste', recipe, { select: created });
    expect(created).toEqual(['noise1', 'generator1', 'discriminator1']);
    const next = state().doc;
    expect(next.nodes).toHaveLength(11);
    expect(next.edges.filter((e) => created.includes(e.source.node))).toHaveLength(2);
    expect(next.nodes.find((n) => n.id === 'generator1')!.position).toEqual({ x: 290, y: 340 });
    expect(state().selection).toEqual(created);
  });

  it('offers for a dragged wire only the kinds that can take it, and connects the new node', () => {
    const taking = kindsTaking(state().doc, { node: 'D', port: 'out', handleType: 'source' }).map((k) => k.id);
    expect(taking).toContain('AdversarialLoss');
    expect(taking).not.toContain('Generator');
    const id = placeNode('AdversarialLoss', { x: 900, y: 0 }, { node: 'D', port: 'out', handleType: 'source' })!;
    expect(state().doc.edges.some((e) => e.source.node === 'D' && e.target.node === id && e.target.port === 'logits')).toBe(true);
    expect(state().past).toHaveLength(1);
  });
});

describe('share links', () => {
  it('round-trips every template through the URL hash', () => {
    for (const id of ['gan-2d', 'triple-gan', 'vae-gan']) {
      const doc = template(id);
      const hash = `#doc=${encodeDocument(doc)}`;
      expect(hash).toMatch(/^#doc=[A-Za-z0-9_-]+$/);
      const back = documentFromHash(hash);
      expect(back?.ok && serializeDocument(back.document)).toBe(serializeDocument(doc));
    }
  });

  it('says why a damaged link does not open', () => {
    expect(documentFromHash('#doc=not-deflate')).toEqual({ ok: false, error: expect.stringContaining('damaged') });
    expect(documentFromHash('#other')).toBeNull();
  });
});

describe('PNG text chunks', () => {
  // A 1×1 PNG.
  const png = Uint8Array.from(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  );

  it('writes an iTXt chunk before IEND with a valid CRC, and reads it back', () => {
    const text = serializeDocument(template('dann'));
    const out = addPngText(png, 'ganvas', text);
    expect(readPngText(out, 'ganvas')).toBe(text);
    expect(readPngText(out, 'other')).toBeNull();
    expect(Buffer.from(out.subarray(out.length - 8, out.length - 4)).toString('latin1')).toBe('IEND');
    // CRC of the chunk just written.
    const at = out.length - 12 - (out.length - png.length);
    const length = new DataView(out.buffer).getUint32(at);
    expect(new DataView(out.buffer).getUint32(at + 8 + length)).toBe(crc32(out, at + 4, at + 8 + length));
  });

  it('refuses what is not a PNG', () => {
    expect(() => readPngText(new TextEncoder().encode('{"format":"ganvas"}'), 'ganvas')).toThrow('not a PNG');
  });
});

describe('palette search', () => {
  const titles = (q: string) => searchKinds(NODE_KINDS, q).map((k) => k.title);

  it('finds kinds by name, by loose letters, and by words of their description', () => {
    expect(titles('gen')[0]).toBe('Generator');
    expect(titles('discrim')[0]).toBe('Discriminator');
    expect(titles('grad rev')[0]).toBe('Gradient reversal');
    expect(titles('advl')).toContain('Adversarial loss');
    expect(titles('inpainting')).toContain('Mask');
    expect(titles('zzzzqq')).toEqual([]);
    expect(titles('')).toHaveLength(NODE_KINDS.length);
  });
});

describe('lesson Markdown', () => {
  it('renders the subset and escapes everything else', () => {
    const html = renderToStaticMarkup(Markdown({ source: '# Title\n\nA **bold** <script>alert(1)</script> and `D_l(x)` and D_l here.\n\n1. one\n2. two\n\n[link](javascript:alert(1)) [ok](https://example.org)' }));
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<code>D_l(x)</code>');
    expect(html).toContain('D_l here');
    expect(html).toContain('<ol><li>one</li><li>two</li></ol>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://example.org"');
  });

  it('parses every template’s lesson into blocks', () => {
    for (const id of ['gan-2d', 'infogan', 'vae-gan', 'dann']) expect(parseBlocks(template(id).meta.lesson).length).toBeGreaterThan(1);
    expect(parseBlocks(emptyDocument().meta.lesson)).toEqual([]);
  });
});
