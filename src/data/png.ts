/**
 * The project's one PNG module, on top of fflate's zlib, so images can be written and read the same
 * way in Node, in a page and in a worker (pngjs needs Node's streams and Buffer): the CRC, the
 * chunk reader and writer (png-text.ts builds on them), an encoder and a decoder.
 *
 * encodePng writes 8-bit RGBA. decodePng reads every standard PNG: grey, grey+alpha, RGB, RGBA and
 * palette images, bit depths 1–16, tRNS transparency and Adam7 interlacing, always returning RGBA 8-bit.
 * It reads the declared size first and refuses a picture over the pixel budget before inflating
 * anything, and inflates no more than that size needs.
 */
import { zlibSync } from 'fflate';
import { formatBytes, inflateLimited, InflateBudgetError } from './inflate';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG and zip use it) of bytes[start, end). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Pixels one picture may have (4096 × 4096): the RGBA copy alone is 64 MB. */
export const MAX_IMAGE_PIXELS = 4096 * 4096;

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  data: Uint8Array;
}

/** Latin-1 text of bytes, in slices (a spread of many bytes into one call overflows the stack). */
export function latin1Text(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x2000) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as unknown as number[]);
  return out;
}

/** The chunks of a PNG file up to IEND; throws when it is not a PNG or is cut short. */
export function pngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = latin1Text(bytes.subarray(at + 4, at + 8));
    if (at + 12 + length > bytes.length) throw new Error('the PNG file is cut short');
    out.push({ type, offset: at, data: bytes.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return out;
}

/** One chunk, with its length and CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i) & 0xff;
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width·height·4 bytes, row-major RGBA. */
  rgba: Uint8Array;
}

/** Encodes 8-bit RGBA pixels as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes, got ${rgba.length}`);
  // Each row: filter byte 1 ("sub": difference to the pixel on the left), which compresses flat areas well.
  const stride = width * 4;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    const r = y * stride;
    raw[o] = 1;
    for (let i = 0; i < stride; i++) raw[o + 1 + i] = (rgba[r + i] - (i >= 4 ? rgba[r + i - 4] : 0)) & 0xff;
  }
  const idat = zlibSync(raw, { level: 6 });
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const chunks = [pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(8 + chunks.reduce((s, c) => s + c.length, 0));
  out.set(SIGNATURE, 0);
  let p = 8;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7 passes: [x0, y0, dx, dy]. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** Refuses a declared size over the pixel budget, before any decoding. */
export function checkPixels(width: number, height: number, maxPixels = MAX_IMAGE_PIXELS): void {
  if (width * height > maxPixels) {
    throw new Error(`${width}×${height} pixels is more than ganvas decodes (at most ${(maxPixels / 1e6).toFixed(1)} megapixels, ${formatBytes(maxPixels * 4)} decoded); scale the picture down`);
  }
}

/** Decodes a PNG file to 8-bit RGBA; throws an Error saying what is wrong with a broken file. */
export function decodePng(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): RgbaImage {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colourType = 0;
  let interlace = 0;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  while (p + 8 <= bytes.length) {
    const length = view.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
    const data = bytes.subarray(p + 8, p + 8 + length);
    if (data.length !== length) throw new Error('truncated PNG file');
    if (type === 'IHDR') {
      width = view.getUint32(p + 8);
      height = view.getUint32(p + 12);
      depth = data[8];
      colourType = data[9];
      interlace = data[12];
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    p += 12 + length;
  }
  const channels = Object.hasOwn(CHANNELS, colourType) ? CHANNELS[colourType] : 0;
  if (!width || !height || !channels || ![1, 2, 4, 8, 16].includes(depth)) throw new Error('unsupported or corrupt PNG header');
  checkPixels(width, height, maxPixels);
  if (colourType === 3 && !palette) throw new Error('palette PNG without a palette');
  if (idat.length === 0) throw new Error('PNG without image data');
  const compressed = new Uint8Array(idat.reduce((s, d) => s + d.length, 0));
  let q = 0;
  for (const d of idat) {
    compressed.set(d, q);
    q += d.length;
  }
  // The filtered rows the header promises, and not a byte more.
  const bitsPerPixel = channels * depth;
  let expected = 0;
  for (const [x0, y0, dx, dy] of interlace ? ADAM7 : [[0, 0, 1, 1]]) {
    const pw = Math.ceil((width - x0) / dx);
    const ph = Math.ceil((height - y0) / dy);
    if (pw > 0 && ph > 0) expected += ph * (Math.ceil((pw * bitsPerPixel) / 8) + 1);
  }
  let raw: Uint8Array;
  try {
    raw = inflateLimited(compressed, { format: 'zlib', budget: expected, what: 'the PNG image data' });
  } catch (e) {
    if (e instanceof InflateBudgetError) throw new Error(`corrupt PNG (its image data is larger than its ${width}×${height} header says)`);
    throw new Error('corrupt PNG image data');
  }

  const rgba = new Uint8Array(width * height * 4);
  const bpp = Math.max(1, bitsPerPixel >> 3); // filter unit in bytes
  let offset = 0;
  const passes = interlace ? ADAM7 : [[0, 0, 1, 1]];
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((width - x0) / dx);
    const ph = Math.ceil((height - y0) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const stride = Math.ceil((pw * bitsPerPixel) / 8);
    if (offset + ph * (stride + 1) > raw.length) throw new Error('truncated PNG image data');
    let prev = new Uint8Array(stride);
    let line = new Uint8Array(stride);
    for (let y = 0; y < ph; y++) {
      const filter = raw[offset];
      const src = raw.subarray(offset + 1, offset + 1 + stride);
      offset += stride + 1;
      unfilter(filter, src, prev, line, bpp);
      writeRow(line, pw, y0 + y * dy, x0, dx, width, depth, colourType, palette, transparency, rgba);
      const t = prev;
      prev = line;
      line = t;
    }
  }
  return { width, height, rgba };
}

function unfilter(filter: number, src: Uint8Array, prev: Uint8Array, out: Uint8Array, bpp: number): void {
  const n = src.length;
  switch (filter) {
    case 0:
      out.set(src);
      break;
    case 1:
      for (let i = 0; i < n; i++) out[i] = (src[i] + (i >= bpp ? out[i - bpp] : 0)) & 0xff;
      break;
    case 2:
      for (let i = 0; i < n; i++) out[i] = (src[i] + prev[i]) & 0xff;
      break;
    case 3:
      for (let i = 0; i < n; i++) out[i] = (src[i] + (((i >= bpp ? out[i - bpp] : 0) + prev[i]) >> 1)) & 0xff;
      break;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? out[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        out[i] = (src[i] + pred) & 0xff;
      }
      break;
    default:
      throw new Error(`corrupt PNG (filter type ${filter})`);
  }
}

function writeRow(
  line: Uint8Array,
  count: number,
  y: number,
  x0: number,
  dx: number,
  width: number,
  depth: number,
  colourType: number,
  palette: Uint8Array | null,
  trns: Uint8Array | null,
  rgba: Uint8Array,
): void {
  const channels = CHANNELS[colourType];
  if (depth === 8 && (colourType === 6 || (colourType === 2 && !trns))) {
    // The common cases, without the general path's per-sample calls.
    for (let i = 0; i < count; i++) {
      const o = (y * width + x0 + i * dx) * 4;
      const s = i * channels;
      rgba[o] = line[s];
      rgba[o + 1] = line[s + 1];
      rgba[o + 2] = line[s + 2];
      rgba[o + 3] = colourType === 6 ? line[s + 3] : 255;
    }
    return;
  }
  const maxValue = (1 << Math.min(depth, 8)) - 1;
  // Sample s of the row, as an integer at the file's depth (16-bit rounded to 8).
  const sample = (s: number): number => {
    if (depth === 8) return line[s];
    if (depth === 16) return Math.round(((line[s * 2] << 8) | line[s * 2 + 1]) / 257);
    const bit = s * depth;
    return (line[bit >> 3] >> (8 - depth - (bit & 7))) & maxValue;
  };
  const full = (s: number): number => (depth === 16 ? (line[s * 2] << 8) | line[s * 2 + 1] : sample(s));
  for (let i = 0; i < count; i++) {
    const o = (y * width + x0 + i * dx) * 4;
    const s = i * channels;
    if (colourType === 3) {
      const k = sample(s);
      rgba[o] = palette![k * 3];
      rgba[o + 1] = palette![k * 3 + 1];
      rgba[o + 2] = palette![k * 3 + 2];
      rgba[o + 3] = trns && k < trns.length ? trns[k] : 255;
      continue;
    }
    const scale = depth < 8 ? 255 / maxValue : 1;
    if (colourType === 0 || colourType === 4) {
      const g = Math.round(sample(s) * scale);
      rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
      let a = colourType === 4 ? Math.round(sample(s + 1) * scale) : 255;
      if (colourType === 0 && trns && trns.length >= 2 && full(s) === ((trns[0] << 8) | trns[1])) a = 0;
      rgba[o + 3] = a;
    } else {
      rgba[o] = sample(s);
      rgba[o + 1] = sample(s + 1);
      rgba[o + 2] = sample(s + 2);
      let a = colourType === 6 ? sample(s + 3) : 255;
      if (
        colourType === 2 &&
        trns &&
        trns.length >= 6 &&
        full(s) === ((trns[0] << 8) | trns[1]) &&
        full(s + 1) === ((trns[2] << 8) | trns[3]) &&
        full(s + 2) === ((trns[4] << 8) | trns[5])
      ) {
        a = 0;
      }
      rgba[o + 3] = a;
    }
  }
}
