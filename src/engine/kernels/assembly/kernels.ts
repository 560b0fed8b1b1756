// Matrix kernels for the TF.js WASM backend, in AssemblyScript (SIMD128).
//
// The module imports the backend's own memory, so every pointer below is a byte offset into the
// heap where the backend keeps tensor data: kernels read and write tensors in place. It has no
// static data and never allocates (scratch buffers come from the caller), so it writes nothing
// outside the buffers it is given.
//
// One GEMM does all the work: C (+)= A·B with A row-major (any row stride) and B packed into
// panels of 8 columns (any strides before packing, so a transposed B costs only its packing).
// Convolutions and their gradients are that GEMM over image patches (im2col) gathered a block of
// rows at a time, so the patches stay in cache and nothing of image size is ever expanded.

// ------------------------------------------------------------------------------------------
// Packing

/** Width of a packed panel of B (two SIMD vectors). */
const NR: i32 = 8;

/**
 * Packs B (K×N, element (k, n) at src + 4·(k·sk + n·sn)) into ceil(N/8) panels of K rows × 8:
 * dst[(p·K + k)·8 + j] = B(k, 8p + j), zero where 8p + j ≥ N.
 */
export function packB(src: usize, K: i32, N: i32, sk: i32, sn: i32, dst: usize): void {
  const panels = (N + NR - 1) / NR;
  for (let p = 0; p < panels; p++) {
    const n0 = p * NR;
    const width = min(NR, N - n0);
    let out = dst + (<usize>(p * K) << 5);
    if (sn == 1 && width == NR) {
      let row = src + (<usize>n0 << 2);
      const step = <usize>sk << 2;
      for (let k = 0; k < K; k++) {
        v128.store(out, v128.load(row));
        v128.store(out + 16, v128.load(row + 16));
        row += step;
        out += 32;
      }
    } else if (sk == 1 && width == NR) {
      // B stored transposed (N rows of K): eight source rows read side by side.
      const rowStep = <usize>sn << 2;
      const r0 = src + (<usize>(n0 * sn) << 2);
      for (let k = 0; k < K; k++) {
        const at = r0 + (<usize>k << 2);
        store<f32>(out, load<f32>(at));
        store<f32>(out, load<f32>(at + rowStep), 4);
        store<f32>(out, load<f32>(at + 2 * rowStep), 8);
        store<f32>(out, load<f32>(at + 3 * rowStep), 12);
        store<f32>(out, load<f32>(at + 4 * rowStep), 16);
        store<f32>(out, load<f32>(at + 5 * rowStep), 20);
        store<f32>(out, load<f32>(at + 6 * rowStep), 24);
        store<f32>(out, load<f32>(at + 7 * rowStep), 28);
        out += 32;
      }
    } else {
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < NR; j++) {
          let v: f32 = 0;
          if (j < width) v = load<f32>(src + (<usize>(k * sk + (n0 + j) * sn) << 2));
          store<f32>(out + (<usize>j << 2), v);
        }
        out += 32;
      }
    }
  }
}

/** dst[n·M + m] = src[m·ld + n]: an M×N block (row stride ld) transposed into N×M. */
export function transpose(src: usize, M: i32, N: i32, ld: i32, dst: usize): void {
  // 4×4 tiles through registers, the ragged edges one by one.
  const m4 = M & ~3;
  const n4 = N & ~3;
  const rs = <usize>ld << 2;
  const ds = <usize>M << 2;
  for (let m = 0; m < m4; m += 4) {
    for (let n = 0; n < n4; n += 4) {
      const s = src + (<usize>(m * ld + n) << 2);
      const r0 = v128.load(s);
      const r1 = v128.load(s + rs);
      const r2 = v128.load(s + 2 * rs);
      const r3 = v128.load(s + 3 * rs);
      const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const d = dst + (<usize>(n * M + m) << 2);
      v128.store(d, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
      v128.store(d + ds, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
      v128.store(d + 2 * ds, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
      v128.store(d + 3 * ds, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
    }
    for (let n = n4; n < N; n++) {
      for (let i = 0; i < 4; i++) {
        store<f32>(dst + (<usize>(n * M + m + i) << 2), load<f32>(src + (<usize>((m + i) * ld + n) << 2)));
      }
    }
  }
  for (let m = m4; m < M; m++) {
    for (let n = 0; n < N; n++) {
      store<f32>(dst + (<usize>(n * M + m) << 2), load<f32>(src + (<usize>(m * ld + n) << 2)));
    }
  }
}

// ------------------------------------------------------------------------------------------
// GEMM

/** Depth of one block of the reduction: a packed panel block (KC × 8 floats) stays in L1. */
const KC: i32 = 256;

// @ts-ignore: decorator
@inline
function storeRow(c: usize, acc0: v128, acc1: v128, width: i32): void {
  if (width == 8) {
    v128.store(c, acc0);
    v128.store(c + 16, acc1);
  } else {
    const lanes0 = min(width, 4);
    if (lanes0 == 4) v128.store(c, acc0);
    else {
      store<f32>(c, f32x4.extract_lane(acc0, 0));
      if (lanes0 > 1) store<f32>(c, f32x4.extract_lane(acc0, 1), 4);
      if (lanes0 > 2) store<f32>(c, f32x4.extract_lane(acc0, 2), 8);
    }
    const lanes1 = width - 4;
    if (lanes1 > 0) store<f32>(c, f32x4.extract_lane(acc1, 0), 16);
    if (lanes1 > 1) store<f32>(c, f32x4.extract_lane(acc1, 1), 20);
    if (lanes1 > 2) store<f32>(c, f32x4.extract_lane(acc1, 2), 24);
    if (lanes1 > 3) store<f32>(c, f32x4.extract_lane(acc1, 3), 28);
  }
}

// @ts-ignore: decorator
@inline
function loadRow(c: usize, width: i32, half: i32): v128 {
  // Lanes past `width` read as 0 (they are never stored).
  const base = half * 4;
  if (width >= base + 4) return v128.load(c + (<usize>base << 2));
  let v = f32x4.splat(0);
  if (width > base) v = f32x4.replace_lane(v, 0, load<f32>(c + (<usize>base << 2)));
  if (width > base + 1) v = f32x4.replace_lane(v, 1, load<f32>(c + (<usize>(base + 1) << 2)));
  if (width > base + 2) v = f32x4.replace_lane(v, 2, load<f32>(c + (<usize>(base + 2) << 2)));
  return v;
}

/**
 * C[M×N] (row stride ldc) = (accumulate ? C : 0) + A[M×K] (row stride lda) · B, with B packed by
 * `packB` (panels of K rows). Four rows × eight columns per step of the inner kernel.
 */
export function gemm(a: usize, lda: i32, M: i32, K: i32, bp: usize, N: i32, c: usize, ldc: i32, accumulate: i32): void {
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    const add = accumulate != 0 || k0 > 0;
    // A block of MC rows × KC stays in L2 while every panel of B passes over it.
    for (let m0 = 0; m0 < M; m0 += MC) {
      gemmBlock(a + (<usize>(m0 * lda + k0) << 2), lda, min(MC, M - m0), K, k0, kc, bp, N, c + (<usize>(m0 * ldc) << 2), ldc, add);
    }
  }
}

/** Rows of A per block of the reduction (64 × KC floats = 64 KB). */
const MC: i32 = 64;

// @ts-ignore: decorator
@inline
function gemmBlock(a: usize, lda: i32, M: i32, K: i32, k0: i32, kc: i32, bp: usize, N: i32, c: usize, ldc: i32, add: bool): void {
  const panels = (N + NR - 1) / NR;
  const aRow = <usize>lda << 2;
  const cRow = <usize>ldc << 2;
  {
    for (let p = 0; p < panels; p++) {
      const n0 = p * NR;
      const width = min(NR, N - n0);
      const panel = bp + (<usize>(p * K + k0) << 5);
      let m = 0;
      for (; m + 4 <= M; m += 4) {
        const a0 = a + (<usize>(m * lda) << 2);
        const a1 = a0 + aRow;
        const a2 = a1 + aRow;
        const a3 = a2 + aRow;
        const c0 = c + (<usize>(m * ldc + n0) << 2);
        const c1 = c0 + cRow;
        const c2 = c1 + cRow;
        const c3 = c2 + cRow;
        let x00 = f32x4.splat(0), x01 = f32x4.splat(0);
        let x10 = f32x4.splat(0), x11 = f32x4.splat(0);
        let x20 = f32x4.splat(0), x21 = f32x4.splat(0);
        let x30 = f32x4.splat(0), x31 = f32x4.splat(0);
        if (add) {
          x00 = loadRow(c0, width, 0); x01 = loadRow(c0, width, 1);
          x10 = loadRow(c1, width, 0); x11 = loadRow(c1, width, 1);
          x20 = loadRow(c2, width, 0); x21 = loadRow(c2, width, 1);
          x30 = loadRow(c3, width, 0); x31 = loadRow(c3, width, 1);
        }
        let b = panel;
        for (let k = 0; k < kc; k++) {
          const off = <usize>k << 2;
          const b0 = v128.load(b);
          const b1 = v128.load(b, 16);
          let s = v128.load32_splat(a0 + off);
          x00 = f32x4.add(x00, f32x4.mul(s, b0));
          x01 = f32x4.add(x01, f32x4.mul(s, b1));
          s = v128.load32_splat(a1 + off);
          x10 = f32x4.add(x10, f32x4.mul(s, b0));
          x11 = f32x4.add(x11, f32x4.mul(s, b1));
          s = v128.load32_splat(a2 + off);
          x20 = f32x4.add(x20, f32x4.mul(s, b0));
          x21 = f32x4.add(x21, f32x4.mul(s, b1));
          s = v128.load32_splat(a3 + off);
          x30 = f32x4.add(x30, f32x4.mul(s, b0));
          x31 = f32x4.add(x31, f32x4.mul(s, b1));
          b += 32;
        }
        storeRow(c0, x00, x01, width);
        storeRow(c1, x10, x11, width);
        storeRow(c2, x20, x21, width);
        storeRow(c3, x30, x31, width);
      }
      for (; m < M; m++) {
        const a0 = a + (<usize>(m * lda) << 2);
        const c0 = c + (<usize>(m * ldc + n0) << 2);
        let x00 = f32x4.splat(0), x01 = f32x4.splat(0);
        if (add) {
          x00 = loadRow(c0, width, 0);
          x01 = loadRow(c0, width, 1);
        }
        let b = panel;
        for (let k = 0; k < kc; k++) {
          const s = v128.load32_splat(a0 + (<usize>k << 2));
          x00 = f32x4.add(x00, f32x4.mul(s, v128.load(b)));
          x01 = f32x4.add(x01, f32x4.mul(s, v128.load(b, 16)));
          b += 32;
        }
        storeRow(c0, x00, x01, width);
      }
    }
  }
}

// ------------------------------------------------------------------------------------------
// Narrow products (N ≤ 4): one panel of 4 columns, eight rows per step

/** Packs B (K×N, N ≤ 4, element (k, n) at src + 4·(k·sk + n·sn)) into one panel of K rows × 4. */
export function packB4(src: usize, K: i32, N: i32, sk: i32, sn: i32, dst: usize): void {
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < 4; j++) {
      let v: f32 = 0;
      if (j < N) v = load<f32>(src + (<usize>(k * sk + j * sn) << 2));
      store<f32>(dst + (<usize>(k * 4 + j) << 2), v);
    }
  }
}

// @ts-ignore: decorator
@inline
function store4(c: usize, acc: v128, width: i32): void {
  if (width == 4) v128.store(c, acc);
  else {
    store<f32>(c, f32x4.extract_lane(acc, 0));
    if (width > 1) store<f32>(c, f32x4.extract_lane(acc, 1), 4);
    if (width > 2) store<f32>(c, f32x4.extract_lane(acc, 2), 8);
  }
}

// @ts-ignore: decorator
@inline
function load4(c: usize, width: i32): v128 {
  if (width == 4) return v128.load(c);
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(c));
  if (width > 1) v = f32x4.replace_lane(v, 1, load<f32>(c, 4));
  if (width > 2) v = f32x4.replace_lane(v, 2, load<f32>(c, 8));
  return v;
}

/** C[M×N] (+)= A[M×K]·B for N ≤ 4 with B packed by `packB4`. */
export function gemm4(a: usize, lda: i32, M: i32, K: i32, bp: usize, N: i32, c: usize, ldc: i32, accumulate: i32): void {
  const aRow = <usize>lda << 2;
  const cRow = <usize>ldc << 2;
  let m = 0;
  for (; m + 8 <= M; m += 8) {
    const a0 = a + (<usize>(m * lda) << 2);
    const c0 = c + (<usize>(m * ldc) << 2);
    let x0 = f32x4.splat(0), x1 = f32x4.splat(0), x2 = f32x4.splat(0), x3 = f32x4.splat(0);
    let x4 = f32x4.splat(0), x5 = f32x4.splat(0), x6 = f32x4.splat(0), x7 = f32x4.splat(0);
    if (accumulate != 0) {
      x0 = load4(c0, N); x1 = load4(c0 + cRow, N); x2 = load4(c0 + 2 * cRow, N); x3 = load4(c0 + 3 * cRow, N);
      x4 = load4(c0 + 4 * cRow, N); x5 = load4(c0 + 5 * cRow, N); x6 = load4(c0 + 6 * cRow, N); x7 = load4(c0 + 7 * cRow, N);
    }
    let b = bp;
    let ap = a0;
    const end = a0 + (<usize>K << 2);
    while (ap < end) {
      const bk = v128.load(b);
      x0 = f32x4.add(x0, f32x4.mul(v128.load32_splat(ap), bk));
      x1 = f32x4.add(x1, f32x4.mul(v128.load32_splat(ap + aRow), bk));
      x2 = f32x4.add(x2, f32x4.mul(v128.load32_splat(ap + 2 * aRow), bk));
      x3 = f32x4.add(x3, f32x4.mul(v128.load32_splat(ap + 3 * aRow), bk));
      x4 = f32x4.add(x4, f32x4.mul(v128.load32_splat(ap + 4 * aRow), bk));
      x5 = f32x4.add(x5, f32x4.mul(v128.load32_splat(ap + 5 * aRow), bk));
      x6 = f32x4.add(x6, f32x4.mul(v128.load32_splat(ap + 6 * aRow), bk));
      x7 = f32x4.add(x7, f32x4.mul(v128.load32_splat(ap + 7 * aRow), bk));
      b += 16;
      ap += 4;
    }
    store4(c0, x0, N); store4(c0 + cRow, x1, N); store4(c0 + 2 * cRow, x2, N); store4(c0 + 3 * cRow, x3, N);
    store4(c0 + 4 * cRow, x4, N); store4(c0 + 5 * cRow, x5, N); store4(c0 + 6 * cRow, x6, N); store4(c0 + 7 * cRow, x7, N);
  }
  for (; m < M; m++) {
    const a0 = a + (<usize>(m * lda) << 2);
    const c0 = c + (<usize>(m * ldc) << 2);
    let x = accumulate != 0 ? load4(c0, N) : f32x4.splat(0);
    for (let k = 0; k < K; k++) x = f32x4.add(x, f32x4.mul(v128.load32_splat(a0 + (<usize>k << 2)), v128.load(bp + (<usize>k << 4))));
    store4(c0, x, N);
  }
}

// ------------------------------------------------------------------------------------------
// Patches

// @ts-ignore: decorator
@inline
function copyFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

// @ts-ignore: decorator
@inline
function zeroFloats(dst: usize, n: i32): void {
  let i = 0;
  const z = f32x4.splat(0);
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), z);
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), 0);
}

// @ts-ignore: decorator
@inline
function addFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.add(v128.load(dst + at), v128.load(src + at)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) + load<f32>(src + at));
  }
}

/**
 * Rows m0 … m0+rows−1 of the patch matrix of x [B, H, W, C] for a conv with a kh×kw filter:
 * row m = (b·OH + oh)·OW + ow holds x[b, oh·sh − pt + i·dh, ow·sw − pl + j·dw, 0…C−1] for each
 * tap (i, j) in order (zeros outside the image), the layout of a [kh, kw, C, ·] filter's rows.
 * Without column dilation a filter row's taps inside the image are one contiguous run of x.
 */
export function im2col(
  x: usize, H: i32, W: i32, C: i32,
  kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32,
  OH: i32, OW: i32, m0: i32, rows: i32, dst: usize,
): void {
  const K = kh * kw * C;
  const rowFloats = kw * C;
  for (let r = 0; r < rows; r++) {
    const m = m0 + r;
    const ow = m % OW;
    const t = m / OW;
    const oh = t % OH;
    const b = t / OH;
    let out = dst + (<usize>(r * K) << 2);
    const image = x + (<usize>(b * H * W * C) << 2);
    const left = ow * sw - pl;
    // Taps j with 0 ≤ left + j < W (column dilation 1).
    const jLo = max(0, -left);
    const jHi = min(kw, W - left);
    for (let i = 0; i < kh; i++) {
      const ih = oh * sh - pt + i * dh;
      if (ih < 0 || ih >= H) {
        zeroFloats(out, rowFloats);
        out += <usize>rowFloats << 2;
        continue;
      }
      const rowBase = image + (<usize>(ih * W * C) << 2);
      if (dw == 1) {
        if (jHi <= jLo) zeroFloats(out, rowFloats);
        else {
          zeroFloats(out, jLo * C);
          copyFloats(out + (<usize>(jLo * C) << 2), rowBase + (<usize>((left + jLo) * C) << 2), (jHi - jLo) * C);
          zeroFloats(out + (<usize>(jHi * C) << 2), (kw - jHi) * C);
        }
        out += <usize>rowFloats << 2;
        continue;
      }
      for (let j = 0; j < kw; j++) {
        const iw = left + j * dw;
        if (iw < 0 || iw >= W) zeroFloats(out, C);
        else copyFloats(out, rowBase + (<usize>(iw * C) << 2), C);
        out += <usize>C << 2;
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function scatterRun(dst: usize, rows: i32, r: i32, k: i32, src: usize, n: i32): void {
  // Floats k … k+n−1 of patch row r, into the panels of 8 columns that `packB` would make.
  while (n > 0) {
    const lane = k & 7;
    const take = min(8 - lane, n);
    const to = dst + (<usize>(((k >> 3) * rows + r) * 8 + lane) << 2);
    if (take == 8) {
      v128.store(to, v128.load(src));
      v128.store(to, v128.load(src, 16), 16);
    } else {
      for (let i = 0; i < take; i++) store<f32>(to + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
    }
    src += <usize>take << 2;
    k += take;
    n -= take;
  }
}

// @ts-ignore: decorator
@inline
function zeroRun(dst: usize, rows: i32, r: i32, k: i32, n: i32): void {
  while (n > 0) {
    const lane = k & 7;
    const take = min(8 - lane, n);
    const to = dst + (<usize>(((k >> 3) * rows + r) * 8 + lane) << 2);
    for (let i = 0; i < take; i++) store<f32>(to + (<usize>i << 2), 0);
    k += take;
    n -= take;
  }
}

/**
 * The rows `im2col` gathers, written straight into packed panels (as `packB` would pack the
 * rows×K patch matrix as B, rows its reduction), zero past K in the last panel.
 */
export function im2colPacked(
  x: usize, H: i32, W: i32, C: i32,
  kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32,
  OH: i32, OW: i32, m0: i32, rows: i32, dst: usize,
): void {
  const K = kh * kw * C;
  const rowFloats = kw * C;
  const padded = (K + 7) & ~7;
  for (let r = 0; r < rows; r++) {
    const m = m0 + r;
    const ow = m % OW;
    const t = m / OW;
    const oh = t % OH;
    const b = t / OH;
    const image = x + (<usize>(b * H * W * C) << 2);
    const left = ow * sw - pl;
    const jLo = max(0, -left);
    const jHi = min(kw, W - left);
    let k = 0;
    for (let i = 0; i < kh; i++) {
      const ih = oh * sh - pt + i * dh;
      if (ih < 0 || ih >= H) {
        zeroRun(dst, rows, r, k, rowFloats);
        k += rowFloats;
        continue;
      }
      const rowBase = image + (<usize>(ih * W * C) << 2);
      if (dw == 1) {
        if (jHi <= jLo) zeroRun(dst, rows, r, k, rowFloats);
        else {
          zeroRun(dst, rows, r, k, jLo * C);
          scatterRun(dst, rows, r, k + jLo * C, rowBase + (<usize>((left + jLo) * C) << 2), (jHi - jLo) * C);
          zeroRun(dst, rows, r, k + jHi * C, (kw - jHi) * C);
        }
      } else {
        for (let j = 0; j < kw; j++) {
          const iw = left + j * dw;
          if (iw < 0 || iw >= W) zeroRun(dst, rows, r, k + j * C, C);
          else scatterRun(dst, rows, r, k + j * C, rowBase + (<usize>(iw * C) << 2), C);
        }
      }
      k += rowFloats;
    }
    zeroRun(dst, rows, r, K, padded - K);
  }
}

/** The reverse of `im2col`: adds each patch row's values back onto dx [B, H, W, C] where they came from. */
export function col2imAdd(
  src: usize, H: i32, W: i32, C: i32,
  kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32,
  OH: i32, OW: i32, m0: i32, rows: i32, dx: usize,
): void {
  const K = kh * kw * C;
  const rowFloats = kw * C;
  for (let r = 0; r < rows; r++) {
    const m = m0 + r;
    const ow = m % OW;
    const t = m / OW;
    const oh = t % OH;
    const b = t / OH;
    let from = src + (<usize>(r * K) << 2);
    const image = dx + (<usize>(b * H * W * C) << 2);
    const left = ow * sw - pl;
    const jLo = max(0, -left);
    const jHi = min(kw, W - left);
    for (let i = 0; i < kh; i++) {
      const ih = oh * sh - pt + i * dh;
      if (ih >= 0 && ih < H) {
        const rowBase = image + (<usize>(ih * W * C) << 2);
        if (dw == 1) {
          if (jHi > jLo) addFloats(rowBase + (<usize>((left + jLo) * C) << 2), from + (<usize>(jLo * C) << 2), (jHi - jLo) * C);
        } else {
          for (let j = 0; j < kw; j++) {
            const iw = left + j * dw;
            if (iw >= 0 && iw < W) addFloats(rowBase + (<usize>(iw * C) << 2), from + (<usize>(j * C) << 2), C);
          }
        }
      }
      from += <usize>rowFloats << 2;
    }
  }
}

// ------------------------------------------------------------------------------------------
// Optimizer updates (one pass over a variable instead of a dozen elementwise kernels)

/**
 * Adam, as the engine writes it out: m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g²,
 * w' = w − (m'/c1) / (√(v'/c2) + ε) · lr with c1 = 1 − β1^t, c2 = 1 − β2^t.
 */
export function adam(
  w: usize, g: usize, m: usize, v: usize, n: i32,
  lr: f32, b1: f32, b1c: f32, b2: f32, b2c: f32, eps: f32, c1: f32, c2: f32,
  wOut: usize, mOut: usize, vOut: usize,
): void {
  const vb1 = f32x4.splat(b1), vb1c = f32x4.splat(b1c);
  const vb2 = f32x4.splat(b2), vb2c = f32x4.splat(b2c);
  const veps = f32x4.splat(eps), vlr = f32x4.splat(lr);
  const vc1 = f32x4.splat(c1), vc2 = f32x4.splat(c2);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const gi = v128.load(g + at);
    const mi = f32x4.add(f32x4.mul(v128.load(m + at), vb1), f32x4.mul(gi, vb1c));
    const vi = f32x4.add(f32x4.mul(v128.load(v + at), vb2), f32x4.mul(f32x4.mul(gi, gi), vb2c));
    v128.store(mOut + at, mi);
    v128.store(vOut + at, vi);
    const step = f32x4.div(f32x4.div(mi, vc1), f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), veps));
    v128.store(wOut + at, f32x4.sub(v128.load(w + at), f32x4.mul(step, vlr)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const gi = load<f32>(g + at);
    const mi = load<f32>(m + at) * b1 + gi * b1c;
    const vi = load<f32>(v + at) * b2 + gi * gi * b2c;
    store<f32>(mOut + at, mi);
    store<f32>(vOut + at, vi);
    const step = (mi / c1) / (Mathf.sqrt(vi / c2) + eps);
    store<f32>(wOut + at, load<f32>(w + at) - step * lr);
  }
}

/** SGD with momentum μ: b' = μ·b + g, w' = w − b'·lr (μ = 0: w' = w − g·lr, `b` unused). */
export function sgd(w: usize, g: usize, b: usize, n: i32, lr: f32, mu: f32, wOut: usize, bOut: usize): void {
  const vlr = f32x4.splat(lr), vmu = f32x4.splat(mu);
  let i = 0;
  if (mu == 0) {
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(wOut + at, f32x4.sub(v128.load(w + at), f32x4.mul(v128.load(g + at), vlr)));
    }
    for (; i < n; i++) {
      const at = <usize>i << 2;
      store<f32>(wOut + at, load<f32>(w + at) - load<f32>(g + at) * lr);
    }
    return;
  }
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const bi = f32x4.add(f32x4.mul(v128.load(b + at), vmu), v128.load(g + at));
    v128.store(bOut + at, bi);
    v128.store(wOut + at, f32x4.sub(v128.load(w + at), f32x4.mul(bi, vlr)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const bi = load<f32>(b + at) * mu + load<f32>(g + at);
    store<f32>(bOut + at, bi);
    store<f32>(wOut + at, load<f32>(w + at) - bi * lr);
  }
}

// ------------------------------------------------------------------------------------------
// Elementwise and reductions (the shipped kernels are scalar loops over index arithmetic)

/** out = x > 0 ? x : α·x. */
export function leakyRelu(x: usize, n: i32, alpha: f32, out: usize): void {
  const va = f32x4.splat(alpha);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const v = v128.load(x + at);
    v128.store(out + at, v128.bitselect(v, f32x4.mul(v, va), f32x4.gt(v, zero)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const v = load<f32>(x + at);
    store<f32>(out + at, v > 0 ? v : v * alpha);
  }
}

/** out[i] = a[i] > b[i] (b[0] for every i when bScalar), as bytes 0/1. */
export function greater(a: usize, b: usize, n: i32, bScalar: i32, out: usize): void {
  const one = i8x16.splat(1);
  let i = 0;
  if (bScalar != 0) {
    const s = load<f32>(b);
    const vs = f32x4.splat(s);
    for (; i + 16 <= n; i += 16) {
      const at = a + (<usize>i << 2);
      const m0 = f32x4.gt(v128.load(at), vs);
      const m1 = f32x4.gt(v128.load(at, 16), vs);
      const m2 = f32x4.gt(v128.load(at, 32), vs);
      const m3 = f32x4.gt(v128.load(at, 48), vs);
      const bytes = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
      v128.store(out + <usize>i, v128.and(bytes, one));
    }
    for (; i < n; i++) store<u8>(out + <usize>i, load<f32>(a + (<usize>i << 2)) > s ? 1 : 0);
    return;
  }
  for (; i + 16 <= n; i += 16) {
    const at = <usize>i << 2;
    const m0 = f32x4.gt(v128.load(a + at), v128.load(b + at));
    const m1 = f32x4.gt(v128.load(a + at, 16), v128.load(b + at, 16));
    const m2 = f32x4.gt(v128.load(a + at, 32), v128.load(b + at, 32));
    const m3 = f32x4.gt(v128.load(a + at, 48), v128.load(b + at, 48));
    const bytes = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(out + <usize>i, v128.and(bytes, one));
  }
  for (; i < n; i++) store<u8>(out + <usize>i, load<f32>(a + (<usize>i << 2)) > load<f32>(b + (<usize>i << 2)) ? 1 : 0);
}

/** out[i] = cond[i] ≠ 0 ? t[i] : e[i] for float32 t, e and byte conditions. */
export function select(cond: usize, t: usize, e: usize, n: i32, out: usize): void {
  const zero = i32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const c = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(cond + <usize>i)));
    const at = <usize>i << 2;
    v128.store(out + at, v128.bitselect(v128.load(t + at), v128.load(e + at), i32x4.ne(c, zero)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, load<u8>(cond + <usize>i) != 0 ? load<f32>(t + at) : load<f32>(e + at));
  }
}

/**
 * tanh as an odd rational function of degree 13/6, exact to float rounding over the clamped
 * range (|x| ≥ 7.9 gives ±1 in float32).
 */
export function tanh(x: usize, n: i32, out: usize): void {
  const lim = f32x4.splat(7.90531110763549805);
  const nlim = f32x4.splat(-7.90531110763549805);
  const a1 = f32x4.splat(4.89352455891786e-3), a3 = f32x4.splat(6.37261928875436e-4);
  const a5 = f32x4.splat(1.48572235717979e-5), a7 = f32x4.splat(5.12229709037114e-8);
  const a9 = f32x4.splat(-8.60467152213735e-11), a11 = f32x4.splat(2.00018790482477e-13);
  const a13 = f32x4.splat(-2.76076847742355e-16);
  const b0 = f32x4.splat(4.89352518554385e-3), b2 = f32x4.splat(2.268434632439e-3);
  const b4 = f32x4.splat(1.18534705686654e-4), b6 = f32x4.splat(1.19825839466702e-6);
  const small = f32x4.splat(0.0004);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const raw = v128.load(x + at);
    const v = f32x4.max(nlim, f32x4.min(lim, raw));
    const v2 = f32x4.mul(v, v);
    let p = f32x4.add(f32x4.mul(v2, a13), a11);
    p = f32x4.add(f32x4.mul(v2, p), a9);
    p = f32x4.add(f32x4.mul(v2, p), a7);
    p = f32x4.add(f32x4.mul(v2, p), a5);
    p = f32x4.add(f32x4.mul(v2, p), a3);
    p = f32x4.add(f32x4.mul(v2, p), a1);
    p = f32x4.mul(v, p);
    let q = f32x4.add(f32x4.mul(v2, b6), b4);
    q = f32x4.add(f32x4.mul(v2, q), b2);
    q = f32x4.add(f32x4.mul(v2, q), b0);
    // tanh(x) = x to float precision near 0.
    const y = v128.bitselect(raw, f32x4.div(p, q), f32x4.lt(f32x4.abs(raw), small));
    v128.store(out + at, y);
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, <f32>Math.tanh(<f64>load<f32>(x + at)));
  }
}

/** out[o, i] = Σ_r x[o, r, i] for x viewed as [O, R, I], divided by R when `mean`. */
export function sumAxis(x: usize, O: i32, R: i32, I: i32, mean: i32, out: usize): void {
  sumBlock(x, O, R, I, out);
  if (mean == 0) return;
  const r = <f32>R;
  const vr = f32x4.splat(r);
  const n = O * I;
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), f32x4.div(v128.load(out + (<usize>i << 2)), vr));
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), load<f32>(out + (<usize>i << 2)) / r);
}

function sumBlock(x: usize, O: i32, R: i32, I: i32, out: usize): void {
  if (I == 1) {
    for (let o = 0; o < O; o++) {
      const row = x + (<usize>(o * R) << 2);
      let acc0 = f32x4.splat(0), acc1 = f32x4.splat(0);
      let r = 0;
      for (; r + 8 <= R; r += 8) {
        acc0 = f32x4.add(acc0, v128.load(row + (<usize>r << 2)));
        acc1 = f32x4.add(acc1, v128.load(row + (<usize>r << 2), 16));
      }
      const acc = f32x4.add(acc0, acc1);
      let s: f32 = (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
      for (; r < R; r++) s += load<f32>(row + (<usize>r << 2));
      store<f32>(out + (<usize>o << 2), s);
    }
    return;
  }
  for (let o = 0; o < O; o++) {
    const dst = out + (<usize>(o * I) << 2);
    const base = x + (<usize>(o * R * I) << 2);
    copyFloats(dst, base, I);
    for (let r = 1; r < R; r++) addFloats(dst, base + (<usize>(r * I) << 2), I);
  }
}

// ------------------------------------------------------------------------------------------
// Batch normalisation over the rows of x [R, C] (every axis but the channels)

/** Per channel: mean and biased variance (two passes, as TF.js's moments). */
export function bnStats(x: usize, R: i32, C: i32, mean: usize, variance: usize): void {
  sumBlock(x, 1, R, C, mean);
  const inv = <f32>R;
  for (let c = 0; c < C; c++) store<f32>(mean + (<usize>c << 2), load<f32>(mean + (<usize>c << 2)) / inv);
  zeroFloats(variance, C);
  const c4 = C & ~3;
  for (let r = 0; r < R; r++) {
    const row = x + (<usize>(r * C) << 2);
    let c = 0;
    for (; c < c4; c += 4) {
      const at = <usize>c << 2;
      const d = f32x4.sub(v128.load(row + at), v128.load(mean + at));
      v128.store(variance + at, f32x4.add(v128.load(variance + at), f32x4.mul(d, d)));
    }
    for (; c < C; c++) {
      const at = <usize>c << 2;
      const d = load<f32>(row + at) - load<f32>(mean + at);
      store<f32>(variance + at, load<f32>(variance + at) + d * d);
    }
  }
  for (let c = 0; c < C; c++) store<f32>(variance + (<usize>c << 2), load<f32>(variance + (<usize>c << 2)) / inv);
}

/** scale[c] = γ[c] / √(var[c] + ε); y = (x − μ)·scale + β. `scale` is scratch of C floats. */
export function bnApply(x: usize, R: i32, C: i32, mean: usize, variance: usize, gamma: usize, beta: usize, eps: f32, scale: usize, y: usize): void {
  for (let c = 0; c < C; c++) {
    const at = <usize>c << 2;
    store<f32>(scale + at, (<f32>1 / Mathf.sqrt(load<f32>(variance + at) + eps)) * load<f32>(gamma + at));
  }
  const c4 = C & ~3;
  for (let r = 0; r < R; r++) {
    const row = <usize>(r * C) << 2;
    let c = 0;
    for (; c < c4; c += 4) {
      const at = <usize>c << 2;
      const v = f32x4.mul(f32x4.sub(v128.load(x + row + at), v128.load(mean + at)), v128.load(scale + at));
      v128.store(y + row + at, f32x4.add(v, v128.load(beta + at)));
    }
    for (; c < C; c++) {
      const at = <usize>c << 2;
      store<f32>(y + row + at, (load<f32>(x + row + at) - load<f32>(mean + at)) * load<f32>(scale + at) + load<f32>(beta + at));
    }
  }
}

/**
 * Gradients of y = (x − μ)/√(var + ε)·γ + β with batch statistics μ, var of x:
 * dβ = Σ dy, dγ = Σ dy·x̂, dx = γ/√(var + ε) · (dy − dβ/R − x̂·dγ/R), plus what reaches μ and
 * var directly (dμ/R + 2·dvar·(x − μ)/R). `inv` is scratch of C floats.
 */
export function bnGrad(
  dy: usize, x: usize, R: i32, C: i32, mean: usize, variance: usize, gamma: usize, eps: f32,
  dmean: usize, dvariance: usize, inv: usize, dx: usize, dgamma: usize, dbeta: usize,
): void {
  for (let c = 0; c < C; c++) {
    const at = <usize>c << 2;
    store<f32>(inv + at, <f32>1 / Mathf.sqrt(load<f32>(variance + at) + eps));
  }
  zeroFloats(dgamma, C);
  zeroFloats(dbeta, C);
  const c4 = C & ~3;
  for (let r = 0; r < R; r++) {
    const row = <usize>(r * C) << 2;
    let c = 0;
    for (; c < c4; c += 4) {
      const at = <usize>c << 2;
      const g = v128.load(dy + row + at);
      const xh = f32x4.mul(f32x4.sub(v128.load(x + row + at), v128.load(mean + at)), v128.load(inv + at));
      v128.store(dbeta + at, f32x4.add(v128.load(dbeta + at), g));
      v128.store(dgamma + at, f32x4.add(v128.load(dgamma + at), f32x4.mul(g, xh)));
    }
    for (; c < C; c++) {
      const at = <usize>c << 2;
      const g = load<f32>(dy + row + at);
      const xh = (load<f32>(x + row + at) - load<f32>(mean + at)) * load<f32>(inv + at);
      store<f32>(dbeta + at, load<f32>(dbeta + at) + g);
      store<f32>(dgamma + at, load<f32>(dgamma + at) + g * xh);
    }
  }
  const n = <f32>R;
  for (let r = 0; r < R; r++) {
    const row = <usize>(r * C) << 2;
    for (let c = 0; c < C; c++) {
      const at = <usize>c << 2;
      const iv = load<f32>(inv + at);
      const xh = (load<f32>(x + row + at) - load<f32>(mean + at)) * iv;
      const g = load<f32>(dy + row + at) - load<f32>(dbeta + at) / n - xh * (load<f32>(dgamma + at) / n);
      // Gradients reaching the statistics themselves (zero unless something uses them).
      const direct = (load<f32>(dmean + at) + <f32>2 * load<f32>(dvariance + at) * (load<f32>(x + row + at) - load<f32>(mean + at))) / n;
      store<f32>(dx + row + at, load<f32>(gamma + at) * iv * g + direct);
    }
  }
}

// ------------------------------------------------------------------------------------------
// Binary arithmetic: same shapes, a scalar operand, or a row vector repeated over rows

// @ts-ignore: decorator
@inline
function op4(op: i32, x: v128, y: v128): v128 {
  if (op == 0) return f32x4.add(x, y);
  if (op == 1) return f32x4.sub(x, y);
  if (op == 2) return f32x4.mul(x, y);
  return f32x4.div(x, y);
}

// @ts-ignore: decorator
@inline
function op1(op: i32, x: f32, y: f32): f32 {
  if (op == 0) return x + y;
  if (op == 1) return x - y;
  if (op == 2) return x * y;
  return x / y;
}

/**
 * out = a ∘ b over n values. mode 0: same shapes; 1: b is one value; 2: a is one value;
 * 3: b is a row of C values repeated (a is [n/C, C]); 4: a is the repeated row.
 */
// @ts-ignore: decorator
@inline
function binaryLoop(op: i32, a: usize, b: usize, n: i32, mode: i32, C: i32, out: usize): void {
  if (mode == 0) {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, op4(op, v128.load(a + at), v128.load(b + at)));
    }
    for (; i < n; i++) {
      const at = <usize>i << 2;
      store<f32>(out + at, op1(op, load<f32>(a + at), load<f32>(b + at)));
    }
  } else if (mode == 1 || mode == 2) {
    const s = load<f32>(mode == 1 ? b : a);
    const vs = f32x4.splat(s);
    const src = mode == 1 ? a : b;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const at = <usize>i << 2;
      const v = v128.load(src + at);
      v128.store(out + at, mode == 1 ? op4(op, v, vs) : op4(op, vs, v));
    }
    for (; i < n; i++) {
      const at = <usize>i << 2;
      const v = load<f32>(src + at);
      store<f32>(out + at, mode == 1 ? op1(op, v, s) : op1(op, s, v));
    }
  } else {
    const rowsPtr = mode == 3 ? a : b;
    const vec = mode == 3 ? b : a;
    const R = n / C;
    const c4 = C & ~3;
    for (let r = 0; r < R; r++) {
      const row = <usize>(r * C) << 2;
      let c = 0;
      for (; c < c4; c += 4) {
        const at = <usize>c << 2;
        const x = v128.load(rowsPtr + row + at);
        const y = v128.load(vec + at);
        v128.store(out + row + at, mode == 3 ? op4(op, x, y) : op4(op, y, x));
      }
      for (; c < C; c++) {
        const at = <usize>c << 2;
        const x = load<f32>(rowsPtr + row + at);
        const y = load<f32>(vec + at);
        store<f32>(out + row + at, mode == 3 ? op1(op, x, y) : op1(op, y, x));
      }
    }
  }
}

export function add(a: usize, b: usize, n: i32, mode: i32, C: i32, out: usize): void {
  binaryLoop(0, a, b, n, mode, C, out);
}
export function sub(a: usize, b: usize, n: i32, mode: i32, C: i32, out: usize): void {
  binaryLoop(1, a, b, n, mode, C, out);
}
export function mul(a: usize, b: usize, n: i32, mode: i32, C: i32, out: usize): void {
  binaryLoop(2, a, b, n, mode, C, out);
}
export function div(a: usize, b: usize, n: i32, mode: i32, C: i32, out: usize): void {
  binaryLoop(3, a, b, n, mode, C, out);
}

/** Sets n floats at dst to 0. */
export function zero(dst: usize, n: i32): void {
  zeroFloats(dst, n);
}

// ------------------------------------------------------------------------------------------
// Tile

/**
 * Tile for 4-byte elements, the tensors viewed as `rank` leading axes × a block of `inner`
 * contiguous elements (trailing axes that are not repeated). `dims` holds rank int32 output
 * sizes, then rank source sizes, then rank counters (scratch).
 */
export function tile(x: usize, rank: i32, dims: usize, inner: i32, out: usize): void {
  const src = dims + (<usize>rank << 2);
  const counter = src + (<usize>rank << 2);
  let chunks = 1;
  for (let d = 0; d < rank; d++) {
    chunks *= load<i32>(dims + (<usize>d << 2));
    store<i32>(counter + (<usize>d << 2), 0);
  }
  let dst = out;
  const bytes = <usize>inner << 2;
  for (let c = 0; c < chunks; c++) {
    let from = 0;
    for (let d = 0; d < rank; d++) {
      const sd = load<i32>(src + (<usize>d << 2));
      from = from * sd + load<i32>(counter + (<usize>d << 2)) % sd;
    }
    copyFloats(dst, x + <usize>from * bytes, inner);
    dst += bytes;
    for (let d = rank - 1; d >= 0; d--) {
      const at = counter + (<usize>d << 2);
      const v = load<i32>(at) + 1;
      if (v < load<i32>(dims + (<usize>d << 2))) {
        store<i32>(at, v);
        break;
      }
      store<i32>(at, 0);
    }
  }
}

// ------------------------------------------------------------------------------------------
// Convolutions without patch matrices (column dilation 1)
//
// Over a zero-padded copy of the image, the taps of one filter row that a patch row needs are
// one contiguous run of kw·C floats ("a segment"), and a patch row is kh segments a fixed stride
// apart. So the GEMM can read its A (forward) or B (filter gradient) straight from the image,
// given each patch row's origin (a table of offsets): nothing of patch size is ever written.

/** dst [B, H+pt+pb, W+pl+pr, C] = x [B, H, W, C] with zero borders. */
export function padImage(x: usize, B: i32, H: i32, W: i32, C: i32, pt: i32, pb: i32, pl: i32, pr: i32, dst: usize): void {
  const Hp = H + pt + pb;
  const Wp = W + pl + pr;
  const rowIn = W * C;
  const rowOut = Wp * C;
  let out = dst;
  for (let b = 0; b < B; b++) {
    for (let y = 0; y < Hp; y++) {
      const iy = y - pt;
      if (iy < 0 || iy >= H) zeroFloats(out, rowOut);
      else {
        zeroFloats(out, pl * C);
        copyFloats(out + (<usize>(pl * C) << 2), x + (<usize>((b * H + iy) * rowIn) << 2), rowIn);
        zeroFloats(out + (<usize>((pl + W) * C) << 2), pr * C);
      }
      out += <usize>rowOut << 2;
    }
  }
}

/** table[m] = float offset in the padded image of patch row m's first tap, m = (b·OH + oh)·OW + ow. */
export function convRowTable(B: i32, OH: i32, OW: i32, Hp: i32, Wp: i32, C: i32, sh: i32, sw: i32, table: usize): void {
  let at = table;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      let off = ((b * Hp + oh * sh) * Wp) * C;
      const step = sw * C;
      for (let ow = 0; ow < OW; ow++) {
        store<i32>(at, off);
        off += step;
        at += 4;
      }
    }
  }
}

/**
 * C[M×N] (row stride ldc) = (accumulate ? C : 0) + A·B, A row m being the kh segments of segLen
 * floats at x + table[m] + s·segStride (s < kh), B packed by `packB` with K = kh·segLen rows.
 * Blocked like `gemm`, over whole segments.
 */
export function convGemm(x: usize, table: usize, M: i32, kh: i32, segLen: i32, segStride: i32, bp: usize, N: i32, c: usize, ldc: i32, accumulate: i32): void {
  const K = kh * segLen;
  const perBlock = max(1, KC / segLen);
  for (let s0 = 0; s0 < kh; s0 += perBlock) {
    const segs = min(perBlock, kh - s0);
    const add = accumulate != 0 || s0 > 0;
    const base = x + (<usize>(s0 * segStride) << 2);
    for (let m0 = 0; m0 < M; m0 += MC) {
      convBlock(base, table + (<usize>m0 << 2), min(MC, M - m0), K, s0 * segLen, segs, segLen, segStride, bp, N, c + (<usize>(m0 * ldc) << 2), ldc, add);
    }
  }
}

// @ts-ignore: decorator
@inline
function convBlock(
  x: usize, table: usize, M: i32, K: i32, k0: i32, segs: i32, segLen: i32, segStride: i32,
  bp: usize, N: i32, c: usize, ldc: i32, add: bool,
): void {
  const panels = (N + NR - 1) / NR;
  const cRow = <usize>ldc << 2;
  const segBytes = <usize>segStride << 2;
  for (let p = 0; p < panels; p++) {
    const n0 = p * NR;
    const width = min(NR, N - n0);
    const panel = bp + (<usize>(p * K + k0) << 5);
    let m = 0;
    for (; m + 4 <= M; m += 4) {
      const t = table + (<usize>m << 2);
      let a0 = x + (<usize>load<i32>(t) << 2);
      let a1 = x + (<usize>load<i32>(t, 4) << 2);
      let a2 = x + (<usize>load<i32>(t, 8) << 2);
      let a3 = x + (<usize>load<i32>(t, 12) << 2);
      const c0 = c + (<usize>(m * ldc + n0) << 2);
      const c1 = c0 + cRow;
      const c2 = c1 + cRow;
      const c3 = c2 + cRow;
      let x00 = f32x4.splat(0), x01 = f32x4.splat(0);
      let x10 = f32x4.splat(0), x11 = f32x4.splat(0);
      let x20 = f32x4.splat(0), x21 = f32x4.splat(0);
      let x30 = f32x4.splat(0), x31 = f32x4.splat(0);
      if (add) {
        x00 = loadRow(c0, width, 0); x01 = loadRow(c0, width, 1);
        x10 = loadRow(c1, width, 0); x11 = loadRow(c1, width, 1);
        x20 = loadRow(c2, width, 0); x21 = loadRow(c2, width, 1);
        x30 = loadRow(c3, width, 0); x31 = loadRow(c3, width, 1);
      }
      let b = panel;
      for (let s = 0; s < segs; s++) {
        for (let k = 0; k < segLen; k++) {
          const off = <usize>k << 2;
          const b0 = v128.load(b);
          const b1 = v128.load(b, 16);
          let v = v128.load32_splat(a0 + off);
          x00 = f32x4.add(x00, f32x4.mul(v, b0));
          x01 = f32x4.add(x01, f32x4.mul(v, b1));
          v = v128.load32_splat(a1 + off);
          x10 = f32x4.add(x10, f32x4.mul(v, b0));
          x11 = f32x4.add(x11, f32x4.mul(v, b1));
          v = v128.load32_splat(a2 + off);
          x20 = f32x4.add(x20, f32x4.mul(v, b0));
          x21 = f32x4.add(x21, f32x4.mul(v, b1));
          v = v128.load32_splat(a3 + off);
          x30 = f32x4.add(x30, f32x4.mul(v, b0));
          x31 = f32x4.add(x31, f32x4.mul(v, b1));
          b += 32;
        }
        a0 += segBytes;
        a1 += segBytes;
        a2 += segBytes;
        a3 += segBytes;
      }
      storeRow(c0, x00, x01, width);
      storeRow(c1, x10, x11, width);
      storeRow(c2, x20, x21, width);
      storeRow(c3, x30, x31, width);
    }
    for (; m < M; m++) {
      let a0 = x + (<usize>load<i32>(table + (<usize>m << 2)) << 2);
      const c0 = c + (<usize>(m * ldc + n0) << 2);
      let x00 = f32x4.splat(0), x01 = f32x4.splat(0);
      if (add) {
        x00 = loadRow(c0, width, 0);
        x01 = loadRow(c0, width, 1);
      }
      let b = panel;
      for (let s = 0; s < segs; s++) {
        for (let k = 0; k < segLen; k++) {
          const v = v128.load32_splat(a0 + (<usize>k << 2));
          x00 = f32x4.add(x00, f32x4.mul(v, v128.load(b)));
          x01 = f32x4.add(x01, f32x4.mul(v, v128.load(b, 16)));
          b += 32;
        }
        a0 += segBytes;
      }
      storeRow(c0, x00, x01, width);
    }
  }
}

// @ts-ignore: decorator
@inline
function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * The same product for narrow outputs (N ≤ 4) as dot products along the segments, so no lane
 * is padding: C[m, n] = Σ A(m, k)·Wt[n·K + k] with Wt the filter transposed ([N, K]); two rows of
 * A and up to four outputs per step. segLen need not be a multiple of 4 (the tail is scalar).
 */
export function convDot(x: usize, table: usize, M: i32, kh: i32, segLen: i32, segStride: i32, wt: usize, N: i32, c: usize, ldc: i32): void {
  // One copy of the loop per N, its branches on N folded away (they kept accumulators in memory).
  if (N === 1) convDotRows(x, table, M, kh, segLen, segStride, wt, 1, c, ldc);
  else if (N === 2) convDotRows(x, table, M, kh, segLen, segStride, wt, 2, c, ldc);
  else if (N === 3) convDotRows(x, table, M, kh, segLen, segStride, wt, 3, c, ldc);
  else convDotRows(x, table, M, kh, segLen, segStride, wt, 4, c, ldc);
}

// @ts-ignore: decorator
@inline
function convDotRows(x: usize, table: usize, M: i32, kh: i32, segLen: i32, segStride: i32, wt: usize, N: i32, c: usize, ldc: i32): void {
  const K = kh * segLen;
  const kRow = <usize>K << 2;
  const segBytes = <usize>segStride << 2;
  const segFloats = <usize>segLen << 2;
  const vecLen = segLen & ~3;
  const w1 = wt + kRow, w2 = w1 + kRow, w3 = w2 + kRow;
  let m = 0;
  for (; m < M; m += 2) {
    const two = m + 1 < M;
    let a0 = x + (<usize>load<i32>(table + (<usize>m << 2)) << 2);
    let a1 = two ? x + (<usize>load<i32>(table + (<usize>(m + 1) << 2)) << 2) : a0;
    let y00 = f32x4.splat(0), y01 = f32x4.splat(0), y02 = f32x4.splat(0), y03 = f32x4.splat(0);
    let y10 = f32x4.splat(0), y11 = f32x4.splat(0), y12 = f32x4.splat(0), y13 = f32x4.splat(0);
    let s00: f32 = 0, s01: f32 = 0, s02: f32 = 0, s03: f32 = 0;
    let s10: f32 = 0, s11: f32 = 0, s12: f32 = 0, s13: f32 = 0;
    let wk: usize = 0;
    for (let s = 0; s < kh; s++) {
      let k = 0;
      for (; k < vecLen; k += 4) {
        const off = <usize>k << 2;
        const v0 = v128.load(a0 + off);
        const v1 = v128.load(a1 + off);
        const at = wk + off;
        const q0 = v128.load(wt + at);
        y00 = f32x4.add(y00, f32x4.mul(v0, q0));
        y10 = f32x4.add(y10, f32x4.mul(v1, q0));
        if (N > 1) {
          const q1 = v128.load(w1 + at);
          y01 = f32x4.add(y01, f32x4.mul(v0, q1));
          y11 = f32x4.add(y11, f32x4.mul(v1, q1));
        }
        if (N > 2) {
          const q2 = v128.load(w2 + at);
          y02 = f32x4.add(y02, f32x4.mul(v0, q2));
          y12 = f32x4.add(y12, f32x4.mul(v1, q2));
        }
        if (N > 3) {
          const q3 = v128.load(w3 + at);
          y03 = f32x4.add(y03, f32x4.mul(v0, q3));
          y13 = f32x4.add(y13, f32x4.mul(v1, q3));
        }
      }
      for (; k < segLen; k++) {
        const off = <usize>k << 2;
        const u0 = load<f32>(a0 + off);
        const u1 = load<f32>(a1 + off);
        const at = wk + off;
        s00 += u0 * load<f32>(wt + at); s10 += u1 * load<f32>(wt + at);
        if (N > 1) { s01 += u0 * load<f32>(w1 + at); s11 += u1 * load<f32>(w1 + at); }
        if (N > 2) { s02 += u0 * load<f32>(w2 + at); s12 += u1 * load<f32>(w2 + at); }
        if (N > 3) { s03 += u0 * load<f32>(w3 + at); s13 += u1 * load<f32>(w3 + at); }
      }
      a0 += segBytes;
      a1 += segBytes;
      wk += segFloats;
    }
    const c0 = c + (<usize>(m * ldc) << 2);
    store<f32>(c0, hsum(y00) + s00);
    if (N > 1) store<f32>(c0, hsum(y01) + s01, 4);
    if (N > 2) store<f32>(c0, hsum(y02) + s02, 8);
    if (N > 3) store<f32>(c0, hsum(y03) + s03, 12);
    if (two) {
      const c1 = c0 + (<usize>ldc << 2);
      store<f32>(c1, hsum(y10) + s10);
      if (N > 1) store<f32>(c1, hsum(y11) + s11, 4);
      if (N > 2) store<f32>(c1, hsum(y12) + s12, 8);
      if (N > 3) store<f32>(c1, hsum(y13) + s13, 12);
    }
  }
}

// @ts-ignore: decorator
@inline
function rowSums(y0: v128, y1: v128, y2: v128, y3: v128): v128 {
  // [Σy0, Σy1, Σy2, Σy3]: pairwise sums of the lanes, interleaved so one add does two rows
  const u01 = f32x4.add(v128.shuffle<f32>(y0, y1, 0, 4, 1, 5), v128.shuffle<f32>(y0, y1, 2, 6, 3, 7));
  const u23 = f32x4.add(v128.shuffle<f32>(y2, y3, 0, 4, 1, 5), v128.shuffle<f32>(y2, y3, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(u01, u23, 0, 1, 4, 5), v128.shuffle<f32>(u01, u23, 2, 3, 6, 7));
}

/**
 * `convDot` four rows at a time for N ≤ 3 outputs (a first layer's input gradient, an image's
 * last conv): each load of the filter serves four rows, and each output's four row sums leave as
 * one vector. segLen must be a multiple of 4. Rows past the last multiple of four go to `convDot`.
 */
export function convDotQuad(x: usize, table: usize, M: i32, kh: i32, segLen: i32, segStride: i32, wt: usize, N: i32, c: usize, ldc: i32): void {
  if (N === 1) convDotQuadRows(x, table, M, kh, segLen, segStride, wt, 1, c, ldc);
  else if (N === 2) convDotQuadRows(x, table, M, kh, segLen, segStride, wt, 2, c, ldc);
  else convDotQuadRows(x, table, M, kh, segLen, segStride, wt, 3, c, ldc);
  const done = M & ~3;
  if (done < M) convDot(x, table + (<usize>done << 2), M - done, kh, segLen, segStride, wt, N, c + (<usize>(done * ldc) << 2), ldc);
}

// @ts-ignore: decorator
@inline
function storeQuad(c: usize, ldc: i32, sums: v128): void {
  // Lane r is row r's value of one output: four rows ldc floats apart, or one vector when ldc is 1.
  if (ldc === 1) {
    v128.store(c, sums);
    return;
  }
  const step = <usize>ldc << 2;
  store<f32>(c, f32x4.extract_lane(sums, 0));
  store<f32>(c + step, f32x4.extract_lane(sums, 1));
  store<f32>(c + 2 * step, f32x4.extract_lane(sums, 2));
  store<f32>(c + 3 * step, f32x4.extract_lane(sums, 3));
}

// @ts-ignore: decorator
@inline
function convDotQuadRows(x: usize, table: usize, M: i32, kh: i32, segLen: i32, segStride: i32, wt: usize, N: i32, c: usize, ldc: i32): void {
  const segBytes = <usize>segStride << 2;
  const segFloats = <usize>segLen << 2;
  const kRow = <usize>(kh * segLen) << 2;
  for (let m = 0; m + 4 <= M; m += 4) {
    const t = table + (<usize>m << 2);
    let a0 = x + (<usize>load<i32>(t) << 2);
    let a1 = x + (<usize>load<i32>(t, 4) << 2);
    let a2 = x + (<usize>load<i32>(t, 8) << 2);
    let a3 = x + (<usize>load<i32>(t, 12) << 2);
    let y00 = f32x4.splat(0), y10 = f32x4.splat(0), y20 = f32x4.splat(0), y30 = f32x4.splat(0);
    let y01 = f32x4.splat(0), y11 = f32x4.splat(0), y21 = f32x4.splat(0), y31 = f32x4.splat(0);
    let y02 = f32x4.splat(0), y12 = f32x4.splat(0), y22 = f32x4.splat(0), y32 = f32x4.splat(0);
    let w = wt;
    for (let s = 0; s < kh; s++) {
      for (let off: usize = 0; off < segFloats; off += 16) {
        const v0 = v128.load(a0 + off), v1 = v128.load(a1 + off), v2 = v128.load(a2 + off), v3 = v128.load(a3 + off);
        const q0 = v128.load(w + off);
        y00 = f32x4.add(y00, f32x4.mul(v0, q0));
        y10 = f32x4.add(y10, f32x4.mul(v1, q0));
        y20 = f32x4.add(y20, f32x4.mul(v2, q0));
        y30 = f32x4.add(y30, f32x4.mul(v3, q0));
        if (N > 1) {
          const q1 = v128.load(w + kRow + off);
          y01 = f32x4.add(y01, f32x4.mul(v0, q1));
          y11 = f32x4.add(y11, f32x4.mul(v1, q1));
          y21 = f32x4.add(y21, f32x4.mul(v2, q1));
          y31 = f32x4.add(y31, f32x4.mul(v3, q1));
        }
        if (N > 2) {
          const q2 = v128.load(w + 2 * kRow + off);
          y02 = f32x4.add(y02, f32x4.mul(v0, q2));
          y12 = f32x4.add(y12, f32x4.mul(v1, q2));
          y22 = f32x4.add(y22, f32x4.mul(v2, q2));
          y32 = f32x4.add(y32, f32x4.mul(v3, q2));
        }
      }
      a0 += segBytes; a1 += segBytes; a2 += segBytes; a3 += segBytes;
      w += segFloats;
    }
    const c0 = c + (<usize>(m * ldc) << 2);
    storeQuad(c0, ldc, rowSums(y00, y10, y20, y30));
    if (N > 1) storeQuad(c0 + 4, ldc, rowSums(y01, y11, y21, y31));
    if (N > 2) storeQuad(c0 + 8, ldc, rowSums(y02, y12, y22, y32));
  }
}

/**
 * The filter gradient as dWᵀ[R×K] (+)= dyT[R×M]·P[M×K] with P's row m the patch row at x + table[m]
 * (kh segments of segLen floats, segStride apart, segLen a multiple of 8), over rows m0 … m0+rows−1
 * of the reduction. dyT has R rows of M floats, R a multiple of 4; four rows × eight taps per step.
 */
export function convFilterGemm(dyT: usize, M: i32, R: i32, m0: i32, rows: i32, x: usize, table: usize, kh: i32, segLen: i32, segStride: i32, dwT: usize, accumulate: i32): void {
  const K = kh * segLen;
  const kRow = <usize>K << 2;
  const mRow = <usize>M << 2;
  const t0 = table + (<usize>m0 << 2);
  // Panels outside, rows of dyᵀ inside: a panel's taps (one run of 8 floats per pixel) stay in L1
  // while every four rows of dyᵀ pass over them.
  for (let k0 = 0; k0 < K; k0 += 8) {
    const s = k0 / segLen;
    const bx = x + (<usize>(s * segStride + (k0 - s * segLen)) << 2);
    for (let r = 0; r < R; r += 4) {
      const d0 = dyT + <usize>r * mRow + (<usize>m0 << 2);
      const d1 = d0 + mRow, d2 = d1 + mRow, d3 = d2 + mRow;
      const c0 = dwT + <usize>r * kRow + (<usize>k0 << 2);
      const c1 = c0 + kRow, c2 = c1 + kRow, c3 = c2 + kRow;
      let x00 = f32x4.splat(0), x01 = f32x4.splat(0);
      let x10 = f32x4.splat(0), x11 = f32x4.splat(0);
      let x20 = f32x4.splat(0), x21 = f32x4.splat(0);
      let x30 = f32x4.splat(0), x31 = f32x4.splat(0);
      if (accumulate != 0) {
        x00 = v128.load(c0); x01 = v128.load(c0, 16);
        x10 = v128.load(c1); x11 = v128.load(c1, 16);
        x20 = v128.load(c2); x21 = v128.load(c2, 16);
        x30 = v128.load(c3); x31 = v128.load(c3, 16);
      }
      for (let i = 0; i < rows; i++) {
        const off = <usize>i << 2;
        const b = bx + (<usize>load<i32>(t0 + off) << 2);
        const b0 = v128.load(b);
        const b1 = v128.load(b, 16);
        let v = v128.load32_splat(d0 + off);
        x00 = f32x4.add(x00, f32x4.mul(v, b0));
        x01 = f32x4.add(x01, f32x4.mul(v, b1));
        v = v128.load32_splat(d1 + off);
        x10 = f32x4.add(x10, f32x4.mul(v, b0));
        x11 = f32x4.add(x11, f32x4.mul(v, b1));
        v = v128.load32_splat(d2 + off);
        x20 = f32x4.add(x20, f32x4.mul(v, b0));
        x21 = f32x4.add(x21, f32x4.mul(v, b1));
        v = v128.load32_splat(d3 + off);
        x30 = f32x4.add(x30, f32x4.mul(v, b0));
        x31 = f32x4.add(x31, f32x4.mul(v, b1));
      }
      v128.store(c0, x00); v128.store(c0, x01, 16);
      v128.store(c1, x10); v128.store(c1, x11, 16);
      v128.store(c2, x20); v128.store(c2, x21, 16);
      v128.store(c3, x30); v128.store(c3, x31, 16);
    }
  }
}

/**
 * `convFilterGemm` for one to three output channels (an image's last conv): R rows of dyᵀ
 * (R ≤ 3, no padding rows) × sixteen taps per step, so each run of patch floats read serves
 * three rows instead of four rows of which one is padding. segLen must be a multiple of 16.
 */
export function convFilterGemmNarrow(dyT: usize, M: i32, R: i32, m0: i32, rows: i32, x: usize, table: usize, kh: i32, segLen: i32, segStride: i32, dwT: usize, accumulate: i32): void {
  if (R === 1) convFilterNarrowRows(dyT, M, 1, m0, rows, x, table, kh, segLen, segStride, dwT, accumulate);
  else if (R === 2) convFilterNarrowRows(dyT, M, 2, m0, rows, x, table, kh, segLen, segStride, dwT, accumulate);
  else convFilterNarrowRows(dyT, M, 3, m0, rows, x, table, kh, segLen, segStride, dwT, accumulate);
}

// @ts-ignore: decorator
@inline
function loadOrZero(c: usize, offset: usize, accumulate: i32): v128 {
  return accumulate != 0 ? v128.load(c + offset) : f32x4.splat(0);
}

// @ts-ignore: decorator
@inline
function convFilterNarrowRows(dyT: usize, M: i32, R: i32, m0: i32, rows: i32, x: usize, table: usize, kh: i32, segLen: i32, segStride: i32, dwT: usize, accumulate: i32): void {
  const K = kh * segLen;
  const kRow = <usize>K << 2;
  const mRow = <usize>M << 2;
  const t0 = table + (<usize>m0 << 2);
  const d0 = dyT + (<usize>m0 << 2), d1 = d0 + mRow, d2 = d1 + mRow;
  for (let k0 = 0; k0 < K; k0 += 16) {
    const s = k0 / segLen;
    const bx = x + (<usize>(s * segStride + (k0 - s * segLen)) << 2);
    const c0 = dwT + (<usize>k0 << 2), c1 = c0 + kRow, c2 = c1 + kRow;
    let x00 = loadOrZero(c0, 0, accumulate), x01 = loadOrZero(c0, 16, accumulate), x02 = loadOrZero(c0, 32, accumulate), x03 = loadOrZero(c0, 48, accumulate);
    let x10 = f32x4.splat(0), x11 = f32x4.splat(0), x12 = f32x4.splat(0), x13 = f32x4.splat(0);
    let x20 = f32x4.splat(0), x21 = f32x4.splat(0), x22 = f32x4.splat(0), x23 = f32x4.splat(0);
    if (R > 1) { x10 = loadOrZero(c1, 0, accumulate); x11 = loadOrZero(c1, 16, accumulate); x12 = loadOrZero(c1, 32, accumulate); x13 = loadOrZero(c1, 48, accumulate); }
    if (R > 2) { x20 = loadOrZero(c2, 0, accumulate); x21 = loadOrZero(c2, 16, accumulate); x22 = loadOrZero(c2, 32, accumulate); x23 = loadOrZero(c2, 48, accumulate); }
    for (let i = 0; i < rows; i++) {
      const off = <usize>i << 2;
      const b = bx + (<usize>load<i32>(t0 + off) << 2);
      const b0 = v128.load(b), b1 = v128.load(b, 16), b2 = v128.load(b, 32), b3 = v128.load(b, 48);
      let v = v128.load32_splat(d0 + off);
      x00 = f32x4.add(x00, f32x4.mul(v, b0));
      x01 = f32x4.add(x01, f32x4.mul(v, b1));
      x02 = f32x4.add(x02, f32x4.mul(v, b2));
      x03 = f32x4.add(x03, f32x4.mul(v, b3));
      if (R > 1) {
        v = v128.load32_splat(d1 + off);
        x10 = f32x4.add(x10, f32x4.mul(v, b0));
        x11 = f32x4.add(x11, f32x4.mul(v, b1));
        x12 = f32x4.add(x12, f32x4.mul(v, b2));
        x13 = f32x4.add(x13, f32x4.mul(v, b3));
      }
      if (R > 2) {
        v = v128.load32_splat(d2 + off);
        x20 = f32x4.add(x20, f32x4.mul(v, b0));
        x21 = f32x4.add(x21, f32x4.mul(v, b1));
        x22 = f32x4.add(x22, f32x4.mul(v, b2));
        x23 = f32x4.add(x23, f32x4.mul(v, b3));
      }
    }
    v128.store(c0, x00); v128.store(c0, x01, 16); v128.store(c0, x02, 32); v128.store(c0, x03, 48);
    if (R > 1) { v128.store(c1, x10); v128.store(c1, x11, 16); v128.store(c1, x12, 32); v128.store(c1, x13, 48); }
    if (R > 2) { v128.store(c2, x20); v128.store(c2, x21, 16); v128.store(c2, x22, 32); v128.store(c2, x23, 48); }
  }
}

/**
 * One phase of a strided conv's input gradient as a stride-1 conv's filter: taps i = rh + sh·t,
 * j = rw + sw·u of w [kh, kw, C, N] (t < Th, u < Tw), turned and with the channel axes swapped:
 * dst [Th, Tw, N, C] at (t', u') = w at (rh + sh·(Th−1−t'), rw + sw·(Tw−1−u')). With strides 1 and
 * the phase (0, 0) it is the whole filter turned (the stride-1 input gradient's filter).
 */
export function phaseFilter(w: usize, kh: i32, kw: i32, C: i32, N: i32, rh: i32, rw: i32, sh: i32, sw: i32, Th: i32, Tw: i32, dst: usize): void {
  for (let t = 0; t < Th; t++) {
    for (let u = 0; u < Tw; u++) {
      const i = rh + sh * (Th - 1 - t);
      const j = rw + sw * (Tw - 1 - u);
      const from = w + (<usize>((i * kw + j) * C * N) << 2);
      const to = dst + (<usize>((t * Tw + u) * N * C) << 2);
      for (let c = 0; c < C; c++) {
        for (let n = 0; n < N; n++) store<f32>(to + (<usize>(n * C + c) << 2), load<f32>(from + (<usize>(c * N + n) << 2)));
      }
    }
  }
}

/**
 * Rows of src [B, nh, nw, C] copied onto a strided grid of dst [B, H, W, C]: row (b, j, k) to
 * pixel (b, j·sh, k·sw) of the image at dst (a phase's first pixel already added to dst).
 */
export function placeGrid(src: usize, B: i32, nh: i32, nw: i32, C: i32, dst: usize, H: i32, W: i32, sh: i32, sw: i32): void {
  const rowBytes = <usize>C << 2;
  const step = <usize>(sw * C) << 2;
  let from = src;
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < nh; j++) {
      let to = dst + (<usize>((b * H + j * sh) * W * C) << 2);
      for (let k = 0; k < nw; k++) {
        copyFloats(to, from, C);
        to += step;
        from += rowBytes;
      }
    }
  }
}

/**
 * The filter gradient for short patch rows (first layers): dW[K×N] (+)= Pᵀ·dy over rows
 * m0 … m0+rows−1 of the reduction, P(m, k) read in place at x + table[m] + koff[k], the rows of
 * dy packed by `packB` (rows × N, panels of 8). Four taps × eight channels per step; no alignment
 * of the patch runs is needed.
 */
export function convFilterGemmT(x: usize, table: usize, m0: i32, rows: i32, koff: usize, K: i32, bp: usize, N: i32, dw: usize, accumulate: i32): void {
  const panels = (N + NR - 1) / NR;
  const t0 = table + (<usize>m0 << 2);
  const cRow = <usize>N << 2;
  for (let p = 0; p < panels; p++) {
    const n0 = p * NR;
    const width = min(NR, N - n0);
    const panel = bp + (<usize>(p * rows) << 5);
    for (let k = 0; k < K; k += 4) {
      const last = K - 1;
      const o0 = <usize>load<i32>(koff + (<usize>k << 2)) << 2;
      const o1 = <usize>load<i32>(koff + (<usize>min(k + 1, last) << 2)) << 2;
      const o2 = <usize>load<i32>(koff + (<usize>min(k + 2, last) << 2)) << 2;
      const o3 = <usize>load<i32>(koff + (<usize>min(k + 3, last) << 2)) << 2;
      const c0 = dw + (<usize>(k * N + n0) << 2);
      const c1 = c0 + cRow, c2 = c1 + cRow, c3 = c2 + cRow;
      const live = min(4, K - k);
      let x00 = f32x4.splat(0), x01 = f32x4.splat(0);
      let x10 = f32x4.splat(0), x11 = f32x4.splat(0);
      let x20 = f32x4.splat(0), x21 = f32x4.splat(0);
      let x30 = f32x4.splat(0), x31 = f32x4.splat(0);
      if (accumulate != 0) {
        x00 = loadRow(c0, width, 0); x01 = loadRow(c0, width, 1);
        if (live > 1) { x10 = loadRow(c1, width, 0); x11 = loadRow(c1, width, 1); }
        if (live > 2) { x20 = loadRow(c2, width, 0); x21 = loadRow(c2, width, 1); }
        if (live > 3) { x30 = loadRow(c3, width, 0); x31 = loadRow(c3, width, 1); }
      }
      let b = panel;
      for (let i = 0; i < rows; i++) {
        const a = x + (<usize>load<i32>(t0 + (<usize>i << 2)) << 2);
        const b0 = v128.load(b);
        const b1 = v128.load(b, 16);
        let v = v128.load32_splat(a + o0);
        x00 = f32x4.add(x00, f32x4.mul(v, b0));
        x01 = f32x4.add(x01, f32x4.mul(v, b1));
        v = v128.load32_splat(a + o1);
        x10 = f32x4.add(x10, f32x4.mul(v, b0));
        x11 = f32x4.add(x11, f32x4.mul(v, b1));
        v = v128.load32_splat(a + o2);
        x20 = f32x4.add(x20, f32x4.mul(v, b0));
        x21 = f32x4.add(x21, f32x4.mul(v, b1));
        v = v128.load32_splat(a + o3);
        x30 = f32x4.add(x30, f32x4.mul(v, b0));
        x31 = f32x4.add(x31, f32x4.mul(v, b1));
        b += 32;
      }
      storeRow(c0, x00, x01, width);
      if (live > 1) storeRow(c1, x10, x11, width);
      if (live > 2) storeRow(c2, x20, x21, width);
      if (live > 3) storeRow(c3, x30, x31, width);
    }
  }
}

/** koff[k] = offset of tap k of a patch row from its origin: k = s·segLen + j at s·segStride + j. */
export function convTapOffsets(kh: i32, segLen: i32, segStride: i32, koff: usize): void {
  let at = koff;
  for (let s = 0; s < kh; s++) {
    for (let j = 0; j < segLen; j++) {
      store<i32>(at, s * segStride + j);
      at += 4;
    }
  }
}

/**
 * Patch rows m0 … m0+rows−1 (origins in `table`, runs of segLen floats a multiple of 8, segStride
 * apart) packed as `packB` would pack the rows×K patch matrix: panel by panel, so the writes are
 * sequential and each read is one run of 8 floats.
 */
export function convPackPanels(x: usize, table: usize, m0: i32, rows: i32, kh: i32, segLen: i32, segStride: i32, dst: usize): void {
  const K = kh * segLen;
  const t0 = table + (<usize>m0 << 2);
  let out = dst;
  for (let k0 = 0; k0 < K; k0 += 8) {
    const s = k0 / segLen;
    const from = x + (<usize>(s * segStride + (k0 - s * segLen)) << 2);
    for (let r = 0; r < rows; r++) {
      const src = from + (<usize>load<i32>(t0 + (<usize>r << 2)) << 2);
      v128.store(out, v128.load(src));
      v128.store(out, v128.load(src, 16), 16);
      out += 32;
    }
  }
}

// ------------------------------------------------------------------------------------------
// Winograd F(2×2, 3×3): stride-1 3×3 convolutions in 16 multiplications per 2×2 outputs instead
// of 36 (Lavin & Gray, 2015). Over tiles of 4×4 inputs, 2 apart:
//   Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A,
// so per tile and per element ξ of the 4×4 transformed domain the channels meet in one GEMM:
//   M_ξ[tiles, N] = V_ξ[tiles, C] · U_ξ[C, N].
// The filter gradient is the adjoint: dg = Gᵀ[Σ_tiles V ⊙ (A dY Aᵀ)]G, per ξ the GEMM V_ξᵀ·W_ξ.
// Every transform runs on four channels at once (channels are innermost in NHWC).
//   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],  G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1],
//   Aᵀ = [1 1 1 0; 0 1 −1 −1].

/**
 * U = G g Gᵀ for every channel pair: w [3, 3, C, N] → dst [16, C, N] (N a multiple of 4).
 */
export function wgFilter(w: usize, C: i32, N: i32, dst: usize): void {
  const half = f32x4.splat(0.5);
  const tap = <usize>(C * N) << 2;
  const plane = tap;
  for (let c = 0; c < C; c++) {
    for (let n = 0; n < N; n += 4) {
      const at = <usize>(c * N + n) << 2;
      const g = w + at;
      // Rows of G·g (4×3): t_r = Σ_k G[r, k]·g[k, ·].
      const g00 = v128.load(g), g01 = v128.load(g + tap), g02 = v128.load(g + 2 * tap);
      const g10 = v128.load(g + 3 * tap), g11 = v128.load(g + 4 * tap), g12 = v128.load(g + 5 * tap);
      const g20 = v128.load(g + 6 * tap), g21 = v128.load(g + 7 * tap), g22 = v128.load(g + 8 * tap);
      const t00 = g00, t01 = g01, t02 = g02;
      const t10 = f32x4.mul(half, f32x4.add(f32x4.add(g00, g10), g20));
      const t11 = f32x4.mul(half, f32x4.add(f32x4.add(g01, g11), g21));
      const t12 = f32x4.mul(half, f32x4.add(f32x4.add(g02, g12), g22));
      const t20 = f32x4.mul(half, f32x4.add(f32x4.sub(g00, g10), g20));
      const t21 = f32x4.mul(half, f32x4.add(f32x4.sub(g01, g11), g21));
      const t22 = f32x4.mul(half, f32x4.add(f32x4.sub(g02, g12), g22));
      const t30 = g20, t31 = g21, t32 = g22;
      let o = dst + at;
      wgFilterRow(o, plane, half, t00, t01, t02);
      o += 4 * plane;
      wgFilterRow(o, plane, half, t10, t11, t12);
      o += 4 * plane;
      wgFilterRow(o, plane, half, t20, t21, t22);
      o += 4 * plane;
      wgFilterRow(o, plane, half, t30, t31, t32);
    }
  }
}

// @ts-ignore: decorator
@inline
function wgFilterRow(o: usize, plane: usize, half: v128, a: v128, b: v128, c: v128): void {
  // One row of t·Gᵀ: [a, ½(a+b+c), ½(a−b+c), c].
  v128.store(o, a);
  v128.store(o + plane, f32x4.mul(half, f32x4.add(f32x4.add(a, b), c)));
  v128.store(o + 2 * plane, f32x4.mul(half, f32x4.add(f32x4.sub(a, b), c)));
  v128.store(o + 3 * plane, c);
}

// @ts-ignore: decorator
@inline
function tileOffset(t: i32, th: i32, tw: i32, H: i32, W: i32, C: i32): usize {
  // Tile t = (b·th + i)·tw + j starts at pixel (b, 2i, 2j) of an image [B, H, W, C]; in bytes.
  return <usize>((((t / (tw * th)) * H + 2 * ((t / tw) % th)) * W + 2 * (t % tw)) * C) << 2;
}

/**
 * V = Bᵀ d B for tiles t0 … t0+count−1 of the padded image x [B, Hp, Wp, C] (tile t = (b·th + i)·tw
 * + j reads rows 2i … 2i+3 and columns 2j … 2j+3): dst [16, count, C], C a multiple of 4.
 */
export function wgInput(x: usize, Hp: i32, Wp: i32, C: i32, th: i32, tw: i32, t0: i32, count: i32, dst: usize): void {
  const px = <usize>C << 2;
  const row = <usize>(Wp * C) << 2;
  const plane = <usize>(count * C) << 2;
  for (let k = 0; k < count; k++) {
    const origin = x + tileOffset(t0 + k, th, tw, Hp, Wp, C);
    const out = dst + (<usize>(k * C) << 2);
    for (let c = 0; c < C; c += 4) {
      const r0 = origin + (<usize>c << 2);
      const r1 = r0 + row, r2 = r1 + row, r3 = r2 + row;
      // Bᵀ·d down the columns: [d0 − d2, d1 + d2, d2 − d1, d1 − d3].
      const a0 = v128.load(r0), a1 = v128.load(r0 + px), a2 = v128.load(r0 + 2 * px), a3 = v128.load(r0 + 3 * px);
      const b0 = v128.load(r1), b1 = v128.load(r1 + px), b2 = v128.load(r1 + 2 * px), b3 = v128.load(r1 + 3 * px);
      const c0 = v128.load(r2), c1 = v128.load(r2 + px), c2 = v128.load(r2 + 2 * px), c3 = v128.load(r2 + 3 * px);
      const d0 = v128.load(r3), d1 = v128.load(r3 + px), d2 = v128.load(r3 + 2 * px), d3 = v128.load(r3 + 3 * px);
      const o = out + (<usize>c << 2);
      wgInputRow(o, plane, f32x4.sub(a0, c0), f32x4.sub(a1, c1), f32x4.sub(a2, c2), f32x4.sub(a3, c3));
      wgInputRow(o + 4 * plane, plane, f32x4.add(b0, c0), f32x4.add(b1, c1), f32x4.add(b2, c2), f32x4.add(b3, c3));
      wgInputRow(o + 8 * plane, plane, f32x4.sub(c0, b0), f32x4.sub(c1, b1), f32x4.sub(c2, b2), f32x4.sub(c3, b3));
      wgInputRow(o + 12 * plane, plane, f32x4.sub(b0, d0), f32x4.sub(b1, d1), f32x4.sub(b2, d2), f32x4.sub(b3, d3));
    }
  }
}

// @ts-ignore: decorator
@inline
function wgInputRow(o: usize, plane: usize, t0: v128, t1: v128, t2: v128, t3: v128): void {
  // One row of t·B: [t0 − t2, t1 + t2, t2 − t1, t1 − t3].
  v128.store(o, f32x4.sub(t0, t2));
  v128.store(o + plane, f32x4.add(t1, t2));
  v128.store(o + 2 * plane, f32x4.sub(t2, t1));
  v128.store(o + 3 * plane, f32x4.sub(t1, t3));
}

/**
 * Y = Aᵀ M A for tiles t0 … t0+count−1 from m [16, count, N] into out [B, OH, OW, N] (the 2×2
 * outputs of tile (b, i, j) at rows 2i, 2i+1 and columns 2j, 2j+1, those inside OH×OW), N a
 * multiple of 4.
 */
export function wgOutput(m: usize, count: i32, N: i32, t0: i32, th: i32, tw: i32, OH: i32, OW: i32, out: usize): void {
  const plane = <usize>(count * N) << 2;
  const px = <usize>N << 2;
  const row = <usize>(OW * N) << 2;
  for (let k = 0; k < count; k++) {
    const t = t0 + k;
    const two = 2 * ((t / tw) % th) + 1 < OH, wide = 2 * (t % tw) + 1 < OW;
    const base = out + tileOffset(t, th, tw, OH, OW, N);
    const from = m + (<usize>(k * N) << 2);
    for (let n = 0; n < N; n += 4) {
      const s = from + (<usize>n << 2);
      // Aᵀ·M down the columns: [m0 + m1 + m2, m1 − m2 − m3].
      const m00 = v128.load(s), m01 = v128.load(s + plane), m02 = v128.load(s + 2 * plane), m03 = v128.load(s + 3 * plane);
      const m10 = v128.load(s + 4 * plane), m11 = v128.load(s + 5 * plane), m12 = v128.load(s + 6 * plane), m13 = v128.load(s + 7 * plane);
      const m20 = v128.load(s + 8 * plane), m21 = v128.load(s + 9 * plane), m22 = v128.load(s + 10 * plane), m23 = v128.load(s + 11 * plane);
      const m30 = v128.load(s + 12 * plane), m31 = v128.load(s + 13 * plane), m32 = v128.load(s + 14 * plane), m33 = v128.load(s + 15 * plane);
      const u0 = f32x4.add(f32x4.add(m00, m10), m20), u1 = f32x4.add(f32x4.add(m01, m11), m21);
      const u2 = f32x4.add(f32x4.add(m02, m12), m22), u3 = f32x4.add(f32x4.add(m03, m13), m23);
      const v0 = f32x4.sub(f32x4.sub(m10, m20), m30), v1 = f32x4.sub(f32x4.sub(m11, m21), m31);
      const v2 = f32x4.sub(f32x4.sub(m12, m22), m32), v3 = f32x4.sub(f32x4.sub(m13, m23), m33);
      // …·A along the rows: [u0 + u1 + u2, u1 − u2 − u3].
      const o = base + (<usize>n << 2);
      v128.store(o, f32x4.add(f32x4.add(u0, u1), u2));
      if (wide) v128.store(o + px, f32x4.sub(f32x4.sub(u1, u2), u3));
      if (two) {
        v128.store(o + row, f32x4.add(f32x4.add(v0, v1), v2));
        if (wide) v128.store(o + row + px, f32x4.sub(f32x4.sub(v1, v2), v3));
      }
    }
  }
}

/**
 * W = A dY Aᵀ for tiles t0 … t0+count−1 of dy [B, OH, OW, N] (each tile's 2×2 outputs, zero
 * past OH×OW): dst [16, count, N], N a multiple of 4.
 */
export function wgOutputGrad(dy: usize, OH: i32, OW: i32, N: i32, th: i32, tw: i32, t0: i32, count: i32, dst: usize): void {
  const plane = <usize>(count * N) << 2;
  const px = <usize>N << 2;
  const row = <usize>(OW * N) << 2;
  const z = f32x4.splat(0);
  for (let k = 0; k < count; k++) {
    const t = t0 + k;
    const two = 2 * ((t / tw) % th) + 1 < OH, wide = 2 * (t % tw) + 1 < OW;
    const base = dy + tileOffset(t, th, tw, OH, OW, N);
    const out = dst + (<usize>(k * N) << 2);
    for (let n = 0; n < N; n += 4) {
      const s = base + (<usize>n << 2);
      const y00 = v128.load(s);
      const y01 = wide ? v128.load(s + px) : z;
      const y10 = two ? v128.load(s + row) : z;
      const y11 = two && wide ? v128.load(s + row + px) : z;
      // A·dY down the columns: [y0, y0 + y1, y0 − y1, −y1].
      const o = out + (<usize>n << 2);
      wgGradRow(o, plane, y00, y01);
      wgGradRow(o + 4 * plane, plane, f32x4.add(y00, y10), f32x4.add(y01, y11));
      wgGradRow(o + 8 * plane, plane, f32x4.sub(y00, y10), f32x4.sub(y01, y11));
      wgGradRow(o + 12 * plane, plane, f32x4.neg(y10), f32x4.neg(y11));
    }
  }
}

// @ts-ignore: decorator
@inline
function wgGradRow(o: usize, plane: usize, a: v128, b: v128): void {
  // One row of t·Aᵀ: [a, a + b, a − b, −b].
  v128.store(o, a);
  v128.store(o + plane, f32x4.add(a, b));
  v128.store(o + 2 * plane, f32x4.sub(a, b));
  v128.store(o + 3 * plane, f32x4.neg(b));
}

/** dg = Gᵀ S G for every channel pair: s [16, C, N] → dw [3, 3, C, N], N a multiple of 4. */
export function wgFilterGrad(s: usize, C: i32, N: i32, dw: usize): void {
  const half = f32x4.splat(0.5);
  const plane = <usize>(C * N) << 2;
  const tap = plane;
  for (let c = 0; c < C; c++) {
    for (let n = 0; n < N; n += 4) {
      const at = <usize>(c * N + n) << 2;
      // Row r of S·G: [S0 + ½(S1 + S2), ½(S1 − S2), ½(S1 + S2) + S3] over row r of S.
      let p = s + at;
      const r00 = wgGradLeft(p, plane, half), r01 = wgGradMid(p, plane, half), r02 = wgGradRight(p, plane, half);
      p += 4 * plane;
      const r10 = wgGradLeft(p, plane, half), r11 = wgGradMid(p, plane, half), r12 = wgGradRight(p, plane, half);
      p += 4 * plane;
      const r20 = wgGradLeft(p, plane, half), r21 = wgGradMid(p, plane, half), r22 = wgGradRight(p, plane, half);
      p += 4 * plane;
      const r30 = wgGradLeft(p, plane, half), r31 = wgGradMid(p, plane, half), r32 = wgGradRight(p, plane, half);
      // Gᵀ·… down the columns, the same combination of rows.
      const o = dw + at;
      v128.store(o, f32x4.add(r00, f32x4.mul(half, f32x4.add(r10, r20))));
      v128.store(o + tap, f32x4.add(r01, f32x4.mul(half, f32x4.add(r11, r21))));
      v128.store(o + 2 * tap, f32x4.add(r02, f32x4.mul(half, f32x4.add(r12, r22))));
      v128.store(o + 3 * tap, f32x4.mul(half, f32x4.sub(r10, r20)));
      v128.store(o + 4 * tap, f32x4.mul(half, f32x4.sub(r11, r21)));
      v128.store(o + 5 * tap, f32x4.mul(half, f32x4.sub(r12, r22)));
      v128.store(o + 6 * tap, f32x4.add(f32x4.mul(half, f32x4.add(r10, r20)), r30));
      v128.store(o + 7 * tap, f32x4.add(f32x4.mul(half, f32x4.add(r11, r21)), r31));
      v128.store(o + 8 * tap, f32x4.add(f32x4.mul(half, f32x4.add(r12, r22)), r32));
    }
  }
}

// @ts-ignore: decorator
@inline
function wgGradLeft(p: usize, plane: usize, half: v128): v128 {
  return f32x4.add(v128.load(p), f32x4.mul(half, f32x4.add(v128.load(p + plane), v128.load(p + 2 * plane))));
}

// @ts-ignore: decorator
@inline
function wgGradMid(p: usize, plane: usize, half: v128): v128 {
  return f32x4.mul(half, f32x4.sub(v128.load(p + plane), v128.load(p + 2 * plane)));
}

// @ts-ignore: decorator
@inline
function wgGradRight(p: usize, plane: usize, half: v128): v128 {
  return f32x4.add(f32x4.mul(half, f32x4.add(v128.load(p + plane), v128.load(p + 2 * plane))), v128.load(p + 3 * plane));
}
