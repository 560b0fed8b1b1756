/**
 * The project's own WASM kernels (src/engine/kernels/assembly, built by `npm run prepare` into
 * public/wasm/ganvas-kernels.wasm), instantiated on the TF.js WASM backend's memory so that they
 * work on tensor data where it lies. Loading is optional: when the binary is missing or cannot be
 * instantiated (e.g. the backend's memory is shared and the binary's is not), the kernels that use
 * it fall back to compositions of the backend's own kernels.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type * as tf from '@tensorflow/tfjs';

export const NATIVE_KERNELS_FILE = 'ganvas-kernels.wasm';
/** The same kernels declaring shared memory, for the threaded backend (cross-origin isolated pages). */
export const NATIVE_KERNELS_SHARED_FILE = 'ganvas-kernels-shared.wasm';

function memoryOf(backend: BackendWasm): WebAssembly.Memory | undefined {
  const module = (backend as unknown as BackendInternals).wasm;
  return module.asm?.memory ?? module.wasmMemory;
}

/** Which binary fits the backend's memory. */
export function nativeKernelsFileFor(backend: BackendWasm): string {
  const memory = memoryOf(backend);
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory?.buffer instanceof SharedArrayBuffer;
  return shared ? NATIVE_KERNELS_SHARED_FILE : NATIVE_KERNELS_FILE;
}

/** The exports of kernels.wasm: pointers are byte offsets into the backend's heap. */
export interface NativeExports {
  packB(src: number, K: number, N: number, sk: number, sn: number, dst: number): void;
  packB4(src: number, K: number, N: number, sk: number, sn: number, dst: number): void;
  gemm4(a: number, lda: number, M: number, K: number, bp: number, N: number, c: number, ldc: number, accumulate: number): void;
  zero(dst: number, n: number): void;
  tile(x: number, rank: number, dims: number, inner: number, out: number): void;
  transpose(src: number, M: number, N: number, ld: number, dst: number): void;
  gemm(a: number, lda: number, M: number, K: number, bp: number, N: number, c: number, ldc: number, accumulate: number): void;
  im2col(
    x: number, H: number, W: number, C: number,
    kh: number, kw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number,
    OH: number, OW: number, m0: number, rows: number, dst: number,
  ): void;
  im2colPacked(
    x: number, H: number, W: number, C: number,
    kh: number, kw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number,
    OH: number, OW: number, m0: number, rows: number, dst: number,
  ): void;
  col2imAdd(
    src: number, H: number, W: number, C: number,
    kh: number, kw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number,
    OH: number, OW: number, m0: number, rows: number, dx: number,
  ): void;
  padImage(x: number, B: number, H: number, W: number, C: number, pt: number, pb: number, pl: number, pr: number, dst: number): void;
  convRowTable(B: number, OH: number, OW: number, Hp: number, Wp: number, C: number, sh: number, sw: number, table: number): void;
  convGemm(x: number, table: number, M: number, kh: number, segLen: number, segStride: number, bp: number, N: number, c: number, ldc: number, accumulate: number): void;
  convDot(x: number, table: number, M: number, kh: number, segLen: number, segStride: number, wt: number, N: number, c: number, ldc: number): void;
  convDotQuad(x: number, table: number, M: number, kh: number, segLen: number, segStride: number, wt: number, N: number, c: number, ldc: number): void;
  convFilterGemm(
    dyT: number, M: number, R: number, m0: number, rows: number, x: number, table: number,
    kh: number, segLen: number, segStride: number, dwT: number, accumulate: number,
  ): void;
  convFilterGemmNarrow(
    dyT: number, M: number, R: number, m0: number, rows: number, x: number, table: number,
    kh: number, segLen: number, segStride: number, dwT: number, accumulate: number,
  ): void;
  phaseFilter(w: number, kh: number, kw: number, C: number, N: number, rh: number, rw: number, sh: number, sw: number, Th: number, Tw: number, dst: number): void;
  wgFilter(w: number, C: number, N: number, dst: number): void;
  wgInput(x: number, Hp: number, Wp: number, C: number, th: number, tw: number, t0: number, count: number, dst: number): void;
  wgOutput(m: number, count: number, N: number, t0: number, th: number, tw: number, OH: number, OW: number, out: number): void;
  wgOutputGrad(dy: number, OH: number, OW: number, N: number, th: number, tw: number, t0: number, count: number, dst: number): void;
  wgFilterGrad(s: number, C: number, N: number, dw: number): void;
  placeGrid(src: number, B: number, nh: number, nw: number, C: number, dst: number, H: number, W: number, sh: number, sw: number): void;
  convFilterGemmT(x: number, table: number, m0: number, rows: number, koff: number, K: number, bp: number, N: number, dw: number, accumulate: number): void;
  convTapOffsets(kh: number, segLen: number, segStride: number, koff: number): void;
  convPackPanels(x: number, table: number, m0: number, rows: number, kh: number, segLen: number, segStride: number, dst: number): void;
  adam(
    w: number, g: number, m: number, v: number, n: number,
    lr: number, b1: number, b1c: number, b2: number, b2c: number, eps: number, c1: number, c2: number,
    wOut: number, mOut: number, vOut: number,
  ): void;
  sgd(w: number, g: number, b: number, n: number, lr: number, mu: number, wOut: number, bOut: number): void;
  leakyRelu(x: number, n: number, alpha: number, out: number): void;
  greater(a: number, b: number, n: number, bScalar: number, out: number): void;
  select(cond: number, t: number, e: number, n: number, out: number): void;
  tanh(x: number, n: number, out: number): void;
  sumAxis(x: number, O: number, R: number, I: number, mean: number, out: number): void;
  add(a: number, b: number, n: number, mode: number, C: number, out: number): void;
  sub(a: number, b: number, n: number, mode: number, C: number, out: number): void;
  mul(a: number, b: number, n: number, mode: number, C: number, out: number): void;
  div(a: number, b: number, n: number, mode: number, C: number, out: number): void;
  bnStats(x: number, R: number, C: number, mean: number, variance: number): void;
  bnApply(x: number, R: number, C: number, mean: number, variance: number, gamma: number, beta: number, eps: number, scale: number, y: number): void;
  bnGrad(
    dy: number, x: number, R: number, C: number, mean: number, variance: number, gamma: number, eps: number,
    dmean: number, dvariance: number, inv: number, dx: number, dgamma: number, dbeta: number,
  ): void;
}

/**
 * Every function of NativeExports (the type makes the list complete): a binary built from older
 * sources lacks some, and is refused at loading rather than failing inside a training step.
 */
const EXPORTED: Record<keyof NativeExports, true> = {
  packB: true, packB4: true, gemm4: true, zero: true, tile: true, transpose: true, gemm: true,
  im2col: true, im2colPacked: true, col2imAdd: true, padImage: true, convRowTable: true,
  convGemm: true, convDot: true, convDotQuad: true, convFilterGemm: true, convFilterGemmNarrow: true, phaseFilter: true, wgFilter: true,
  wgInput: true, wgOutput: true, wgOutputGrad: true, wgFilterGrad: true, placeGrid: true,
  convFilterGemmT: true, convTapOffsets: true, convPackPanels: true, adam: true, sgd: true,
  leakyRelu: true, greater: true, select: true, tanh: true, sumAxis: true, add: true, sub: true,
  mul: true, div: true, bnStats: true, bnApply: true, bnGrad: true,
};

/** The names NativeExports declares that `exports` has no function for. */
export function missingExports(exports: WebAssembly.Exports): string[] {
  return Object.keys(EXPORTED).filter((name) => typeof exports[name] !== 'function');
}

interface EmscriptenModule {
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  /** The exported memory (the single-threaded builds). */
  asm?: { memory?: WebAssembly.Memory };
  /** The memory it was given (the threaded build creates it shared, in JS). */
  wasmMemory?: WebAssembly.Memory;
}

interface BackendInternals {
  wasm: EmscriptenModule;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

/** The loaded module with its backend: pointers of tensors, scratch memory. */
export class Native {
  constructor(
    readonly backend: BackendWasm,
    readonly k: NativeExports,
  ) {}

  private get internals(): BackendInternals {
    return this.backend as unknown as BackendInternals;
  }

  /** Byte offset of a tensor's data on the heap. */
  pointer(t: tf.TensorInfo): number {
    const data = this.internals.dataIdMap.get(t.dataId);
    if (!data) throw new Error('tensor data is not on the wasm heap');
    return data.memoryOffset;
  }

  malloc(floats: number): number {
    const ptr = this.internals.wasm._malloc(Math.max(1, floats) * 4);
    if (!ptr) throw new Error(`the wasm heap has no room for ${floats * 4} bytes`);
    return ptr;
  }

  free(ptr: number): void {
    this.internals.wasm._free(ptr);
  }

  /** An output of the backend (its data uninitialised) and its pointer. */
  output(shape: number[], dtype: 'float32' | 'int32' | 'bool' = 'float32'): { info: tf.TensorInfo; ptr: number } {
    const info = this.backend.makeOutput(shape, dtype);
    return { info, ptr: this.pointer(info) };
  }

  zero(ptr: number, floats: number): void {
    this.k.zero(ptr, floats);
  }

  /** The heap as 32-bit integers (for passing small int arrays to kernels; the view is renewed when memory grows). */
  int32Heap(): Int32Array {
    const buffer = memoryOf(this.backend)!.buffer;
    if (this.ints?.buffer !== buffer) this.ints = new Int32Array(buffer);
    return this.ints;
  }

  private ints: Int32Array | undefined;
}

let current: Native | undefined;
let enabled = true;
let loading: Promise<Native | undefined> | undefined;
let failure: string | undefined;

/** The module loaded on the active wasm backend, if it is. */
export function native(backend: unknown): Native | undefined {
  return enabled && current && current.backend === backend ? current : undefined;
}

/** Why the module is not in use (undefined while it is). */
export function nativeKernelsFailure(): string | undefined {
  if (!enabled) return 'turned off';
  return current ? undefined : failure;
}

/**
 * Instantiates the module on `backend`'s memory (once per backend). `bytes` are the module's
 * bytes or a promise of them; failures are remembered and reported, never thrown.
 */
export async function loadNativeKernels(backend: BackendWasm, bytes: (file: string) => Promise<ArrayBuffer | Uint8Array>): Promise<Native | undefined> {
  if (current?.backend === backend) return current;
  if (loading) return loading;
  loading = (async () => {
    try {
      const memory = memoryOf(backend);
      if (!(memory instanceof WebAssembly.Memory)) throw new Error('the wasm backend does not expose its memory');
      const module = await WebAssembly.compile((await bytes(nativeKernelsFileFor(backend))) as BufferSource);
      const instance = await WebAssembly.instantiate(module, { env: { memory } });
      const missing = missingExports(instance.exports);
      if (missing.length) throw new Error(`${nativeKernelsFileFor(backend)} is out of date (no ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): rebuild it with npm run prepare`);
      current = new Native(backend, instance.exports as unknown as NativeExports);
      failure = undefined;
      return current;
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      loading = undefined;
    }
  })();
  return loading;
}

/** Turns the module's kernels off and on again (benchmarks and tests compare both paths). */
export function setNativeKernelsEnabled(on: boolean): void {
  enabled = on;
}
