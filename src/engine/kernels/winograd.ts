/**
 * Stride-1 3×3 convolutions by Winograd's F(2×2, 3×3) (kernels in assembly/kernels.ts): the
 * image in tiles of 4×4 pixels two apart, each tile and the filter taken to a 4×4 transformed
 * domain where the 9 taps of 4 outputs cost 16 multiplications instead of 36, and the channels
 * meet in 16 GEMMs (one per transformed element). Blocks of tiles keep the transformed tiles in
 * cache. The filter gradient is the same transforms' adjoint, so no patch is ever gathered.
 */
import type { Native } from './native';
import { packedSize, withScratch } from './scratch';

/** Elements of the transformed domain (a 4×4 tile). */
const XI = 16;
/**
 * Floats of transformed tiles per block (16 planes of tiles × channels): 16 KB keeps the
 * forward's tiles and products in L1 (measured 1.2× faster than 128 KB on SR's 32-channel
 * layers); the filter gradient reduces over a block's tiles, so it takes twice as many.
 */
const BLOCK_FLOATS = 4096;
const FILTER_BLOCK_FLOATS = 8192;

/**
 * Where F(2×2, 3×3) pays: a 3×3 filter at stride 1 without dilation, and channel counts on both
 * sides that fill the transforms' four lanes and the GEMM's depth (fewer channels leave the
 * transforms, not the products, to dominate).
 */
export function winogradApplies(g: { kh: number; kw: number; sh: number; sw: number; dh: number; dw: number; C: number; N: number }): boolean {
  return g.kh === 3 && g.kw === 3 && g.sh === 1 && g.sw === 1 && g.dh === 1 && g.dw === 1 && g.C % 4 === 0 && g.N % 4 === 0 && g.C >= 16 && g.N >= 16;
}

interface Tiling {
  th: number;
  tw: number;
  tiles: number;
  /** Tiles per block. */
  count: number;
  /** The image padded so that every tile's 4×4 pixels are inside. */
  Hp: number;
  Wp: number;
  /** Floats of the padded image. */
  paddedSize: number;
  /** Writes the padded image to `dst`. */
  pad(n: Native, image: number, dst: number): void;
}

/** Tiles of OH×OW outputs over image [B, H, W, C] (borders top, left), in blocks of about `blockFloats` transformed floats. */
function tiling(B: number, H: number, W: number, C: number, top: number, left: number, OH: number, OW: number, blockFloats: number, N: number): Tiling {
  const th = Math.ceil(OH / 2);
  const tw = Math.ceil(OW / 2);
  const tiles = B * th * tw;
  const Hp = Math.max(2 * th + 2, H + top);
  const Wp = Math.max(2 * tw + 2, W + left);
  return {
    th, tw, tiles, Hp, Wp,
    count: Math.min(tiles, Math.max(4, Math.floor(blockFloats / (XI * Math.max(C, N))) & ~3)),
    paddedSize: B * Hp * Wp * C,
    pad: (n, image, dst) => n.k.padImage(image, B, H, W, C, top, Hp - H - top, left, Wp - W - left, dst),
  };
}

/**
 * out [B, OH, OW, N] = conv of image [B, H, W, C] (borders top, left; the rest to reach OH×OW)
 * with filter [3, 3, C, N], stride 1.
 */
export function winogradConv(
  n: Native, image: number, B: number, H: number, W: number, C: number, top: number, left: number,
  OH: number, OW: number, filter: number, N: number, out: number,
): void {
  const t = tiling(B, H, W, C, top, left, OH, OW, BLOCK_FLOATS, N);
  const { count } = t;
  const panel = packedSize(C, N);
  withScratch(n, [t.paddedSize, XI * C * N, XI * panel, XI * count * C, XI * count * N], (padded, u, packed, v, m) => {
    t.pad(n, image, padded);
    n.k.wgFilter(filter, C, N, u);
    for (let xi = 0; xi < XI; xi++) n.k.packB(u + xi * C * N * 4, C, N, N, 1, packed + xi * panel * 4);
    for (let t0 = 0; t0 < t.tiles; t0 += count) {
      const rows = Math.min(count, t.tiles - t0);
      n.k.wgInput(padded, t.Hp, t.Wp, C, t.th, t.tw, t0, rows, v);
      for (let xi = 0; xi < XI; xi++) {
        n.k.gemm(v + xi * rows * C * 4, C, rows, C, packed + xi * panel * 4, N, m + xi * rows * N * 4, N, 0);
      }
      n.k.wgOutput(m, rows, N, t0, t.th, t.tw, OH, OW, out);
    }
  });
}

/**
 * dw [3, 3, C, N] = the filter gradient of `winogradConv` (same image, borders and output size)
 * for dy [B, OH, OW, N]: per transformed element, Σ over tiles of the image's transform times
 * dy's, taken back to the 3×3 taps.
 */
export function winogradFilterGrad(
  n: Native, image: number, B: number, H: number, W: number, C: number, top: number, left: number,
  dy: number, OH: number, OW: number, N: number, dw: number,
): void {
  const t = tiling(B, H, W, C, top, left, OH, OW, FILTER_BLOCK_FLOATS, N);
  const { count } = t;
  const panel = packedSize(count, N);
  withScratch(n, [t.paddedSize, XI * count * C, XI * count * N, C * count, panel, XI * C * N], (padded, v, w, vt, packed, s) => {
    t.pad(n, image, padded);
    for (let t0 = 0; t0 < t.tiles; t0 += count) {
      const rows = Math.min(count, t.tiles - t0);
      n.k.wgInput(padded, t.Hp, t.Wp, C, t.th, t.tw, t0, rows, v);
      n.k.wgOutputGrad(dy, OH, OW, N, t.th, t.tw, t0, rows, w);
      for (let xi = 0; xi < XI; xi++) {
        // S_ξ [C, N] += V_ξᵀ · W_ξ over this block's tiles.
        n.k.transpose(v + xi * rows * C * 4, rows, C, C, vt);
        n.k.packB(w + xi * rows * N * 4, rows, N, N, 1, packed);
        n.k.gemm(vt, rows, C, rows, packed, N, s + xi * C * N * 4, N, t0 > 0 ? 1 : 0);
      }
    }
    n.k.wgFilterGrad(s, C, N, dw);
  });
}
