/**
 * Picks the TF.js backend to train on.
 *
 * TF.js falls back silently when a backend fails to initialise, so each
 * candidate is set explicitly, its `setBackend` result checked (a throw means
 * "not registered", `false` means "failed to initialise"), `tf.getBackend()`
 * compared with the name asked for, and a tiny op run on it.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerGradientOverrides } from './kernels/gradients';
import { loadNativeKernels, nativeKernelsFailure } from './kernels/native';
import { registerWasmTrainingKernels } from './wasm-kernels';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendAttempt {
  name: string;
  ok: boolean;
  reason?: string;
  /** For wasm: which kernels train ("engine kernels", or the backend's own and why). */
  kernels?: string;
}

export interface BackendChoice {
  active: string;
  tried: BackendAttempt[];
}

export interface ChooseBackendOptions {
  /** Backend to start from; later ones in the order are the fallbacks. */
  prefer?: BackendName;
  env: 'browser' | 'node';
  /** Folder (URL prefix, ending in '/') that serves the tfjs-backend-wasm .wasm binaries. */
  wasmPaths?: string;
}

/** Fastest first. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Why a backend is never tried in Node. */
const NOT_IN_NODE: Partial<Record<BackendName, string>> = {
  webgpu: 'skipped: WebGPU needs a browser (navigator.gpu); Node has none',
  webgl: 'skipped: WebGL needs a browser canvas; Node has none',
};

export async function chooseBackend(opts: ChooseBackendOptions): Promise<BackendChoice> {
  const start = opts.prefer ? BACKEND_ORDER.indexOf(opts.prefer) : 0;
  if (start < 0) throw new Error(`unknown backend '${opts.prefer}'`);
  const tried: BackendAttempt[] = [];
  registerGradientOverrides();
  for (const name of BACKEND_ORDER.slice(start)) {
    const skipReason = opts.env === 'node' ? NOT_IN_NODE[name] : undefined;
    if (skipReason) {
      tried.push({ name, ok: false, reason: skipReason });
      continue;
    }
    const failure = await trySetBackend(name, opts);
    const kernels = name === 'wasm' && !failure ? { kernels: wasmKernelsInUse() } : {};
    tried.push(failure ? { name, ok: false, reason: failure } : { name, ok: true, ...kernels });
    if (!failure) return { active: name, tried };
  }
  const summary = tried.map((t) => `${t.name}: ${t.reason}`).join('; ');
  throw new Error(`no TF.js backend could be started (${summary})`);
}

/** Returns why `name` could not be made the active backend, or undefined on success. */
async function trySetBackend(name: BackendName, opts: ChooseBackendOptions): Promise<string | undefined> {
  try {
    await prepare(name, opts);
    const ok = await tf.setBackend(name);
    if (!ok) return 'failed to initialise (setBackend returned false)';
    const active = tf.getBackend();
    if (active !== name) return `TF.js fell back to '${active}'`;
    // Optional: without them the wasm training kernels use the backend's own.
    if (name === 'wasm') await loadNativeKernels(tf.backend() as BackendWasm, (file) => nativeKernelBytes(opts, file));
    return await smokeTest();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Backend-specific set-up that has to happen before `setBackend`. */
async function prepare(name: BackendName, opts: ChooseBackendOptions): Promise<void> {
  if (name === 'webgpu') {
    // Loaded on demand: the package touches WebGPU globals and is useless in Node.
    await import('@tensorflow/tfjs-backend-webgpu');
  } else if (name === 'wasm') {
    const paths = opts.wasmPaths ?? (opts.env === 'node' ? await nodeWasmFolder() : undefined);
    if (paths) setWasmPaths(paths);
    registerWasmTrainingKernels();
  }
}

/**
 * The installed package's dist/ folder, found through Node's resolver from this
 * file (not from the working directory, which may be anywhere).
 */
async function nodeWasmFolder(): Promise<string> {
  // Indirect specifiers keep browser bundlers from pulling in Node built-ins.
  const moduleBuiltin = 'node:module';
  const pathBuiltin = 'node:path';
  const { createRequire } = (await import(/* @vite-ignore */ moduleBuiltin)) as typeof import('node:module');
  const path = (await import(/* @vite-ignore */ pathBuiltin)) as typeof import('node:path');
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(packageJson), 'dist') + path.sep;
}

function wasmKernelsInUse(): string {
  const why = nativeKernelsFailure();
  return why ? `the backend's own kernels (engine kernels unavailable: ${why})` : 'engine kernels';
}

/** The engine's own kernels: beside the backend's binaries in a browser, in public/wasm in Node. */
async function nativeKernelBytes(opts: ChooseBackendOptions, file: string): Promise<ArrayBuffer | Uint8Array> {
  if (opts.env === 'node') {
    const fsBuiltin = 'node:fs/promises';
    const urlBuiltin = 'node:url';
    const { readFile } = (await import(/* @vite-ignore */ fsBuiltin)) as typeof import('node:fs/promises');
    const { fileURLToPath } = (await import(/* @vite-ignore */ urlBuiltin)) as typeof import('node:url');
    const relative = ['..', '..', 'public', 'wasm', file].join('/');
    return readFile(fileURLToPath(new URL(relative, import.meta.url)));
  }
  if (!opts.wasmPaths) throw new Error('no wasmPaths to load the engine kernels from');
  const response = await fetch(`${opts.wasmPaths}${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Runs 1 + 1 on the active backend; reads back asynchronously (WebGPU breaks on dataSync). */
async function smokeTest(): Promise<string | undefined> {
  const sum = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
  try {
    const [value] = await sum.data();
    return value === 2 ? undefined : `smoke test computed 1 + 1 = ${value}`;
  } finally {
    sum.dispose();
  }
}
