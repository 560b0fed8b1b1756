/**
 * Reading a zip of the user's images one entry at a time, within budgets. The central directory
 * says how many entries there are and how large each claims to be; both are checked before any
 * entry is inflated, and each entry is inflated by `inflateLimited`, so a size that lies is caught
 * while it inflates. fflate's unzip would inflate every entry into memory at once.
 */
import { formatBytes, inflateLimited } from './inflate';

export const ZIP_LIMITS = {
  /** Entries in the directory (folders included). */
  entries: 20_000,
  /** Bytes one entry may inflate to (an image file, not its pixels). */
  entryBytes: 64_000_000,
  /** Bytes all entries together may inflate to. */
  totalBytes: 1_000_000_000,
};

export interface ZipEntry {
  name: string;
  /** Declared by the directory; checked again while inflating. */
  size: number;
  compressedSize: number;
  method: number;
  encrypted: boolean;
  /** Offset of the entry's local header. */
  offset: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  return utf8 ? new TextDecoder().decode(bytes) : Array.from(bytes, (c) => String.fromCharCode(c)).join('');
}

/** The directory of a zip file; throws a message when it is not a readable zip or breaks the limits. */
export function zipDirectory(zip: Uint8Array, source: string, limits = ZIP_LIMITS): ZipEntry[] {
  // The end record sits in the last 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (u32(zip, i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${source} is not a readable zip file (no end of central directory)`);
  const count = u16(zip, end + 10);
  const dirSize = u32(zip, end + 12);
  const dirOffset = u32(zip, end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new Error(`${source} is a zip64 file, which ganvas does not read; zip fewer or smaller images`);
  if (count > limits.entries) throw new Error(`${source} holds ${count.toLocaleString('en-US')} entries; at most ${limits.entries.toLocaleString('en-US')} are read`);
  if (dirOffset + dirSize > zip.length) throw new Error(`${source} is not a readable zip file (its directory lies outside the file)`);
  const entries: ZipEntry[] = [];
  let declared = 0;
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || u32(zip, at) !== 0x02014b50) throw new Error(`${source} is not a readable zip file (entry ${n + 1} of its directory is damaged)`);
    const flags = u16(zip, at + 8);
    const nameLength = u16(zip, at + 28);
    const entry: ZipEntry = {
      method: u16(zip, at + 10),
      compressedSize: u32(zip, at + 20),
      size: u32(zip, at + 24),
      encrypted: (flags & 1) === 1,
      offset: u32(zip, at + 42),
      name: decodeName(zip.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.offset === 0xffffffff) {
      throw new Error(`${source} is a zip64 file, which ganvas does not read; zip fewer or smaller images`);
    }
    declared += entry.size;
    entries.push(entry);
    at += 46 + nameLength + u16(zip, at + 30) + u16(zip, at + 32);
  }
  if (declared > limits.totalBytes) {
    throw new Error(`${source} unpacks to ${formatBytes(declared)}; at most ${formatBytes(limits.totalBytes)} are read`);
  }
  return entries;
}

/** One entry's bytes, inflated within the per-entry budget; throws a message naming the entry. */
export function zipEntryBytes(zip: Uint8Array, entry: ZipEntry, limits = ZIP_LIMITS): Uint8Array {
  const what = entry.name;
  if (entry.encrypted) throw new Error('encrypted');
  if (entry.size > limits.entryBytes) throw new Error(`unpacks to ${formatBytes(entry.size)}; at most ${formatBytes(limits.entryBytes)} per file`);
  const at = entry.offset;
  if (at + 30 > zip.length || u32(zip, at) !== 0x04034b50) throw new Error('damaged entry (no local header)');
  const start = at + 30 + u16(zip, at + 26) + u16(zip, at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new Error('damaged entry (cut short)');
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new Error(`compression method ${entry.method} is not supported (only deflate)`);
  // The declared size bounds the work; an entry that inflates past it is lying and is refused.
  const out = inflateLimited(data, { format: 'raw', budget: Math.min(limits.entryBytes, entry.size), what: `${what}` });
  return out;
}
