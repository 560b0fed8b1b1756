/**
 * Matrix products and convolutions (forward, input gradient, filter gradient) on the project's
 * own GEMM (kernels.wasm), NHWC float32. Each is one GEMM over image patches gathered a block of
 * rows at a time, so transposes are folded into packing and nothing of image size is expanded:
 * - Conv2D:               out[M, co]  = patches(x)[M, K] · W[K, co]
 * - Conv2DBackpropInput:  dx         += col2im(dy[M, co] · Wᵀ[co, K])
 * - Conv2DBackpropFilter: dWᵀ[co, K]  = dyᵀ[co, M] · patches(x)[M, K]
 * with M = batch·outHeight·outWidth and K = kh·kw·inChannels (a filter's rows, in its order).
 *
 * Without column dilation the patches are not gathered at all where it pays: over a zero-padded
 * copy of the image a patch row is kh runs of kw·inChannels floats, and the GEMM reads them in
 * place from a table of patch origins ("implicit GEMM"): the forward conv, the input gradient
 * (per phase of the stride, a conv of dy with those taps turned; one phase at stride 1) and the
 * filter gradient when a run is a multiple of 8 floats. Outputs of at most 4 channels use dot
 * products along the runs instead of 8-wide panels, so no lane is padding. Stride-1 3×3
 * convolutions with enough channels go through Winograd's transforms instead (winograd.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Native } from './native';
import { packedSize, withScratch } from './scratch';
import { winogradApplies, winogradConv, winogradFilterGrad } from './winograd';

type Info = tf.TensorInfo;
type ConvInfo = tf.backend_util.Conv2DInfo;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Packs B for `product`: panels of 8, or one of 4 for narrow outputs (less padding to multiply). */
function pack(n: Native, src: number, K: number, N: number, sk: number, sn: number, dst: number): void {
  if (N <= 4) n.k.packB4(src, K, N, sk, sn, dst);
  else n.k.packB(src, K, N, sk, sn, dst);
}

/** C (+)= A·B with B packed by `pack`. */
function product(n: Native, a: number, lda: number, M: number, K: number, bp: number, N: number, c: number, ldc: number, accumulate: number): void {
  if (N <= 4) n.k.gemm4(a, lda, M, K, bp, N, c, ldc, accumulate);
  else n.k.gemm(a, lda, M, K, bp, N, c, ldc, accumulate);
}

/** Patch rows per block: about 64 KB of patches, a multiple of 4 (the GEMM's row step). */
function blockRows(K: number, M: number): number {
  const rows = Math.max(4, Math.floor(16384 / Math.max(1, K)) & ~3);
  return Math.min(rows, Math.max(4, (M + 3) & ~3));
}

/**
 * a·b for float32 a [...batch, m, k] and b [...batch | 1, k, n] (either transposed). Undefined
 * when the shapes are not of that form (the caller falls back).
 */
export function batchMatMul(n: Native, a: Info, b: Info, transposeA: boolean, transposeB: boolean): Info | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const batchA = size(a.shape.slice(0, -2));
  const batchB = size(b.shape.slice(0, -2));
  if (batchB !== 1 && batchB !== batchA) return undefined;
  const [m, k] = transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const nCols = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== kb) return undefined;
  const batchShape = (batchA >= batchB ? a : b).shape.slice(0, -2);
  const out = n.output([...batchShape, m, nCols]);
  if (m * nCols === 0) return out.info;
  if (k === 0) {
    n.zero(out.ptr, batchA * m * nCols);
    return out.info;
  }
  const aPtr = n.pointer(a);
  const bPtr = n.pointer(b);
  const [sk, sn] = transposeB ? [1, k] : [nCols, 1];
  // With one shared b and untransposed a, the batch folds into a's rows: one GEMM.
  const fold = batchB === 1 && !transposeA;
  withScratch(n, [packedSize(k, nCols), transposeA ? m * k : 0], (bp, at) => {
    const pieces = fold ? 1 : batchA;
    const rows = fold ? batchA * m : m;
    for (let i = 0; i < pieces; i++) {
      if (i === 0 || batchB > 1) pack(n, bPtr + (batchB > 1 ? i * k * nCols * 4 : 0), k, nCols, sk, sn, bp);
      let aRows = aPtr + i * m * k * 4;
      if (transposeA) {
        n.k.transpose(aRows, k, m, m, at);
        aRows = at;
      }
      product(n, aRows, k, rows, k, bp, nCols, out.ptr + i * m * nCols * 4, nCols, 0);
    }
  });
  return out.info;
}

/** An image zero-padded for a conv's taps (x itself when it needs no padding), with the patch-origin table of its output rows. */
interface Implicit {
  image: number;
  table: number;
  /** Floats between the segments of a patch row (one filter row apart). */
  segStride: number;
  segLen: number;
  free(): void;
}

/**
 * Pads `image` [B, H, W, C] by the given borders (widened at the bottom and right where the taps of
 * the last outputs would pass them) and tables the origins of the B·OH·OW patch rows.
 */
function implicitPatches(
  n: Native, image: number, B: number, H: number, W: number, C: number,
  g: { kh: number; kw: number; sh: number; sw: number; dh: number; OH: number; OW: number; top: number; bottom: number; left: number; right: number },
): Implicit {
  const bottom = Math.max(g.bottom, (g.OH - 1) * g.sh + (g.kh - 1) * g.dh + 1 - H - g.top);
  const right = Math.max(g.right, (g.OW - 1) * g.sw + g.kw - W - g.left);
  const Hp = H + g.top + bottom;
  const Wp = W + g.left + right;
  const padded = g.top + bottom + g.left + right > 0;
  const ptrs: number[] = [];
  try {
    let at = image;
    if (padded) {
      at = n.malloc(B * Hp * Wp * C);
      ptrs.push(at);
      n.k.padImage(image, B, H, W, C, g.top, bottom, g.left, right, at);
    }
    const table = n.malloc(B * g.OH * g.OW);
    ptrs.push(table);
    n.k.convRowTable(B, g.OH, g.OW, Hp, Wp, C, g.sh, g.sw, table);
    return { image: at, table, segStride: g.dh * Wp * C, segLen: g.kw * C, free: () => ptrs.forEach((p) => n.free(p)) };
  } catch (e) {
    ptrs.forEach((p) => n.free(p));
    throw e;
  }
}

/**
 * out [M, N] = implicit patches · B, where `filter` points at the [K, N] matrix (K = kh·segLen
 * rows, a filter's layout): packed in panels of 8, or transposed for dot products when N ≤ 4.
 */
function implicitProduct(n: Native, p: Implicit, M: number, kh: number, filter: number, N: number, out: number): void {
  const K = kh * p.segLen;
  if (N <= 4) {
    withScratch(n, [N * K], (wt) => {
      n.k.transpose(filter, K, N, N, wt);
      if (N <= 3 && p.segLen % 4 === 0) n.k.convDotQuad(p.image, p.table, M, kh, p.segLen, p.segStride, wt, N, out, N);
      else n.k.convDot(p.image, p.table, M, kh, p.segLen, p.segStride, wt, N, out, N);
    });
    return;
  }
  withScratch(n, [packedSize(K, N)], (bp) => {
    n.k.packB(filter, K, N, N, 1, bp);
    n.k.convGemm(p.image, p.table, M, kh, p.segLen, p.segStride, bp, N, out, N, 0);
  });
}

/** A conv's taps and channels, for `winogradApplies`. */
function convTaps(info: ConvInfo, C: number, N: number) {
  return { kh: info.filterHeight, kw: info.filterWidth, sh: info.strideHeight, sw: info.strideWidth, dh: info.dilationHeight, dw: info.dilationWidth, C, N };
}

function geometry(info: ConvInfo) {
  return [
    info.filterHeight, info.filterWidth,
    info.strideHeight, info.strideWidth,
    info.dilationHeight, info.dilationWidth,
    info.padInfo.top, info.padInfo.left,
    info.outHeight, info.outWidth,
  ] as const;
}

/** Which of the convolutions' paths may be taken (the slower ones are kept for tests and benchmarks). */
export interface ConvPaths {
  /** Read patches in place where they can (false: gather patch blocks). */
  patchesInPlace: boolean;
  /** Stride-1 3×3 convolutions by Winograd's F(2×2, 3×3) where it pays. */
  winograd: boolean;
}

const FASTEST: ConvPaths = { patchesInPlace: true, winograd: true };

/** The forward conv's taps and borders, for `implicitPatches`. */
function convGeometry(info: ConvInfo) {
  const pad = info.padInfo;
  return {
    kh: info.filterHeight, kw: info.filterWidth, sh: info.strideHeight, sw: info.strideWidth, dh: info.dilationHeight,
    OH: info.outHeight, OW: info.outWidth, top: pad.top, bottom: pad.bottom, left: pad.left, right: pad.right,
  };
}

/** conv2d(x, W) for x [B, H, W, C] and W [kh, kw, C, co]. */
export function conv2d(n: Native, x: Info, filter: Info, info: ConvInfo, paths: ConvPaths = FASTEST): Info {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const K = info.filterHeight * info.filterWidth * inChannels;
  const M = batchSize * outHeight * outWidth;
  const out = n.output([batchSize, outHeight, outWidth, outChannels]);
  if (M * outChannels === 0) return out.info;
  const xPtr = n.pointer(x);
  const pad = info.padInfo;
  if (paths.winograd && pad.top >= 0 && pad.left >= 0 && winogradApplies(convTaps(info, inChannels, outChannels))) {
    winogradConv(n, xPtr, batchSize, inHeight, inWidth, inChannels, pad.top, pad.left, outHeight, outWidth, n.pointer(filter), outChannels, out.ptr);
    return out.info;
  }
  const pointwise =
    info.filterHeight === 1 && info.filterWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 &&
    info.padInfo.top === 0 && info.padInfo.left === 0 && outHeight === inHeight && outWidth === inWidth;
  if (paths.patchesInPlace && !pointwise && info.dilationWidth === 1) {
    const p = implicitPatches(n, xPtr, batchSize, inHeight, inWidth, inChannels, convGeometry(info));
    try {
      implicitProduct(n, p, M, info.filterHeight, n.pointer(filter), outChannels, out.ptr);
    } finally {
      p.free();
    }
    return out.info;
  }
  const rows = blockRows(K, M);
  withScratch(n, [packedSize(K, outChannels), pointwise ? 0 : rows * K], (bp, patches) => {
    pack(n, n.pointer(filter), K, outChannels, outChannels, 1, bp);
    if (pointwise) {
      product(n, xPtr, K, M, K, bp, outChannels, out.ptr, outChannels, 0);
      return;
    }
    for (let m0 = 0; m0 < M; m0 += rows) {
      const count = Math.min(rows, M - m0);
      n.k.im2col(xPtr, inHeight, inWidth, inChannels, ...geometry(info), m0, count, patches);
      product(n, patches, K, count, K, bp, outChannels, out.ptr + m0 * outChannels * 4, outChannels, 0);
    }
  });
  return out.info;
}

/** The input gradient of conv2d(x, W) (and conv2dTranspose's forward): dy [B, OH, OW, co] → [B, H, W, C]. */
export function conv2dBackpropInput(n: Native, dy: Info, filter: Info, info: ConvInfo, paths: ConvPaths = FASTEST): Info {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const K = info.filterHeight * info.filterWidth * inChannels;
  const M = batchSize * outHeight * outWidth;
  const dx = n.output([batchSize, inHeight, inWidth, inChannels]);
  const dxSize = batchSize * inHeight * inWidth * inChannels;
  if (dxSize === 0) return dx.info;
  const dyPtr = n.pointer(dy);
  // Every stride by phases (a phase with one to four input channels is a few dot products per
  // pixel, convDotQuad); GEMM and col2im remain for column dilation, negative borders and tests.
  if (paths.patchesInPlace && M * outChannels > 0 && info.dilationWidth === 1 && info.padInfo.top >= 0 && info.padInfo.left >= 0) {
    phasedInputGradient(n, dyPtr, n.pointer(filter), info, dx.ptr, paths.winograd);
    return dx.info;
  }
  n.zero(dx.ptr, dxSize);
  if (M * outChannels === 0) return dx.info;
  const rows = blockRows(K, M);
  withScratch(n, [packedSize(outChannels, K), rows * K], (bp, cols) => {
    // Wᵀ: element (co, k) of the [K, co] filter at k·co + co.
    n.k.packB(n.pointer(filter), outChannels, K, 1, outChannels, bp);
    const dxPtr = dx.ptr;
    for (let m0 = 0; m0 < M; m0 += rows) {
      const count = Math.min(rows, M - m0);
      n.k.gemm(dyPtr + m0 * outChannels * 4, outChannels, count, outChannels, bp, K, cols, K, 0);
      n.k.col2imAdd(cols, inHeight, inWidth, inChannels, ...geometry(info), m0, count, dxPtr);
    }
  });
  return dx.info;
}

/** Along one axis, the pixels of one phase of a strided input gradient and the taps that reach them. */
interface Phase {
  /** First pixel of dx in the phase, and how many (every stride-th from it). */
  first: number;
  count: number;
  /** Its taps: r, r + stride, … below the kernel size (T of them). */
  r: number;
  T: number;
  /** dy position of the phase's first pixel's last tap: pixel first + stride·j takes dy[q0 + j − t], t < T. */
  q0: number;
}

/**
 * The phases of one axis: pixel h is reached by the taps i ≡ h + pad (mod stride), from
 * dy[(h + pad − i)/stride]. Dilation (stride 1 only) spaces the taps of the one phase.
 */
function phases(size: number, kernel: number, stride: number, pad: number): Phase[] {
  const out: Phase[] = [];
  for (let r = 0; r < stride; r++) {
    const first = (((r - pad) % stride) + stride) % stride;
    const count = first < size ? Math.ceil((size - first) / stride) : 0;
    const T = r < kernel ? Math.ceil((kernel - r) / stride) : 0;
    out.push({ first, count, r, T, q0: (first + pad - r) / stride });
  }
  return out;
}

/**
 * dx without col2im: each phase of the stride (the pixels of dx that the same taps reach) is a
 * stride-1 conv of dy with those taps turned, read in place from dy padded once for all phases,
 * and its rows placed on their grid of dx. With stride 1 there is one phase, the whole filter
 * turned, and the conv writes dx directly; dilation (stride 1 only) spaces the rows it reads.
 */
function phasedInputGradient(n: Native, dyPtr: number, filterPtr: number, info: ConvInfo, dxPtr: number, winograd: boolean): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: co } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh } = info;
  // With dilation dh the taps of a filter row are dh rows of dy apart: one phase whose taps reach
  // back (kh − 1)·dh rows.
  const rows = sh === 1 ? [{ first: 0, count: H, r: 0, T: kh, q0: info.padInfo.top }] : phases(H, kh, sh, info.padInfo.top);
  const cols = phases(W, kw, sw, info.padInfo.left);
  const reach = (p: Phase, d: number) => (p.T - 1) * d;
  if (sh === 1 && sw === 1 && winograd && winogradApplies(convTaps(info, co, C))) {
    // The conv of dy with the turned filter, with the borders that reach dx's first pixel.
    const [top, left] = [reach(rows[0], dh) - rows[0].q0, reach(cols[0], 1) - cols[0].q0];
    if (top >= 0 && left >= 0) {
      withScratch(n, [kh * kw * co * C], (turned) => {
        n.k.phaseFilter(filterPtr, kh, kw, C, co, 0, 0, 1, 1, kh, kw, turned);
        winogradConv(n, dyPtr, B, OH, OW, co, top, left, H, W, turned, C, dxPtr);
      });
      return;
    }
  }
  // dy padded so that every phase's taps stay inside: on top by the furthest reach back before
  // dy's first row, at the bottom past the last pixel's dy position.
  const top = Math.max(0, ...rows.map((p) => reach(p, dh) - p.q0));
  const left = Math.max(0, ...cols.map((p) => reach(p, 1) - p.q0));
  const bottom = Math.max(0, ...rows.filter((p) => p.count > 0).map((p) => p.q0 + p.count - OH));
  const right = Math.max(0, ...cols.filter((p) => p.count > 0).map((p) => p.q0 + p.count - OW));
  const Hp = OH + top + bottom;
  const Wp = OW + left + right;
  const padded = top + bottom + left + right > 0;
  const one = sh === 1 && sw === 1;
  const empty = rows.some((p) => p.T === 0 && p.count > 0) || cols.some((p) => p.T === 0 && p.count > 0);
  if (empty) n.zero(dxPtr, B * H * W * C);
  const maxRows = B * Math.max(...rows.map((p) => p.count)) * Math.max(...cols.map((p) => p.count));
  withScratch(n, [padded ? B * Hp * Wp * co : 0, maxRows, kh * kw * co * C, one ? 0 : maxRows * C], (image, table, taps, phaseOut) => {
    const at = padded ? image : dyPtr;
    if (padded) n.k.padImage(dyPtr, B, OH, OW, co, top, bottom, left, right, image);
    for (const ph of rows) {
      for (const pw of cols) {
        if (ph.count === 0 || pw.count === 0 || ph.T === 0 || pw.T === 0) continue;
        n.k.phaseFilter(filterPtr, kh, kw, C, co, ph.r, pw.r, sh, sw, ph.T, pw.T, taps);
        // The phase's first pixel reads its taps from dy rows q0 − (T−1)·dh … q0 (padded: + top).
        const origin = ((top + ph.q0 - reach(ph, dh)) * Wp + (left + pw.q0 - reach(pw, 1))) * co;
        n.k.convRowTable(B, ph.count, pw.count, Hp, Wp, co, 1, 1, table);
        const patches: Implicit = { image: at + origin * 4, table, segStride: dh * Wp * co, segLen: pw.T * co, free: () => {} };
        const M = B * ph.count * pw.count;
        implicitProduct(n, patches, M, ph.T, taps, C, one ? dxPtr : phaseOut);
        if (!one) n.k.placeGrid(phaseOut, B, ph.count, pw.count, C, dxPtr + (ph.first * W + pw.first) * C * 4, H, W, sh, sw);
      }
    }
  });
}

/** Pixels of patches per block of the filter gradient's reduction (one GEMM block deep). */
const FILTER_BLOCK = 256;
/** Patch rows up to this many floats count as short (first layers) for the filter gradient. */
const SHORT_PATCH = 128;

/** The filter gradient of conv2d(x, W): x [B, H, W, C], dy [B, OH, OW, co] → [kh, kw, C, co]. */
export function conv2dBackpropFilter(n: Native, x: Info, dy: Info, info: ConvInfo, paths: ConvPaths = FASTEST): Info {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const K = info.filterHeight * info.filterWidth * inChannels;
  const M = batchSize * outHeight * outWidth;
  const dw = n.output([info.filterHeight, info.filterWidth, inChannels, outChannels]);
  if (K * outChannels === 0) return dw.info;
  if (M === 0) {
    n.zero(dw.ptr, K * outChannels);
    return dw.info;
  }
  const xPtr = n.pointer(x);
  const pad = info.padInfo;
  if (paths.winograd && pad.top >= 0 && pad.left >= 0 && winogradApplies(convTaps(info, inChannels, outChannels))) {
    winogradFilterGrad(n, xPtr, batchSize, inHeight, inWidth, inChannels, pad.top, pad.left, n.pointer(dy), outHeight, outWidth, outChannels, dw.ptr);
    return dw.info;
  }
  const inPlace = paths.patchesInPlace;
  const rows = Math.min(FILTER_BLOCK, M);
  const segLen = info.filterWidth * inChannels;
  if (inPlace && info.dilationWidth === 1 && segLen % 8 !== 0 && K <= SHORT_PATCH && outChannels >= 8) {
    // Short patch rows (first layers): dW = patchesᵀ·dy, the taps read in place, dy packed per block.
    const p = implicitPatches(n, xPtr, batchSize, inHeight, inWidth, inChannels, convGeometry(info));
    try {
      withScratch(n, [K, packedSize(rows, outChannels)], (koff, bp) => {
        n.k.convTapOffsets(info.filterHeight, p.segLen, p.segStride, koff);
        const dyPtr = n.pointer(dy);
        for (let m0 = 0; m0 < M; m0 += rows) {
          const count = Math.min(rows, M - m0);
          n.k.packB(dyPtr + m0 * outChannels * 4, count, outChannels, outChannels, 1, bp);
          n.k.convFilterGemmT(p.image, p.table, m0, count, koff, K, bp, outChannels, dw.ptr, m0 > 0 ? 1 : 0);
        }
      });
    } finally {
      p.free();
    }
    return dw.info;
  }
  if (inPlace && info.dilationWidth === 1 && segLen % 8 === 0) {
    // dWᵀ = dyᵀ·patches, dyᵀ padded to a multiple of 4 rows. Each block of patch rows is packed
    // into panels straight from the padded image (one run of 8 floats per read); with at most
    // four output channels the GEMM reads the runs in place instead (packing would cost more
    // than the one pass of four rows over them), and with at most three, runs of 16 floats
    // serve just those rows (no padding row).
    const narrow = outChannels <= 3 && segLen % 16 === 0;
    const R = narrow ? outChannels : (outChannels + 3) & ~3;
    const p = implicitPatches(n, xPtr, batchSize, inHeight, inWidth, inChannels, convGeometry(info));
    try {
      withScratch(n, [R * M, R * K, K * rows], (dyT, dwT, bp) => {
        n.k.transpose(n.pointer(dy), M, outChannels, outChannels, dyT);
        if (R > outChannels) n.zero(dyT + outChannels * M * 4, (R - outChannels) * M);
        for (let m0 = 0; m0 < M; m0 += rows) {
          const count = Math.min(rows, M - m0);
          if (narrow) n.k.convFilterGemmNarrow(dyT, M, R, m0, count, p.image, p.table, info.filterHeight, p.segLen, p.segStride, dwT, m0 > 0 ? 1 : 0);
          else if (R === 4) n.k.convFilterGemm(dyT, M, R, m0, count, p.image, p.table, info.filterHeight, p.segLen, p.segStride, dwT, m0 > 0 ? 1 : 0);
          else {
            n.k.convPackPanels(p.image, p.table, m0, count, info.filterHeight, p.segLen, p.segStride, bp);
            n.k.gemm(dyT + m0 * 4, M, R, count, bp, K, dwT, K, m0 > 0 ? 1 : 0);
          }
        }
        n.k.transpose(dwT, outChannels, K, K, dw.ptr);
      });
    } finally {
      p.free();
    }
    return dw.info;
  }
  if (K <= 32 && outChannels >= 4) {
    // Few taps×channels (first layers): dW = patchesᵀ·dy, so the wide side is the output, not K.
    withScratch(n, [rows * K, K * rows, packedSize(rows, outChannels)], (patches, patchesT, bp) => {
      const dyPtr = n.pointer(dy);
      for (let m0 = 0; m0 < M; m0 += rows) {
        const count = Math.min(rows, M - m0);
        n.k.im2col(xPtr, inHeight, inWidth, inChannels, ...geometry(info), m0, count, patches);
        n.k.transpose(patches, count, K, K, patchesT);
        pack(n, dyPtr + m0 * outChannels * 4, count, outChannels, outChannels, 1, bp);
        product(n, patchesT, count, K, count, bp, outChannels, dw.ptr, outChannels, m0 > 0 ? 1 : 0);
      }
    });
    return dw.info;
  }
  withScratch(n, [M * outChannels, packedSize(rows, K), outChannels * K], (dyT, bp, dwT) => {
    n.k.transpose(n.pointer(dy), M, outChannels, outChannels, dyT);
    for (let m0 = 0; m0 < M; m0 += rows) {
      const count = Math.min(rows, M - m0);
      n.k.im2colPacked(xPtr, inHeight, inWidth, inChannels, ...geometry(info), m0, count, bp);
      n.k.gemm(dyT + m0 * 4, M, outChannels, count, bp, K, dwT, K, m0 > 0 ? 1 : 0);
    }
    n.k.transpose(dwT, outChannels, K, K, dw.ptr);
  });
  return dw.info;
}
