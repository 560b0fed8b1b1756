/** Opening and saving documents as files: `.json`, or a `.png` diagram that carries its graph. */
import type { GraphDocument } from '../../graph/document';
import { loadDocumentText, serializeDocument, type LoadResult } from '../../graph/load';
import { isPng, readPngText } from './png-text';

export const PNG_KEYWORD = 'ganvas';

export function fileNameFor(doc: GraphDocument, ext: string): string {
  const base = doc.meta.title.trim().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'graph';
  return `${base.slice(0, 80)}.${ext}`;
}

export function download(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveDocumentFile(doc: GraphDocument): string {
  const name = fileNameFor(doc, 'json');
  download(new Blob([serializeDocument(doc)], { type: 'application/json' }), name);
  return name;
}

/** Reads a dropped or chosen file into a document, or one reason it is not one. */
export async function readDocumentFile(file: File): Promise<LoadResult> {
  const source = `“${file.name}”`;
  if (file.size > 20_000_000) return { ok: false, error: `${source} is too large to be a graph document` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isPng(bytes)) {
    let text: string | null;
    try {
      text = readPngText(bytes, PNG_KEYWORD);
    } catch (e) {
      return { ok: false, error: `${source}: ${(e as Error).message}` };
    }
    if (text === null) return { ok: false, error: `${source} is a picture without a ganvas graph in it` };
    return loadDocumentText(text, source);
  }
  return loadDocumentText(new TextDecoder().decode(bytes), source);
}
