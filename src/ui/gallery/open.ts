/** Opening templates and their variants. */
import type { GraphDocument } from '../../graph/document';
import { applyVariant } from '../../graph/variants';
import { toast } from '../store/actions';
import { editorApi } from '../store/editor-store';
import { replaceDocument } from '../store/replace-document';

/** Opens a copy of a template: every opening is a new document with its own id and checkpoints. */
export async function openTemplate(doc: GraphDocument): Promise<boolean> {
  const state = editorApi.getState();
  state.setUi({ galleryOpen: false });
  if (!(await replaceDocument(structuredClone(doc), { copy: true }))) return false;
  editorApi.getState().setUi({ rightTab: doc.meta.lesson ? 'lesson' : 'node' });
  return true;
}

/** Opens a variant of `doc` (or `doc` itself when `variantId` is null). */
export async function openVariant(doc: GraphDocument, variantId: string | null): Promise<boolean> {
  if (variantId === null) return openTemplate(doc);
  let variant: GraphDocument;
  try {
    variant = applyVariant(doc, variantId);
  } catch (e) {
    toast((e as Error).message, 'error');
    return false;
  }
  return openTemplate(variant);
}
