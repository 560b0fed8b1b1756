/**
 * Training kernels for the TF.js WASM backend.
 *
 * The WASM backend (4.22) ships the forward kernels of conv nets but not all of
 * their gradients, and many of its kernels are slow for training. Two layers of
 * replacements live here:
 *
 * 1. The engine's own kernels (src/engine/kernels, compiled from AssemblyScript
 *    into public/wasm by `npm run prepare`), working on tensor data in the
 *    backend's heap. Used when that module loaded; each falls back to (2) or to
 *    the shipped kernel where it does not apply (other dtypes, NCHW, broadcasts
 *    it does not handle):
 *    - Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter, BatchMatMul: one GEMM
 *      over patches gathered in blocks (kernels/gemm-kernels.ts);
 *    - LeakyRelu, Tanh, Greater, Select, Add, Sub, Multiply, RealDiv, Sum, Mean:
 *      SIMD loops (kernels/elementwise-kernels.ts);
 *    - new kernels: fused Adam/SGD updates (kernels/optimizer-kernels.ts) and
 *      training-mode batch norm forward and backward (kernels/batch-norm.ts).
 *
 * 2. Compositions of the backend's own kernels (XNNPACK convs, transposes, pads,
 *    matmuls) called through their `kernelFunc` — no `tf.*` ops run inside a
 *    kernel, so nothing is recorded on the tape and every intermediate is freed
 *    before the kernel returns:
 *    - Conv2DBackpropFilter (missing on wasm), Conv2DBackpropInput (the shipped
 *      one is a scalar loop; see `Conv2DBackpropInputStrategy`), BatchMatMul with
 *      transposed operands, DepthwiseConv2dNative gradients and
 *      UnsortedSegmentSum (missing), Tile (a per-element loop).
 *
 * Identity and same-dtype Cast share their input's data (as Reshape does).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-wasm';
import * as elementwise from './kernels/elementwise-kernels';
import * as gemm from './kernels/gemm-kernels';
import { native } from './kernels/native';
import { batchNormGradient, batchNormKernels } from './kernels/batch-norm';
import { fusedOptimizerKernels } from './kernels/optimizer-kernels';

type Info = tf.TensorInfo;
type Pair = [number, number];
type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
type RoundingMode = 'floor' | 'round' | 'ceil' | undefined;
type KernelArgs = Parameters<tf.KernelFunc>[0];

/**
 * How Conv2DBackpropInput is computed on wasm.
 * - 'original': the shipped kernel (scalar loop, no XNNPACK).
 * - 'zero-dilated': conv2d over dy with (stride-1) zeros inserted between rows
 *   and columns, with the filter flipped spatially and in/out swapped.
 * - 'pixel-shuffle': the same sum without the zeros: one conv2d over dy with
 *   stride² sub-filters stacked as channels, then a depth-to-space. Does
 *   1/stride² of the zero-dilated work.
 */
export type Conv2DBackpropInputStrategy = 'original' | 'zero-dilated' | 'pixel-shuffle';

/** Which path the replaced kernels take; the defaults are the fastest measured. */
export interface WasmKernelOptions {
  conv2dBackpropInput: Conv2DBackpropInputStrategy;
  /** BatchMatMul with transposed operands or a batched `a` via XNNPACK (false: the shipped loop). */
  fastMatMul: boolean;
  /** Tile as a broadcast (false: the shipped kernel). */
  fastTile: boolean;
  /** Convolutions on the engine's GEMM read their patches in place where they can (false: gather patch blocks). */
  patchesInPlace: boolean;
  /** Stride-1 3×3 convolutions with enough channels by Winograd's F(2×2, 3×3) (false: as any other). */
  winograd: boolean;
}

export const DEFAULT_WASM_KERNEL_OPTIONS: Readonly<WasmKernelOptions> = {
  conv2dBackpropInput: 'pixel-shuffle',
  fastMatMul: true,
  fastTile: true,
  patchesInPlace: true,
  winograd: true,
};

const options: WasmKernelOptions = { ...DEFAULT_WASM_KERNEL_OPTIONS };

/** Switches the replaced kernels between their paths (for benchmarks and tests). */
export function setWasmKernelOptions(changes: Partial<WasmKernelOptions>): void {
  Object.assign(options, changes);
}

// ---------------------------------------------------------------------------
// Calling wasm kernels from inside a kernel

/**
 * Runs wasm kernels by name and keeps every output it hands out, so that a
 * composite kernel can free all of its intermediates at once. On the wasm
 * backend each TensorInfo returned by a kernel owns one reference to its data
 * (Reshape shares data and adds a reference), so disposing each once is exact.
 */
class KernelScope {
  private readonly owned: Info[] = [];

  constructor(readonly backend: BackendWasm) {}

  run(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: object = {}): Info {
    const out = shippedOrRegistered(kernelName)({
      inputs,
      backend: this.backend,
      attrs: attrs as tf.NamedAttrMap,
    }) as Info;
    this.owned.push(out);
    return out;
  }

  /** Runs a kernel function directly (e.g. an original kept aside). */
  call(kernelFunc: tf.KernelFunc, inputs: tf.NamedTensorInfoMap, attrs: object = {}): Info {
    const out = kernelFunc({ inputs, backend: this.backend, attrs: attrs as tf.NamedAttrMap }) as Info;
    this.owned.push(out);
    return out;
  }

  reshape(x: Info, shape: number[]): Info {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: Info, perm: number[]): Info {
    return this.run('Transpose', { x }, { perm });
  }

  /** A tensor made on the wasm heap from values computed in JS. */
  constant(shape: number[], dtype: 'float32' | 'int32', values: ArrayLike<number>): Info {
    const out = this.backend.makeOutput(shape, dtype);
    (this.backend.typedArrayFromHeap(out) as Float32Array | Int32Array).set(values);
    this.owned.push(out);
    return out;
  }

  /** Frees every intermediate except `keep`, which goes to the caller. */
  release(keep?: Info): void {
    for (const t of this.owned) {
      if (t !== keep) this.backend.disposeData(t.dataId);
    }
    this.owned.length = 0;
  }
}

/** Kernels replaced by this module, kept so the replacements can still use them. */
const originals = new Map<string, tf.KernelConfig>();

function shippedOrRegistered(kernelName: string): tf.KernelFunc {
  const kernel = originals.get(kernelName) ?? tf.getKernel(kernelName, 'wasm');
  if (kernel == null) throw new Error(`wasm kernel ${kernelName} is not registered`);
  return kernel.kernelFunc;
}

/** Wraps a composite kernel body: frees intermediates on success and on failure. */
function composite<I, A>(body: (scope: KernelScope, inputs: I, attrs: A) => Info): tf.KernelFunc {
  return (args: KernelArgs) => {
    const scope = new KernelScope(args.backend as BackendWasm);
    let result: Info | undefined;
    try {
      result = body(scope, args.inputs as I, args.attrs as A);
      return result;
    } finally {
      scope.release(result);
    }
  };
}

// ---------------------------------------------------------------------------
// Building blocks

function assertChannelsLast(dataFormat: string | undefined, kernelName: string): void {
  if (dataFormat != null && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`${kernelName} on wasm supports NHWC only, got ${dataFormat}`);
  }
}

/**
 * x[:, top:top+height, left:left+width, :] as a rank-3 slice of [B, H, W·C], so
 * that each copied run is a whole row segment (the wasm Slice copies runs in JS).
 */
function cropSpatial(scope: KernelScope, x: Info, top: number, left: number, height: number, width: number): Info {
  const [b, h, w, c] = x.shape;
  const rows = scope.reshape(x, [b, h, w * c]);
  const cropped = scope.run('Slice', { x: rows }, { begin: [0, top, left * c], size: [b, height, width * c] });
  return scope.reshape(cropped, [b, height, width, c]);
}

/**
 * Where a conv is placed on its input: strides, dilations, the padding in
 * front (top/left) and the output size. The padding behind follows from these.
 */
interface ConvPlacement {
  strides: Pair;
  dilations: Pair;
  top: number;
  left: number;
  outHeight: number;
  outWidth: number;
}

function placementOf(info: tf.backend_util.Conv2DInfo): ConvPlacement {
  return {
    strides: [info.strideHeight, info.strideWidth],
    dilations: [info.dilationHeight, info.dilationWidth],
    top: info.padInfo.top,
    left: info.padInfo.left,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
  };
}

/**
 * Padding (before ≥ 0, after ≥ 0) and crop (before, after) along one axis so
 * that a conv of extent `extent` and stride `stride` yields `outLength` values.
 * Negative padding becomes a crop; trailing rows the stride never reaches
 * (fewer than `stride`) are left in place.
 */
function fitAxis(inLength: number, outLength: number, extent: number, stride: number, before: number) {
  const after = (outLength - 1) * stride + extent - inLength - before;
  const cropBefore = Math.max(0, -before);
  const cropAfter = Math.max(0, -after - (stride - 1));
  return {
    padBefore: Math.max(0, before),
    padAfter: Math.max(0, after + cropAfter),
    cropBefore,
    keep: inLength - cropBefore - cropAfter,
  };
}

/**
 * Conv2D or depthwise conv with the exact placement asked for. Explicit pads
 * are always passed, because TF.js computes the output size of a numeric pad
 * with the filter height on both axes while XNNPACK uses the real width: with
 * a non-square filter the shipped kernels then write past their output.
 */
function convPlaced(
  scope: KernelScope,
  kernelName: 'Conv2D' | 'DepthwiseConv2dNative',
  x: Info,
  filter: Info,
  at: ConvPlacement,
): Info {
  const [, height, width] = x.shape;
  const [kh, kw] = filter.shape;
  const [sh, sw] = at.strides;
  const [dh, dw] = at.dilations;
  const rows = fitAxis(height, at.outHeight, (kh - 1) * dh + 1, sh, at.top);
  const cols = fitAxis(width, at.outWidth, (kw - 1) * dw + 1, sw, at.left);
  const cropped =
    rows.keep === height && cols.keep === width
      ? x
      : cropSpatial(scope, x, rows.cropBefore, cols.cropBefore, rows.keep, cols.keep);
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [rows.padBefore, rows.padAfter],
    [cols.padBefore, cols.padAfter],
    [0, 0],
  ];
  const out = scope.run(
    kernelName,
    { x: cropped, filter },
    { strides: at.strides, pad, dilations: at.dilations, dataFormat: 'NHWC', dimRoundingMode: undefined },
  );
  if (out.shape[1] !== at.outHeight || out.shape[2] !== at.outWidth) {
    throw new Error(`${kernelName} gave ${out.shape}, expected ${at.outHeight}×${at.outWidth}`);
  }
  return out;
}

/** A stride-1 placement. */
function stride1(top: number, left: number, outHeight: number, outWidth: number, dilations: Pair = [1, 1]) {
  return { strides: [1, 1] as Pair, dilations, top, left, outHeight, outWidth };
}

/**
 * Spreads x apart: [B,H,W,C] → [B,H·sh,W·sw,C] with x[i,j] at (i·sh, j·sw) and
 * zeros elsewhere (including sh−1 trailing rows), via reshape + pad + reshape.
 */
function interleaveZeros(scope: KernelScope, x: Info, sh: number, sw: number): Info {
  const [b, h, w, c] = x.shape;
  const sixD = scope.reshape(x, [b, h, 1, w, 1, c]);
  const padded = scope.run(
    'PadV2',
    { x: sixD },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, sh - 1],
        [0, 0],
        [0, sw - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  return scope.reshape(padded, [b, h * sh, w * sw, c]);
}

/**
 * DepthToSpace (NHWC, channels in (rh, rw, c) order) as reshape + one rank-4
 * transpose: the shipped DepthToSpace kernel is a per-element loop, ~15× slower.
 */
function depthToSpace(scope: KernelScope, x: Info, block: number): Info {
  const [b, h, w, c] = x.shape;
  const channels = c / (block * block);
  const rows = scope.reshape(x, [b * h, w, block, block * channels]);
  const interleaved = scope.transpose(rows, [0, 2, 1, 3]);
  return scope.reshape(interleaved, [b, h * block, w * block, channels]);
}

/**
 * Image patches (im2col) as a depthwise conv with a one-hot filter that copies
 * x[.., c] shifted by tap (i, j) into channel c·K + (i·kw + j), K = kh·kw:
 * [B,H,W,C] → [B,outH,outW,C·K], with the forward conv's exact placement.
 */
function extractPatches(scope: KernelScope, x: Info, kh: number, kw: number, at: ConvPlacement): Info {
  const channels = x.shape[3];
  const taps = kh * kw;
  const oneHot = new Float32Array(taps * channels * taps);
  for (let tap = 0; tap < taps; tap++) {
    for (let c = 0; c < channels; c++) oneHot[(tap * channels + c) * taps + tap] = 1;
  }
  const filter = scope.constant([kh, kw, channels, taps], 'float32', oneHot);
  return convPlaced(scope, 'DepthwiseConv2dNative', x, filter, at);
}

/** a·b for 2-D a [m,k] and b [k,n], on XNNPACK when the fast path is on. */
function matMul2d(scope: KernelScope, a: Info, b: Info, transposeA: boolean, transposeB: boolean): Info {
  const a3 = scope.reshape(a, [1, ...a.shape]);
  const b3 = scope.reshape(b, [1, ...b.shape]);
  const product = scope.call(batchMatMulFast, { a: a3, b: b3 }, { transposeA, transposeB });
  return scope.reshape(product, product.shape.slice(1));
}

// ---------------------------------------------------------------------------
// Conv2DBackpropFilter

interface Conv2DBackpropFilterInputs {
  x: Info;
  dy: Info;
}
interface Conv2DBackpropFilterAttrs {
  strides: number | Pair;
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: RoundingMode;
  filterShape: [number, number, number, number];
}

/**
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[b,oh,ow,co]
 * = patchesᵀ · dy, with the patches extracted by a one-hot depthwise conv.
 */
const conv2dBackpropFilterComposite = composite<Conv2DBackpropFilterInputs, Conv2DBackpropFilterAttrs>(
  (scope, { x, dy }, { strides, pad, dataFormat, dimRoundingMode, filterShape }) => {
    assertChannelsLast(dataFormat, 'Conv2DBackpropFilter');
    const [kh, kw, inChannels, outChannels] = filterShape;
    const taps = kh * kw;
    const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode);
    const patches = extractPatches(scope, x, kh, kw, placementOf(info));
    const rows = patches.shape[0] * patches.shape[1] * patches.shape[2];
    const product = matMul2d(
      scope,
      scope.reshape(patches, [rows, inChannels * taps]),
      scope.reshape(dy, [rows, outChannels]),
      true,
      false,
    );
    // [ci, kh, kw, co] → [kh, kw, ci, co]
    return scope.transpose(scope.reshape(product, [inChannels, kh, kw, outChannels]), [1, 2, 0, 3]);
  },
);

/** On the project's GEMM when it is loaded (float32 NHWC), else the composition above. */
const conv2dBackpropFilter: tf.KernelFunc = (args: KernelArgs) => {
  const { x, dy } = args.inputs as unknown as Conv2DBackpropFilterInputs;
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  const n = native(args.backend);
  if (n && x.dtype === 'float32' && dy.dtype === 'float32') {
    assertChannelsLast(attrs.dataFormat, 'Conv2DBackpropFilter');
    const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
    return gemm.conv2dBackpropFilter(n, x, dy, info, options);
  }
  return conv2dBackpropFilterComposite(args);
};

// ---------------------------------------------------------------------------
// Conv2DBackpropInput

interface Conv2DBackpropInputInputs {
  dy: Info;
  filter: Info;
}
interface Conv2DBackpropInputAttrs {
  strides: number | Pair;
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: RoundingMode;
  inputShape: [number, number, number, number];
}

function conv2dInfoForInput(attrs: Conv2DBackpropInputAttrs, filterShape: number[]) {
  return tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * dx = conv2d(spread(dy), flip(W)ᵀ): dy spread apart by the stride, filter
 * reversed in both spatial axes with in/out channels swapped.
 */
function conv2dBackpropInputZeroDilated(
  scope: KernelScope,
  { dy, filter }: Conv2DBackpropInputInputs,
  attrs: Conv2DBackpropInputAttrs,
): Info {
  const info = conv2dInfoForInput(attrs, filter.shape);
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const flipped = scope.transpose(scope.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
  const spread = sh * sw > 1 ? interleaveZeros(scope, dy, sh, sw) : dy;
  // out[h] = Σ_i spread[h − (kh−1−pt) + i] · flipped[i]
  const at = stride1(kh - 1 - info.padInfo.top, kw - 1 - info.padInfo.left, info.inHeight, info.inWidth);
  return convPlaced(scope, 'Conv2D', spread, flipped, at);
}

/**
 * Sub-pixel form of the transposed conv for stride s (equal in both axes).
 * Output row t = s·q + r only sees filter rows s·j + r, so
 *   full[s·q + r] = Σ_j dy[q − j] · W[s·j + r],
 * a stride-1 conv over dy with ⌈k/s⌉-tap sub-filters, one per phase r. All s²
 * phases are stacked as output channels in (rh, rw, ci) order and a
 * depth-to-space interleaves them; dx is the window of `full` shifted by the
 * forward padding.
 */
function conv2dBackpropInputPixelShuffle(
  scope: KernelScope,
  { dy, filter }: Conv2DBackpropInputInputs,
  attrs: Conv2DBackpropInputAttrs,
): Info {
  const info = conv2dInfoForInput(attrs, filter.shape);
  const s = info.strideHeight;
  const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, batchSize } = info;
  const [, , inChannels, outChannels] = filter.shape;
  const jh = Math.ceil(kh / s);
  const jw = Math.ceil(kw / s);

  // subFilters[j', jw', co, (rh, rw, ci)] = W[s·(jh−1−j') + rh, s·(jw−1−jw') + rw, ci, co]
  const padded = scope.run(
    'PadV2',
    { x: filter },
    {
      paddings: [
        [0, jh * s - kh],
        [0, jw * s - kw],
        [0, 0],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  const phases = scope.reshape(padded, [jh, s, jw, s, inChannels, outChannels]);
  const reversed = scope.run('Reverse', { x: phases }, { dims: [0, 2] });
  const stacked = scope.transpose(reversed, [0, 2, 5, 1, 3, 4]);
  const subFilters = scope.reshape(stacked, [jh, jw, outChannels, s * s * inChannels]);

  // Only the blocks q0..q1 (rows q·s..q·s+s−1) that overlap dx are computed.
  const q0h = Math.floor(info.padInfo.top / s);
  const q1h = Math.ceil((info.padInfo.top + inHeight) / s);
  const q0w = Math.floor(info.padInfo.left / s);
  const q1w = Math.ceil((info.padInfo.left + inWidth) / s);
  const at = stride1(jh - 1 - q0h, jw - 1 - q0w, q1h - q0h, q1w - q0w);
  const blocks = convPlaced(scope, 'Conv2D', dy, subFilters, at);
  const full = depthToSpace(scope, blocks, s);

  const offsetH = info.padInfo.top - q0h * s;
  const offsetW = info.padInfo.left - q0w * s;
  if (offsetH === 0 && offsetW === 0 && full.shape[1] === inHeight && full.shape[2] === inWidth) {
    return full;
  }
  return cropSpatial(scope, full, offsetH, offsetW, inHeight, inWidth);
}

const conv2dBackpropInputZeroDilatedKernel = composite(conv2dBackpropInputZeroDilated);
const conv2dBackpropInputPixelShuffleKernel = composite(conv2dBackpropInputPixelShuffle);

const conv2dBackpropInput: tf.KernelFunc = (args: KernelArgs) => {
  const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
  assertChannelsLast(attrs.dataFormat, 'Conv2DBackpropInput');
  const [sh, sw] = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
  const { dy, filter } = args.inputs as unknown as Conv2DBackpropInputInputs;
  const n = native(args.backend);
  if (n && options.conv2dBackpropInput !== 'original' && dy.dtype === 'float32' && filter.dtype === 'float32') {
    return gemm.conv2dBackpropInput(n, dy, filter, conv2dInfoForInput(attrs, filter.shape), options);
  }
  switch (options.conv2dBackpropInput) {
    case 'original':
      return originals.get('Conv2DBackpropInput')!.kernelFunc(args);
    case 'pixel-shuffle':
      // DepthToSpace has one block size for both axes; stride 1 needs no shuffle.
      if (sh === sw && sh > 1) return conv2dBackpropInputPixelShuffleKernel(args);
      return conv2dBackpropInputZeroDilatedKernel(args);
    case 'zero-dilated':
      return conv2dBackpropInputZeroDilatedKernel(args);
  }
};

// ---------------------------------------------------------------------------
// Conv2D

interface Conv2DAttrs {
  strides: number | Pair;
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
  dilations: number | Pair;
  dimRoundingMode?: RoundingMode;
}

/**
 * The shipped Conv2D builds an XNNPACK operator per filter tensor, repacking the filter each time;
 * a trained filter is a new tensor after every update, so every call paid for it. On the project's
 * GEMM the filter is packed once per call at the cost of a copy.
 */
const conv2dForward: tf.KernelFunc = (args: KernelArgs) => {
  const { x, filter } = args.inputs as unknown as { x: Info; filter: Info };
  const attrs = args.attrs as unknown as Conv2DAttrs;
  const n = native(args.backend);
  const channelsLast = attrs.dataFormat == null || attrs.dataFormat === 'NHWC';
  if (n && channelsLast && x.dtype === 'float32' && filter.dtype === 'float32') {
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as Shape4,
      filter.shape as Shape4,
      attrs.strides,
      attrs.dilations,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    return gemm.conv2d(n, x, filter, info, options);
  }
  return shippedOrRegistered('Conv2D')(args);
};

// ---------------------------------------------------------------------------
// Depthwise conv gradients

interface DepthwiseBackpropInputInputs {
  dy: Info;
  filter: Info;
}
interface DepthwiseBackpropFilterInputs {
  x: Info;
  dy: Info;
}
interface DepthwiseBackpropAttrs {
  strides: number | Pair;
  dilations: number | Pair;
  pad: Pad;
  dimRoundingMode?: RoundingMode;
}

/**
 * dx[b,h,w,c] = Σ_m Σ_k spread(dy)[.., c·M+m] · flip(W)[k, c, m]: a depthwise
 * conv (multiplier 1) over the c·M channels of the spread dy, with the
 * forward dilation, then a sum over the multiplier m.
 */
const depthwiseBackpropInput = composite<
  DepthwiseBackpropInputInputs,
  DepthwiseBackpropAttrs & { inputShape: [number, number, number, number] }
>((scope, { dy, filter }, { strides, dilations, pad, dimRoundingMode, inputShape }) => {
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const [kh, kw, channels, multiplier] = filter.shape;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const reversed = scope.run('Reverse', { x: filter }, { dims: [0, 1] });
  const flipped = scope.reshape(reversed, [kh, kw, channels * multiplier, 1]);
  const spread = sh * sw > 1 ? interleaveZeros(scope, dy, sh, sw) : dy;
  const at = stride1(
    (kh - 1) * dh - info.padInfo.top,
    (kw - 1) * dw - info.padInfo.left,
    info.inHeight,
    info.inWidth,
    [dh, dw],
  );
  const perProduct = convPlaced(scope, 'DepthwiseConv2dNative', spread, flipped, at);
  if (multiplier === 1) return perProduct;
  const [b, h, w] = perProduct.shape;
  return scope.run('Sum', { x: scope.reshape(perProduct, [b, h, w, channels, multiplier]) }, { axis: [4], keepDims: false });
});

/**
 * dW[kh,kw,c,m] = Σ_n patches[n, c, k] · dy[n, c·M+m]: a batched (over c)
 * patchesᵀ·dy, patches taken with the forward strides/dilations/padding.
 */
const depthwiseBackpropFilter = composite<
  DepthwiseBackpropFilterInputs,
  DepthwiseBackpropAttrs & { filterShape: [number, number, number, number] }
>((scope, { x, dy }, { strides, dilations, pad, dimRoundingMode, filterShape }) => {
  const [kh, kw, channels, multiplier] = filterShape;
  const taps = kh * kw;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const patches = extractPatches(scope, x, kh, kw, placementOf(info));
  const rows = patches.shape[0] * patches.shape[1] * patches.shape[2];
  const patchesByChannel = scope.transpose(scope.reshape(patches, [rows, channels, taps]), [1, 2, 0]); // [c, k, n]
  const dyByChannel = scope.transpose(scope.reshape(dy, [rows, channels, multiplier]), [1, 0, 2]); // [c, n, m]
  const product = scope.run(
    'BatchMatMul',
    { a: patchesByChannel, b: dyByChannel },
    { transposeA: false, transposeB: false },
  ); // [c, k, m]
  return scope.transpose(scope.reshape(product, [channels, kh, kw, multiplier]), [1, 2, 0, 3]);
});

// ---------------------------------------------------------------------------
// UnsortedSegmentSum

/**
 * out[s, ...] = Σ_{i: ids[i] = s} x[i, ...] via ScatterNd, which adds
 * duplicate indices. ScatterNd does not check bounds, so ids outside
 * [0, numSegments) — which TF drops — are sent to an extra row that is cut off.
 */
const unsortedSegmentSum = composite<{ x: Info; segmentIds: Info }, { numSegments: number }>(
  (scope, { x, segmentIds }, { numSegments }) => {
    const count = segmentIds.shape.reduce((a, b) => a * b, 1);
    const sliceShape = x.shape.slice(segmentIds.shape.length);
    const ids = scope.backend.readSync(segmentIds.dataId) as Int32Array;
    let outOfRange = false;
    const rows = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      const valid = id >= 0 && id < numSegments;
      outOfRange ||= !valid;
      rows[i] = valid ? id : numSegments;
    }
    const indices = scope.constant([count, 1], 'int32', rows);
    const updates = scope.reshape(x, [count, ...sliceShape]);
    const rowCount = outOfRange ? numSegments + 1 : numSegments;
    const scattered = scope.run('ScatterNd', { indices, updates }, { shape: [rowCount, ...sliceShape] });
    if (!outOfRange) return scattered;
    return scope.run(
      'Slice',
      { x: scattered },
      { begin: scattered.shape.map(() => 0), size: [numSegments, ...sliceShape] },
    );
  },
);

// ---------------------------------------------------------------------------
// BatchMatMul

interface BatchMatMulInputs {
  a: Info;
  b: Info;
}
interface BatchMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

const batchDims = (t: Info) => t.shape.slice(0, -2).reduce((p, d) => p * d, 1);

const batchMatMulViaXnnpack = composite<BatchMatMulInputs, BatchMatMulAttrs>(
  (scope, { a, b }, { transposeA, transposeB }) => {
    const batchA = batchDims(a);
    const rank = a.shape.length;
    const [m, k] = transposeA ? [a.shape[rank - 1], a.shape[rank - 2]] : [a.shape[rank - 2], a.shape[rank - 1]];
    const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
    let a3 = scope.reshape(a, transposeA ? [batchA, k, m] : [batchA, m, k]);
    if (transposeA) a3 = scope.transpose(a3, [0, 2, 1]);
    let b2 = scope.reshape(b, transposeB ? [n, k] : [k, n]);
    if (transposeB) b2 = scope.transpose(b2, [1, 0]);
    const product = scope.run(
      'BatchMatMul',
      { a: scope.reshape(a3, [1, batchA * m, k]), b: scope.reshape(b2, [1, k, n]) },
      { transposeA: false, transposeB: false },
    );
    return scope.reshape(product, [...a.shape.slice(0, -2), m, n]);
  },
);

/**
 * The shipped kernel uses XNNPACK only for a·b with batch 1 and no transposes.
 * Transposing an operand explicitly (a fast copy) and folding a's batch into
 * its rows when b is shared sends dense-layer gradients to XNNPACK too.
 */
const batchMatMulFast: tf.KernelFunc = (args: KernelArgs) => {
  const { a, b } = args.inputs as unknown as BatchMatMulInputs;
  const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
  const n = native(args.backend);
  if (n && options.fastMatMul) {
    const out = gemm.batchMatMul(n, a, b, transposeA, transposeB);
    if (out) return out;
  }
  const helps = transposeA || transposeB || batchDims(a) > 1;
  const fits = batchDims(b) === 1 && a.dtype === 'float32' && b.dtype === 'float32';
  if (options.fastMatMul && helps && fits) return batchMatMulViaXnnpack(args);
  return shippedOrRegistered('BatchMatMul')(args);
};

// ---------------------------------------------------------------------------
// Tile

/** XNNPACK's broadcasting binary ops handle up to 6 dimensions. */
const MAX_BROADCAST_RANK = 6;

/**
 * How to tile x by broadcasting: an axis of size d repeated r times is viewed
 * as [1, d] and broadcast to [r, d] (just [r] when d = 1).
 */
function tilePlan(shape: number[], reps: number[]) {
  const view: number[] = [];
  const broadcast: number[] = [];
  shape.forEach((d, i) => {
    const r = reps[i];
    if (r > 1 && d > 1) {
      view.push(1, d);
      broadcast.push(r, d);
    } else {
      view.push(d);
      broadcast.push(d * r);
    }
  });
  return { view, broadcast, out: shape.map((d, i) => d * reps[i]) };
}

const tileByAddingToZeros = composite<{ x: Info }, { reps: number[] }>((scope, { x }, { reps }) => {
  const plan = tilePlan(x.shape, reps);
  const zeros = scope.run('Fill', {}, { shape: plan.broadcast, value: 0, dtype: x.dtype });
  const tiled = scope.run('Add', { a: zeros, b: scope.reshape(x, plan.view) });
  return scope.reshape(tiled, plan.out);
});

/**
 * Tile as block copies on the engine's kernels, or else as a broadcasting add onto zeros. The
 * shipped Tile walks every output element with index arithmetic and was ~13× slower; nearest
 * upsampling and batch-norm gradients tile every step.
 */
const tile: tf.KernelFunc = (args: KernelArgs) => {
  const { x } = args.inputs as { x: Info };
  const { reps } = args.attrs as unknown as { reps: number[] };
  const numeric = x.dtype === 'float32' || x.dtype === 'int32';
  const fits = numeric && tilePlan(x.shape, reps).broadcast.length <= MAX_BROADCAST_RANK;
  if (options.fastTile) {
    const n = native(args.backend);
    const out = n ? elementwise.tile(n, x, reps) : undefined;
    if (out) return out;
    if (fits) return tileByAddingToZeros(args);
  }
  return shippedOrRegistered('Tile')(args);
};

// ---------------------------------------------------------------------------
// Identity and Cast

/**
 * A new tensor on the same data, as Reshape does and as the CPU backend's Identity does: tensors
 * are never written in place, so sharing is safe. The shipped kernels copy; gradients call them
 * hundreds of times per training step (the gradient of a product casts its other input).
 */
function shareData(backend: BackendWasm, x: Info, dtype = x.dtype): Info {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype };
}

const identity: tf.KernelFunc = (args: KernelArgs) => {
  const { x } = args.inputs as { x: Info };
  if (x.dtype === 'string') return shippedOrRegistered('Identity')(args);
  return shareData(args.backend as BackendWasm, x);
};

/** Cast to bool as x ≠ 0 (the shipped kernel copies the numbers: 2 became 2, −1 became 255). */
const castToBool = composite<{ x: Info }, object>((scope, { x }) => {
  const zero = scope.constant([], x.dtype === 'int32' ? 'int32' : 'float32', [0]);
  return scope.run('NotEqual', { a: x, b: zero });
});

const cast: tf.KernelFunc = (args: KernelArgs) => {
  const { x } = args.inputs as { x: Info };
  const { dtype } = args.attrs as unknown as { dtype: tf.DataType };
  if (dtype === x.dtype && dtype !== 'string') return shareData(args.backend as BackendWasm, x);
  if (dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) return castToBool(args);
  return shippedOrRegistered('Cast')(args);
};

// ---------------------------------------------------------------------------
// Elementwise kernels and reductions on the engine's kernels

/** A kernel that runs `fast` on the engine's kernels when they are loaded and it applies, else the shipped one. */
function nativeOr(kernelName: string, fast: (n: NonNullable<ReturnType<typeof native>>, args: KernelArgs) => Info | undefined): tf.KernelFunc {
  return (args: KernelArgs) => {
    const n = native(args.backend);
    const out = n ? fast(n, args) : undefined;
    return out ?? shippedOrRegistered(kernelName)(args);
  };
}

type XInput = { x: Info };
type ReduceAttrs = { axis: number | number[]; keepDims: boolean };

const leakyReluKernel = nativeOr('LeakyRelu', (n, { inputs, attrs }) =>
  elementwise.leakyRelu(n, (inputs as XInput).x, (attrs as unknown as { alpha: number }).alpha),
);
const tanhKernel = nativeOr('Tanh', (n, { inputs }) => elementwise.tanh(n, (inputs as XInput).x));
const greaterKernel = nativeOr('Greater', (n, { inputs }) => {
  const { a, b } = inputs as { a: Info; b: Info };
  return elementwise.greater(n, a, b);
});
const selectKernel = nativeOr('Select', (n, { inputs }) => {
  const { condition, t, e } = inputs as { condition: Info; t: Info; e: Info };
  return elementwise.select(n, condition, t, e);
});
const binaryKernel = (kernelName: string, op: elementwise.BinaryOp) =>
  nativeOr(kernelName, (n, { inputs }) => {
    const { a, b } = inputs as { a: Info; b: Info };
    return elementwise.binary(n, op, a, b);
  });

const sumKernel = nativeOr('Sum', (n, { inputs, attrs }) => {
  const { axis, keepDims } = attrs as unknown as ReduceAttrs;
  return elementwise.reduceSum(n, (inputs as XInput).x, axis, keepDims, false);
});
const meanKernel = nativeOr('Mean', (n, { inputs, attrs }) => {
  const { axis, keepDims } = attrs as unknown as ReduceAttrs;
  return elementwise.reduceSum(n, (inputs as XInput).x, axis, keepDims, true);
});

// ---------------------------------------------------------------------------
// Registration

const MARK = Symbol.for('ganvas.wasmTrainingKernel');

/** Kernels the wasm backend does not have at all. */
const missingKernels: tf.KernelConfig[] = [
  { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter },
  { kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: depthwiseBackpropInput },
  { kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: depthwiseBackpropFilter },
  { kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum },
  ...fusedOptimizerKernels,
  ...batchNormKernels,
];

/** Kernels the wasm backend has, replaced by faster compositions (the originals stay callable). */
const replacedKernels: tf.KernelConfig[] = [
  { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: conv2dBackpropInput },
  { kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: batchMatMulFast },
  { kernelName: 'Tile', backendName: 'wasm', kernelFunc: tile },
  { kernelName: 'Conv2D', backendName: 'wasm', kernelFunc: conv2dForward },
  { kernelName: 'Identity', backendName: 'wasm', kernelFunc: identity },
  { kernelName: 'Cast', backendName: 'wasm', kernelFunc: cast },
  { kernelName: 'LeakyRelu', backendName: 'wasm', kernelFunc: leakyReluKernel },
  { kernelName: 'Tanh', backendName: 'wasm', kernelFunc: tanhKernel },
  { kernelName: 'Greater', backendName: 'wasm', kernelFunc: greaterKernel },
  { kernelName: 'Select', backendName: 'wasm', kernelFunc: selectKernel },
  { kernelName: 'Sum', backendName: 'wasm', kernelFunc: sumKernel },
  { kernelName: 'Add', backendName: 'wasm', kernelFunc: binaryKernel('Add', 'add') },
  { kernelName: 'Sub', backendName: 'wasm', kernelFunc: binaryKernel('Sub', 'sub') },
  { kernelName: 'Multiply', backendName: 'wasm', kernelFunc: binaryKernel('Multiply', 'mul') },
  { kernelName: 'RealDiv', backendName: 'wasm', kernelFunc: binaryKernel('RealDiv', 'div') },
  { kernelName: 'Mean', backendName: 'wasm', kernelFunc: meanKernel },
];

/** Names of the kernels this module registers or replaces on wasm. */
export const wasmTrainingKernelNames: readonly string[] = [...missingKernels, ...replacedKernels].map(
  (k) => k.kernelName,
);

function isOurs(config: tf.KernelConfig | undefined): boolean {
  return config != null && (config as unknown as Record<symbol, unknown>)[MARK] === true;
}

/**
 * Registers the training kernels on the 'wasm' backend. Idempotent, and may be
 * called before or after the backend is initialised.
 */
export function registerWasmTrainingKernels(): void {
  if (tf.getGradient(batchNormGradient.kernelName) == null) tf.registerGradient(batchNormGradient);
  for (const config of missingKernels) {
    if (tf.getKernel(config.kernelName, 'wasm') == null) {
      tf.registerKernel({ ...config, [MARK]: true } as tf.KernelConfig);
    }
  }
  for (const config of replacedKernels) {
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (isOurs(current)) {
      if (!originals.has(config.kernelName)) {
        // Registered by another copy of this module: adopt its original.
        const original = (current as unknown as { original?: tf.KernelConfig }).original;
        if (original) originals.set(config.kernelName, original);
      }
      continue;
    }
    if (current == null) throw new Error(`wasm kernel ${config.kernelName} missing; cannot replace it`);
    originals.set(config.kernelName, current);
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({
      ...config,
      // The shipped kernel's setup (binding its C++ function) must still run
      // when the backend initialises after this registration.
      setupFunc: current.setupFunc,
      [MARK]: true,
      original: current,
    } as tf.KernelConfig);
  }
}
