/**
 * Decompression with a byte budget. A few hundred kilobytes of deflate can stand for gigabytes,
 * so nothing inflates a whole input at once: the input goes in small slices (each can grow at
 * most ~1,000-fold), the output is counted as it comes, and past the budget the work stops with
 * a message. Used for share links, zip entries, PNG image data and compressed PNG text.
 */
import { Inflate, Unzlib } from 'fflate';

/** Thrown when the output would pass its budget; the message says what and how much. */
export class InflateBudgetError extends Error {
  override name = 'InflateBudgetError';
}

/** Input bytes per step: at deflate's best ratio (~1032:1) one step adds at most ~4 MB. */
const SLICE = 4096;

export interface InflateOptions {
  /** `raw` deflate (share links, zip entries) or `zlib` (PNG). */
  format: 'raw' | 'zlib';
  /** At most this many bytes out. */
  budget: number;
  /** Names the data in messages ("the shared link", "photo.png"). */
  what: string;
}

export function inflateLimited(data: Uint8Array, { format, budget, what }: InflateOptions): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const onData = (chunk: Uint8Array, final: boolean) => {
    total += chunk.length;
    if (total > budget) throw new InflateBudgetError(`${what} inflates to more than ${formatBytes(budget)}`);
    if (chunk.length) parts.push(chunk);
    if (final) done = true;
  };
  const stream = format === 'zlib' ? new Unzlib(onData) : new Inflate(onData);
  try {
    for (let at = 0; at < data.length && !done; at += SLICE) {
      const end = Math.min(data.length, at + SLICE);
      stream.push(data.subarray(at, end), end === data.length);
    }
    if (data.length === 0) stream.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof InflateBudgetError) throw e;
    throw new Error(`${what} is damaged (its compressed data could not be read: ${(e as Error).message})`);
  }
  if (!done) throw new Error(`${what} is damaged (its compressed data ends early)`);
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(n % 1e9 ? 1 : 0)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(n % 1e6 ? 1 : 0)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n % 1e3 ? 1 : 0)} KB`;
  return `${n} bytes`;
}
