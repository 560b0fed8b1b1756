/**
 * Where a training iteration's time goes on the wasm backend: every kernel registered for 'wasm' is
 * wrapped with a timer of the process's CPU time (the backend is synchronous, so the time around
 * `kernelFunc` is the kernel's, and CPU time does not count other processes on a shared machine),
 * the matrix kernels count their floating-point work, and garbage collection is read from Node's
 * performance observer. Composite kernels that call other kernels are timed once, as the outer one.
 */
import * as tf from '@tensorflow/tfjs';
import { cpus } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';

export interface KernelStat {
  name: string;
  calls: number;
  ms: number;
  flops: number;
}

export interface ShapeStat extends KernelStat {
  shapes: string;
}

/**
 * WASM SIMD128 peak of one core: 4 lanes, one multiply and one add issued per cycle on each of two
 * pipes (SIMD128 has no fused multiply-add), at the clock /proc/cpuinfo reports.
 */
export function wasmPeakGflops(): number {
  const mhz = cpus()[0]?.speed || 2445;
  return (4 * 2 * 2 * mhz) / 1000;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Floating-point operations of one call (multiply and add counted apart), 0 for kernels that do no matrix work. */
export function kernelFlops(name: string, inputs: tf.TensorInfo[], attrs: Record<string, unknown>, output: tf.TensorInfo | undefined): number {
  switch (name) {
    case 'Conv2D':
    case 'FusedConv2D': {
      const [kh, kw, ci] = inputs[1].shape;
      return output ? 2 * size(output.shape) * kh * kw * ci : 0;
    }
    case 'Conv2DBackpropInput': {
      const [dy, filter] = inputs;
      const [kh, kw, ci] = filter.shape;
      return 2 * size(dy.shape) * kh * kw * ci;
    }
    case 'Conv2DBackpropFilter': {
      const [kh, kw, ci] = attrs.filterShape as number[];
      return 2 * size(inputs[1].shape) * kh * kw * ci;
    }
    case 'DepthwiseConv2dNative':
    case 'FusedDepthwiseConv2D': {
      const [kh, kw] = inputs[1].shape;
      return output ? 2 * size(output.shape) * kh * kw : 0;
    }
    case 'BatchMatMul':
    case '_FusedMatMul': {
      const a = inputs[0].shape;
      const k = attrs.transposeA ? a[a.length - 2] : a[a.length - 1];
      return output ? 2 * size(output.shape) * k : 0;
    }
    default:
      return 0;
  }
}

interface Recording {
  byKernel: Map<string, KernelStat>;
  byShape: Map<string, ShapeStat>;
  gcMs: number;
}

let depth = 0;
let recording: Recording | undefined;
let installed = false;

/** Wraps every wasm kernel with the timer (once per process). */
export function installKernelTimers(): void {
  if (installed) return;
  installed = true;
  for (const config of tf.getKernelsForBackend('wasm')) {
    const inner = config.kernelFunc;
    const name = config.kernelName;
    const timed: tf.KernelFunc = (args) => {
      if (!recording || depth > 0) {
        depth++;
        try {
          return inner(args);
        } finally {
          depth--;
        }
      }
      const start = process.cpuUsage();
      depth++;
      let out: ReturnType<tf.KernelFunc>;
      try {
        out = inner(args);
      } finally {
        depth--;
      }
      const ms = cpuMs(process.cpuUsage(start));
      const inputs = Object.values(args.inputs) as tf.TensorInfo[];
      const first = Array.isArray(out) ? out[0] : out;
      const flops = kernelFlops(name, inputs, args.attrs as Record<string, unknown>, first);
      add(recording.byKernel, name, { name, calls: 1, ms, flops });
      if (flops > 0) {
        const shapes = inputs.map((t) => t.shape.join('×')).join(', ') + attrSummary(args.attrs as Record<string, unknown>);
        const key = `${name} ${shapes}`;
        add(recording.byShape, key, { name, shapes, calls: 1, ms, flops });
      }
      return out;
    };
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...config, kernelFunc: timed });
  }
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function attrSummary(attrs: Record<string, unknown>): string {
  const parts: string[] = [];
  if (attrs.strides !== undefined) parts.push(`s${String(attrs.strides)}`);
  if (attrs.transposeA) parts.push('Aᵀ');
  if (attrs.transposeB) parts.push('Bᵀ');
  return parts.length ? ` (${parts.join(' ')})` : '';
}

function add<T extends KernelStat>(map: Map<string, T>, key: string, stat: T): void {
  const s = map.get(key);
  if (!s) map.set(key, stat);
  else {
    s.calls += stat.calls;
    s.ms += stat.ms;
    s.flops += stat.flops;
  }
}

/** Times are CPU time of the process (the machine may be shared), except `wallMs`. */
export interface Profile {
  wallMs: number;
  cpuMs: number;
  kernelMs: number;
  gcMs: number;
  kernels: KernelStat[];
  shapes: ShapeStat[];
}

/** Times `body` (which must call kernels synchronously or await them) with every kernel timed. */
export async function profile(body: () => Promise<void> | void): Promise<Profile> {
  installKernelTimers();
  recording = { byKernel: new Map(), byShape: new Map(), gcMs: 0 };
  const rec = recording;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) rec.gcMs += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  try {
    await body();
  } finally {
    recording = undefined;
  }
  const wallMs = performance.now() - start;
  const totalCpuMs = cpuMs(process.cpuUsage(cpuStart));
  // GC entries arrive asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  const kernels = [...rec.byKernel.values()].sort((a, b) => b.ms - a.ms);
  const shapes = [...rec.byShape.values()].sort((a, b) => b.ms - a.ms);
  return { wallMs, cpuMs: totalCpuMs, kernelMs: kernels.reduce((s, k) => s + k.ms, 0), gcMs: rec.gcMs, kernels, shapes };
}
