/** Share links: the document, deflated and base64url-encoded, in the URL's hash (`#doc=…`). */
import { deflateSync, strFromU8, strToU8 } from 'fflate';
import { formatBytes, inflateLimited } from '../../data/inflate';
import type { GraphDocument } from '../../graph/document';
import { DOCUMENT_LIMITS } from '../../graph/limits';
import { loadDocumentText, serializeDocument, type LoadResult } from '../../graph/load';
import { t } from '../i18n';

const PREFIX = '#doc=';
/**
 * Characters of a link's hash: deflate shrinks a document five- to tenfold, so this holds any
 * document the loader accepts, and a longer hash is refused before it is decoded.
 */
export const MAX_LINK_LENGTH = 4_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function encodeDocument(doc: GraphDocument): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(JSON.parse(serializeDocument(doc)))), { level: 9 }));
}

/** `flags` (e.g. a lecture's `lecture=1&dock_hide=true`) follow the document after an `&`. */
export function shareLink(doc: GraphDocument, base: string = location.origin + location.pathname, flags?: string): string {
  return `${base}${PREFIX}${encodeDocument(doc)}${flags ? `&${flags}` : ''}`;
}

/** The document in a hash, `null` when the hash holds none. Inflated within the document size limit. */
export function documentFromHash(hash: string): LoadResult | null {
  if (!hash.startsWith(PREFIX)) return null;
  // Flags after the document (`&lecture=1…`) are read elsewhere; base64url has no `&`.
  const body = hash.slice(PREFIX.length).split('&')[0];
  if (body.length > MAX_LINK_LENGTH) {
    return { ok: false, error: t('share.tooLong', { length: body.length, max: MAX_LINK_LENGTH }) };
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(body);
  } catch {
    return { ok: false, error: t('share.notBase64') };
  }
  let text: string;
  try {
    text = strFromU8(inflateLimited(bytes, { format: 'raw', budget: DOCUMENT_LIMITS.textLength, what: 'the shared link' }));
  } catch (e) {
    const message = (e as Error).message;
    return { ok: false, error: /inflates to more/.test(message) ? t('share.tooLarge', { reason: message, size: formatBytes(DOCUMENT_LIMITS.textLength) }) : t('share.notDeflate') };
  }
  return loadDocumentText(text, 'the shared link');
}
