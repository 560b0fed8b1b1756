/** Opening and saving documents as files: `.json`, or a `.png` diagram that carries its graph. */
import type { GraphDocument } from '../../graph/document';
import { readDocumentBytes, refuseBySize } from '../../data/document-file';
import { serializeDocument, type LoadResult } from '../../graph/load';
import { shown } from '../../graph/text';

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
  const source = `“${shown(file.name, 80)}”`;
  // Refused by its size before a byte of it is read.
  return refuseBySize(file.size, source) ??  readDocumentBytes(new Uint8Array(await file.arrayBuffer()), source);
}
