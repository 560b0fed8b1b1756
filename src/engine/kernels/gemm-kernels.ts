/**
 * Matrix products and convolutions (forward, input gradient, filter gradient) on the project's
 * own GEMM (kernels.wasm), NHWC float32. Each is one GEMM over image patches gathered a block of
 * rows at a time, so transposes are folded into packing and nothing of image size is expanded:
 * - Conv2D:               out[M, co]  = patches(x)[M, K] · W[K, co]
 * - Conv2DBackpropInput:  dx         += col2im(dy[M, co] · Wᵀ[co, K])
 * - Conv2DBackpropFilter: dWᵀ[co, K]  = dyᵀ[co, M] · patches(x)[M, K]
 * with M = batch·outHeight·outWidth and K = kh·kw·inChannels (a filter's rows, in its order).
 */
import type * as tf from '@tensorflow/tfjs';
import type { Native } from './native';

type Info = tf.TensorInfo;
type ConvInfo = tf.backend_util.Conv2DInfo;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Floats of B packed into panels of 8 columns (one panel of 4 when N ≤ 4). */
const packedSize = (K: number, N: number) => (N <= 4 ? 4 * K : Math.ceil(N / 8) * 8 * K);

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

/** Runs `body` with scratch buffers of the given float counts, freed afterwards. */
function withScratch<T>(n: Native, floats: number[], body: (...ptrs: number[]) => T): T {
  const ptrs: number[] = [];
  try {
    for (const f of floats) ptrs.push(n.malloc(f));
    return body(...ptrs);
  } finally {
    for (const p of ptrs) n.free(p);
  }
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

function geometry(info: ConvInfo) {
  return [
    info.filterHeight, info.filterWidth,
    info.strideHeight, info.strideWidth,
    info.dilationHeight, info.dilationWidth,
    info.padInfo.top, info.padInfo.left,
    info.outHeight, info.outWidth,
  ] as const;
}

/** conv2d(x, W) for x [B, H, W, C] and W [kh, kw, C, co]. */
export function conv2d(n: Native, x: Info, filter: Info, info: ConvInfo): Info {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const K = info.filterHeight * info.filterWidth * inChannels;
  const M = batchSize * outHeight * outWidth;
  const out = n.output([batchSize, outHeight, outWidth, outChannels]);
  if (M * outChannels === 0) return out.info;
  const xPtr = n.pointer(x);
  const pointwise =
    info.filterHeight === 1 && info.filterWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 &&
    info.padInfo.top === 0 && info.padInfo.left === 0 && outHeight === inHeight && outWidth === inWidth;
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
export function conv2dBackpropInput(n: Native, dy: Info, filter: Info, info: ConvInfo): Info {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const K = info.filterHeight * info.filterWidth * inChannels;
  const M = batchSize * outHeight * outWidth;
  const dx = n.output([batchSize, inHeight, inWidth, inChannels]);
  const dxSize = batchSize * inHeight * inWidth * inChannels;
  if (dxSize === 0) return dx.info;
  n.zero(dx.ptr, dxSize);
  if (M * outChannels === 0) return dx.info;
  const dyPtr = n.pointer(dy);
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

/** Pixels of patches per block of the filter gradient's reduction (one GEMM block deep). */
const FILTER_BLOCK = 256;

/** The filter gradient of conv2d(x, W): x [B, H, W, C], dy [B, OH, OW, co] → [kh, kw, C, co]. */
export function conv2dBackpropFilter(n: Native, x: Info, dy: Info, info: ConvInfo): Info {
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
  const rows = Math.min(FILTER_BLOCK, M);
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
