/** Share links: the document, deflated and base64url-encoded, in the URL's hash (`#doc=…`). */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { GraphDocument } from '../../graph/document';
import { loadDocumentText, serializeDocument, type LoadResult } from '../../graph/load';

const PREFIX = '#doc=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function encodeDocument(doc: GraphDocument): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(JSON.parse(serializeDocument(doc)))), { level: 9 }));
}

export function shareLink(doc: GraphDocument, base: string = location.origin + location.pathname): string {
  return `${base}${PREFIX}${encodeDocument(doc)}`;
}

/** The document in a hash, `null` when the hash holds none. */
export function documentFromHash(hash: string): LoadResult | null {
  if (!hash.startsWith(PREFIX)) return null;
  let text: string;
  try {
    text = strFromU8(inflateSync(fromBase64Url(hash.slice(PREFIX.length))));
  } catch {
    return { ok: false, error: 'the shared link is damaged (it could not be decompressed)' };
  }
  return loadDocumentText(text, 'the shared link');
}
