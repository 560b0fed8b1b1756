/**
 * Documents have ids that survive renames (copies get new ones), and replacing the open document
 * says so when it held unsaved work, with an Undo that brings it back.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DocumentSchema, emptyDocument } from '../../../src/graph/document';
import { legacyDocumentKey, newDocumentId, withDocumentId } from '../../../src/graph/document-id';
import { loadDocument } from '../../../src/graph/load';
import { placeNode } from '../../../src/ui/store/actions';
import { editorApi } from '../../../src/ui/store/editor-store';
import { hasUnsavedWork, replaceDocument, setLeaveCheck } from '../../../src/ui/store/replace-document';
import { docKeyOf } from '../../../src/ui/training/run-facts';

const fresh = () => {
  const doc = withDocumentId(emptyDocument());
  editorApi.setState({ doc, savedDoc: doc, past: [], future: [], selection: [] });
  setLeaveCheck(null);
};

describe('document ids', () => {
  it('are random, distinct and valid in the schema; a document without one still loads', () => {
    const ids = new Set(Array.from({ length: 200 }, newDocumentId));
    expect(ids.size).toBe(200);
    for (const id of [...ids].slice(0, 5)) expect(DocumentSchema.safeParse({ ...emptyDocument(), meta: { ...emptyDocument().meta, id } }).success).toBe(true);
    expect(DocumentSchema.safeParse({ ...emptyDocument(), meta: { ...emptyDocument().meta, id: 'a b' } }).success).toBe(false);
    const old = loadDocument(JSON.parse(JSON.stringify(emptyDocument())));
    expect(old.ok && old.document.meta.id).toBe(undefined);
  });

  it('survive a rename and a save-and-load round trip; copies get new ones', () => {
    const doc = withDocumentId(emptyDocument('First'));
    const renamed = { ...doc, meta: { ...doc.meta, title: 'Second' } };
    expect(docKeyOf(renamed)).toBe(docKeyOf(doc));
    const loaded = loadDocument(JSON.parse(JSON.stringify(renamed)));
    expect(loaded.ok && loaded.document.meta.id).toBe(doc.meta.id);
    expect(withDocumentId(doc)).toBe(doc);
    expect(withDocumentId(doc, { copy: true }).meta.id).not.toBe(doc.meta.id);
  });

  it('a document from before ids is keyed as its checkpoints were (template and title)', () => {
    const old = { ...emptyDocument('My GAN'), meta: { ...emptyDocument('My GAN').meta, template: 'gan-2d' } };
    expect(docKeyOf(old)).toBe('gan-2d/My GAN');
    expect(legacyDocumentKey(old)).toBe('gan-2d/My GAN');
  });
});

describe('replacing the open document', () => {
  beforeEach(fresh);

  it('opens files with their own id and templates as new documents', async () => {
    const file = withDocumentId(emptyDocument('From a file'));
    await replaceDocument(file);
    expect(editorApi.getState().doc.meta.id).toBe(file.meta.id);
    await replaceDocument(file, { copy: true });
    expect(editorApi.getState().doc.meta.id).not.toBe(file.meta.id);
    const noId = emptyDocument('Old file');
    await replaceDocument(noId);
    expect(editorApi.getState().doc.meta.id).toMatch(/^doc-[a-z0-9]{12}$/);
  });

  it('over unsaved work, says so and offers an Undo that brings the work back', async () => {
    expect(hasUnsavedWork(editorApi.getState())).toBe(false);
    placeNode('Noise', { x: 0, y: 0 });
    const work = editorApi.getState().doc;
    expect(hasUnsavedWork(editorApi.getState())).toBe(true);
    await replaceDocument(emptyDocument('Template'), { copy: true });
    const { toast } = editorApi.getState().ui;
    expect(toast?.text).toBe('Opened “Template” in place of your unsaved graph “Untitled graph”.');
    expect(toast?.action?.label).toBe('Undo');
    toast!.action!.run();
    expect(editorApi.getState().doc).toBe(work);
  });

  it('over a graph just opened or saved, says nothing', async () => {
    await replaceDocument(emptyDocument('Template'), { copy: true });
    placeNode('Noise', { x: 0, y: 0 });
    editorApi.getState().markSaved();
    editorApi.getState().setUi({ toast: null });
    await replaceDocument(emptyDocument('Another'), { copy: true });
    expect(editorApi.getState().ui.toast).toBeNull();
  });

  it('keeps the current document when the leave check says no', async () => {
    const before = editorApi.getState().doc;
    setLeaveCheck(async () => false);
    expect(await replaceDocument(emptyDocument('Elsewhere'), { copy: true })).toBe(false);
    expect(editorApi.getState().doc).toBe(before);
  });
});
