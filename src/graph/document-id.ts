/**
 * Document ids: random, short, and only letters and digits, so they work as keys anywhere
 * (IndexedDB, file names, URLs). A document keeps its id through renames and edits; copies get a
 * new one.
 */
import type { GraphDocument } from './document';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newDocumentId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return 'doc-' + Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** The document with an id: its own if it has one (unless `copy`), else a new one. Never mutates. */
export function withDocumentId(doc: GraphDocument, opts: { copy?: boolean } = {}): GraphDocument {
  if (doc.meta.id && !opts.copy) return doc;
  return { ...doc, meta: { ...doc.meta, id: newDocumentId() } };
}

/** How checkpoints were keyed before documents had ids: the template they came from and the title. */
export function legacyDocumentKey(doc: Pick<GraphDocument, 'meta'>): string {
  return `${doc.meta.template ?? 'doc'}/${doc.meta.title}`;
}
