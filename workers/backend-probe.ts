/**
 * What the worker can tell about the backends before training: the adapters behind WebGPU and
 * WebGL (a software one — SwiftShader, llvmpipe — is a CPU pretending to be a GPU), and how many
 * iterations per second a plan runs at on one backend, timed after a warm-up iteration (which
 * compiles shaders and kernels). The page decides from these (src/ui/training/backend-choice.ts).
 */
import type { Plan } from '../src/compiler/plan';
import type { DataEnv } from '../src/data/types';
import { Engine } from '../src/engine/engine';
import type { BackendName } from '../src/engine/backend';
import type { AdapterInfo, DeviceInfo, BackendTiming, BackendTimingOptions } from './training-api';

/** Renderer and adapter names of software rasterisers and fallback adapters. */
export const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|warp|mesa offscreen/i;

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<{ vendor?: string; architecture?: string; device?: string; description?: string }>;
}

async function webgpuAdapter(): Promise<AdapterInfo> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { available: false, software: false, reason: 'this browser offers no WebGPU here (navigator.gpu is missing)' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return { available: false, software: false, reason: `asking for a WebGPU adapter failed: ${(e as Error).message}` };
  }
  if (!adapter) return { available: false, software: false, reason: 'WebGPU found no adapter (no suitable GPU or driver)' };
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => undefined)) ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const fallback = adapter.isFallbackAdapter === true || (adapter.info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true;
  return { available: true, name: name || 'unnamed adapter', software: fallback || SOFTWARE_ADAPTER.test(name), ...(fallback ? { fallback } : {}) };
}

function webglRenderer(): AdapterInfo {
  try {
    if (typeof OffscreenCanvas === 'undefined') return { available: false, software: false, reason: 'no OffscreenCanvas in this worker' };
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return { available: false, software: false, reason: 'WebGL 2 is not available' };
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { available: true, name, software: SOFTWARE_ADAPTER.test(name) };
  } catch (e) {
    return { available: false, software: false, reason: `WebGL 2 failed: ${(e as Error).message}` };
  }
}

export async function deviceInfo(): Promise<DeviceInfo> {
  return {
    webgpu: await webgpuAdapter(),
    webgl: webglRenderer(),
    cores: navigator.hardwareConcurrency ?? 1,
    isolated: self.crossOriginIsolated === true,
    agent: navigator.userAgent,
  };
}

/**
 * Builds `plan` on exactly `backend` (a fallback counts as a failure), runs one warm-up iteration,
 * then doubling chunks of iterations (one readback each) until `budgetMs` of timed training or
 * `maxSteps` iterations, and returns their rate. The engine is disposed whatever happens.
 */
export async function probeBackend(plan: Plan, backend: BackendName, dataEnv: DataEnv, wasmPaths: string, opts: BackendTimingOptions = {}): Promise<BackendTiming> {
  const budgetMs = opts.budgetMs ?? 800;
  const maxSteps = opts.maxSteps ?? 200;
  const started = performance.now();
  let engine: Engine | undefined;
  try {
    // Enough iterations that no schedule ends the probe early.
    engine = await Engine.create({ ...plan, steps: Math.max(plan.steps, maxSteps + 10) }, { dataEnv, backend, env: 'browser', wasmPaths });
    if (engine.backend !== backend) {
      const why = engine.backendTried.find((t) => t.name === backend && !t.ok)?.reason ?? `TF.js gave ${engine.backend}`;
      return { backend, ok: false, reason: why };
    }
    const loaded = performance.now();
    const warm = await engine.run({ steps: 1, logEvery: 1 });
    if (warm.status === 'error') return { backend, ok: false, reason: warm.error?.message ?? 'the warm-up iteration failed' };
    const warmed = performance.now();
    let steps = 0;
    let chunk = 1;
    while (steps < maxSteps && (steps < 2 || performance.now() - warmed < budgetMs)) {
      const n = Math.min(chunk, maxSteps - steps);
      const r = await engine.run({ steps: n, logEvery: n });
      if (r.status === 'error') return { backend, ok: false, reason: r.error?.message ?? 'training failed' };
      steps += n;
      chunk *= 2;
    }
    const seconds = (performance.now() - warmed) / 1000;
    return { backend, ok: true, stepsPerSecond: steps / seconds, steps, loadMs: loaded - started, warmupMs: warmed - loaded };
  } catch (e) {
    return { backend, ok: false, reason: (e as Error).message };
  } finally {
    engine?.dispose();
  }
}
