/**
 * Text in PNG files: writes an iTXt chunk (UTF-8, uncompressed) before IEND and reads tEXt, zTXt
 * and iTXt chunks back, so an exported diagram carries its graph document. Compressed text is
 * inflated within a budget; nothing here spreads a chunk's bytes into one call.
 */
import { DOCUMENT_LIMITS } from '../graph/limits';
import { inflateLimited } from './inflate';
import { isPng, latin1Text, pngChunk, pngChunks } from './png';

export { crc32, isPng } from './png';

const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);

/** A copy of the PNG with an iTXt chunk `keyword` = `text` before IEND. */
export function addPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  const iend = pngChunks(png).find((c) => c.type === 'IEND');
  if (!iend) throw new Error('the PNG file has no end chunk');
  const body = new TextEncoder().encode(text);
  const head = latin1(keyword);
  // keyword \0, compression flag 0, method 0, language tag "" \0, translated keyword "" \0, text
  const data = new Uint8Array(head.length + 5 + body.length);
  data.set(head, 0);
  data.set([0, 0, 0, 0, 0], head.length);
  data.set(body, head.length + 5);
  const chunk = pngChunk('iTXt', data);
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend.offset), 0);
  out.set(chunk, iend.offset);
  out.set(png.subarray(iend.offset), iend.offset + chunk.length);
  return out;
}

/** The text stored under `keyword` in a tEXt, zTXt or iTXt chunk, if any; at most `budget` bytes of it. */
export function readPngText(png: Uint8Array, keyword: string, budget: number = DOCUMENT_LIMITS.textLength): string | null {
  if (!isPng(png)) throw new Error('not a PNG file');
  for (const chunk of pngChunks(png)) {
    if (chunk.type !== 'tEXt' && chunk.type !== 'zTXt' && chunk.type !== 'iTXt') continue;
    const data = chunk.data;
    const zero = data.indexOf(0);
    if (zero < 0 || zero > 79) continue; // keywords are 1–79 bytes
    if (latin1Text(data.subarray(0, zero)) !== keyword) continue;
    const what = `the text in the picture`;
    if (chunk.type === 'tEXt') {
      if (data.length - zero - 1 > budget) throw new Error(`${what} is longer than ${budget.toLocaleString('en-US')} bytes`);
      return latin1Text(data.subarray(zero + 1));
    }
    if (chunk.type === 'zTXt') {
      if (data[zero + 1] !== 0) continue;
      return latin1Text(inflateLimited(data.subarray(zero + 2), { format: 'zlib', budget, what }));
    }
    const compressed = data[zero + 1];
    let at = zero + 3;
    at = data.indexOf(0, at) + 1; // language tag
    if (at <= 0) continue;
    at = data.indexOf(0, at) + 1; // translated keyword
    if (at <= 0) continue;
    const body = data.subarray(at);
    if (compressed === 1) {
      if (data[zero + 2] !== 0) continue;
      return new TextDecoder().decode(inflateLimited(body, { format: 'zlib', budget, what }));
    }
    if (compressed !== 0) continue;
    if (body.length > budget) throw new Error(`${what} is longer than ${budget.toLocaleString('en-US')} bytes`);
    return new TextDecoder().decode(body);
  }
  return null;
}
