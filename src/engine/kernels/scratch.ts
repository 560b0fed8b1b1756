/** Scratch memory on the backend's heap for the engine's kernels. */
import type { Native } from './native';

/** Floats of B packed into panels of 8 columns (one panel of 4 when N ≤ 4). */
export const packedSize = (K: number, N: number) => (N <= 4 ? 4 * K : Math.ceil(N / 8) * 8 * K);

/** Runs `body` with scratch buffers of the given float counts, freed afterwards. */
export function withScratch<T>(n: Native, floats: number[], body: (...ptrs: number[]) => T): T {
  const ptrs: number[] = [];
  try {
    for (const f of floats) ptrs.push(n.malloc(f));
    return body(...ptrs);
  } finally {
    for (const p of ptrs) n.free(p);
  }
}
