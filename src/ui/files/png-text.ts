/**
 * Text in PNG files: writes an iTXt chunk (UTF-8, uncompressed) before IEND and reads tEXt/iTXt
 * chunks back, so an exported diagram carries its graph document.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

interface Chunk {
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  data: Uint8Array;
}

function chunks(bytes: Uint8Array): Chunk[] {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Chunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) throw new Error('the PNG file is cut short');
    out.push({ type, offset: at, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return out;
}

const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);

function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** A copy of the PNG with an iTXt chunk `keyword` = `text` before IEND. */
export function addPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  const iend = chunks(png).find((c) => c.type === 'IEND');
  if (!iend) throw new Error('the PNG file has no end chunk');
  const body = new TextEncoder().encode(text);
  const head = latin1(keyword);
  // keyword \0, compression flag 0, method 0, language tag "" \0, translated keyword "" \0, text
  const data = new Uint8Array(head.length + 5 + body.length);
  data.set(head, 0);
  data.set([0, 0, 0, 0, 0], head.length);
  data.set(body, head.length + 5);
  const chunk = makeChunk('iTXt', data);
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend.offset), 0);
  out.set(chunk, iend.offset);
  out.set(png.subarray(iend.offset), iend.offset + chunk.length);
  return out;
}

/** The text stored under `keyword` in a tEXt or uncompressed iTXt chunk, if any. */
export function readPngText(png: Uint8Array, keyword: string): string | null {
  for (const chunk of chunks(png)) {
    if (chunk.type !== 'tEXt' && chunk.type !== 'iTXt') continue;
    const zero = chunk.data.indexOf(0);
    if (zero < 0) continue;
    const key = String.fromCharCode(...chunk.data.subarray(0, zero));
    if (key !== keyword) continue;
    if (chunk.type === 'tEXt') return String.fromCharCode(...chunk.data.subarray(zero + 1));
    const compressed = chunk.data[zero + 1];
    if (compressed !== 0) continue;
    let at = zero + 3;
    at = chunk.data.indexOf(0, at) + 1; // language tag
    at = chunk.data.indexOf(0, at) + 1; // translated keyword
    if (at <= 0) continue;
    return new TextDecoder().decode(chunk.data.subarray(at));
  }
  return null;
}
