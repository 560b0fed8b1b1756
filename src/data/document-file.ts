/**
 * A document from the bytes of a file: JSON text, or a PNG diagram carrying its graph in a text
 * chunk. The page (open, drop) and the command line read files through here, so both refuse the
 * same files with the same messages, and both end in `loadDocumentText`.
 */
import { DOCUMENT_LIMITS } from '../graph/limits';
import { loadDocumentText, type LoadResult } from '../graph/load';
import { formatBytes } from './inflate';
import { isPng } from './png';
import { readPngText } from './png-text';

/** The keyword of the text chunk that carries a document in an exported diagram. */
export const PNG_KEYWORD = 'ganvas';

/** A file larger than this is not opened at all: a diagram's picture and its document fit well within it. */
export const MAX_DOCUMENT_FILE_BYTES = 40_000_000;

/** The refusal of a file by its size alone (checked before it is read), or null when it may be read. */
export function refuseBySize(size: number, source: string): LoadResult | null {
  return size > MAX_DOCUMENT_FILE_BYTES
    ? { ok: false, error: `${source} is too large to be a graph document (${formatBytes(size)}; at most ${formatBytes(MAX_DOCUMENT_FILE_BYTES)})` }
    : null;
}

export function readDocumentBytes(bytes: Uint8Array, source: string): LoadResult {
  const tooLarge = refuseBySize(bytes.length, source);
  if (tooLarge) return tooLarge;
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
  // UTF-8 takes at least one byte a character: more bytes than the text limit is too long however it decodes.
  if (bytes.length > DOCUMENT_LIMITS.textLength) {
    return { ok: false, error: `${source} is too large to be a graph document (${formatBytes(bytes.length)}; at most ${formatBytes(DOCUMENT_LIMITS.textLength)} of JSON)` };
  }
  if (bytes.subarray(0, 4096).includes(0)) return { ok: false, error: `${source} is not a ganvas document (it is a binary file, not JSON text)` };
  let text = new TextDecoder().decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark some editors write
  return loadDocumentText(text, source);
}
