/**
 * Hostile archives and pictures for tests and benchmarks, made without ever holding what they
 * claim: deflate streams of zeros built chunk by chunk, zips written by hand (with honest or lying
 * declared sizes), PNGs whose header declares 20,000×20,000 pixels.
 */
import { Deflate, Zlib } from 'fflate';
import { pngChunk } from '../../../src/data/png';

/** Deflate (raw, or zlib for PNG) of `total` zero bytes, fed 1 MB at a time. */
export function deflatedZeros(total: number, format: 'raw' | 'zlib' = 'raw'): Uint8Array {
  const parts: Uint8Array[] = [];
  const stream = format === 'zlib' ? new Zlib({ level: 9 }) : new Deflate({ level: 9 });
  stream.ondata = (chunk) => void parts.push(chunk);
  const block = new Uint8Array(1 << 20);
  for (let done = 0; done < total; ) {
    const n = Math.min(block.length, total - done);
    done += n;
    stream.push(n === block.length ? block : block.subarray(0, n), done >= total);
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface ZipItem {
  name: string;
  /** Stored bytes (method 0) or deflated ones (method 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The size the directory declares (the truth, or a lie). */
  declaredSize: number;
}

/** A zip of the items, central directory and all (CRCs left 0: the reader under test does not rely on them). */
export function makeZip(items: ZipItem[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const item of items) {
    const name = new TextEncoder().encode(item.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, item.method, true);
    lv.setUint32(18, item.data.length, true);
    lv.setUint32(22, item.declaredSize, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, item.method, true);
    cv.setUint32(20, item.data.length, true);
    cv.setUint32(24, item.declaredSize, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, item.data);
    centrals.push(central);
    offset += local.length + item.data.length;
  }
  const dirSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(items.length, 0xffff), true);
  ev.setUint16(10, Math.min(items.length, 0xffff), true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, end];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An RGBA PNG declaring width × height whose image data is `rows` rows of zeros (all of them by default). */
export function hugePng(width: number, height: number, rows = height): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const idat = deflatedZeros(rows * (width * 4 + 1), 'zlib');
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
