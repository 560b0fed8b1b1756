/** The backends a training worker tries, in order, and how the dock names them. */
import type { BackendName } from '../../../workers/training-api';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** The backend after `active` in the order, if any (for "continue on the next backend"). */
export function nextBackend(active: string | undefined): BackendName | undefined {
  const i = BACKEND_ORDER.indexOf(active as BackendName);
  return i >= 0 ? BACKEND_ORDER[i + 1] : undefined;
}
