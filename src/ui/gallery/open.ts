/** Opening templates and their variants. */
import type { GraphDocument } from '../../graph/document';
import { applyVariant } from '../../graph/variants';
import { toast } from '../store/actions';
import { editorApi } from '../store/editor-store';

export function openTemplate(doc: GraphDocument): void {
  const state = editorApi.getState();
  state.openDocument(structuredClone(doc), `Open “${doc.meta.title}”`);
  state.setUi({ galleryOpen: false, rightTab: doc.meta.lesson ? 'lesson' : 'node' });
}

/** Opens a variant of `doc` (or `doc` itself when `variantId` is null). */
export function openVariant(doc: GraphDocument, variantId: string | null): void {
  if (variantId === null) return openTemplate(doc);
  try {
    openTemplate(applyVariant(doc, variantId));
  } catch (e) {
    toast((e as Error).message, 'error');
  }
}
