/**
 * The user's own images: a list of {name, bytes} (files dropped on the page, or a folder read in
 * Node by `readFolder`) or the bytes of a zip, decoded (PNG by png.ts, JPEG by jpeg-js; both pure JS),
 * scaled to cover the requested size and centre-cropped. Files that are not images are skipped and
 * reported; a set with no usable image is refused with an Error naming the source.
 */
import { unzipSync } from 'fflate';
import jpeg from 'jpeg-js';
import type { DatasetInfo } from '../graph/datasets';
import { decodePng, isPng, type RgbaImage } from './png';
import { axisTaps } from './transforms';
import { checkIndices, type DataSource, type Split } from './types';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** Files, or the bytes of a zip file. */
export type ImageInput = NamedBytes[] | Uint8Array;

export interface ImageSize {
  height: number;
  width: number;
  /** 1: grey (luma), 3: RGB. Transparent pixels are composited on white. */
  channels: 1 | 3;
}

export interface SkippedFile {
  name: string;
  reason: string;
}

export interface LoadedImages extends ImageSize {
  /** [count, height, width, channels], values in [0, 1]. */
  images: Float32Array;
  count: number;
  /** File names of the images, in order. */
  names: string[];
  skipped: SkippedFile[];
  /** One line for the user, e.g. "3 images from photos/ (32×32×3); skipped 1 file: notes.txt (not a PNG or JPEG)". */
  summary: string;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Decodes a PNG or JPEG (recognised by content, not by name) to RGBA. */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  if (isPng(bytes)) return decodePng(bytes);
  if (isJpeg(bytes)) {
    let decoded: { width: number; height: number; data: Uint8Array };
    try {
      decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    } catch (err) {
      throw new Error(`corrupt JPEG (${err instanceof Error ? err.message : String(err)})`);
    }
    return { width: decoded.width, height: decoded.height, rgba: decoded.data };
  }
  throw new Error('not a PNG or JPEG');
}

/** The files of a zip (folders, hidden files and macOS metadata left out). */
export function unzipFiles(zip: Uint8Array, source = 'the zip file'): NamedBytes[] {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    throw new Error(`${source} is not a readable zip file (${err instanceof Error ? err.message : String(err)})`);
  }
  return Object.keys(entries)
    .filter((path) => !path.endsWith('/') && !path.startsWith('__MACOSX/') && !path.split('/').pop()!.startsWith('.'))
    .sort()
    .map((path) => ({ name: path, bytes: entries[path] }));
}

/**
 * Scales `image` so it covers height × width, crops the centre and returns [height, width, channels]
 * floats in [0, 1]. Shrinking averages (a widened linear filter), enlarging interpolates linearly.
 */
export function resizeCrop(image: RgbaImage, size: ImageSize, out = new Float32Array(size.height * size.width * size.channels), offset = 0): Float32Array {
  const { height: H, width: W, channels: C } = size;
  const { width: w, height: h, rgba } = image;
  const scale = Math.max(H / h, W / w);
  const cropW = W / scale;
  const cropH = H / scale;
  const tx = axisTaps(w, W, (w - cropW) / 2, 1 / scale, 'linear');
  const ty = axisTaps(h, H, (h - cropH) / 2, 1 / scale, 'linear');
  // Source rows the vertical pass needs.
  let rowLo = h;
  let rowHi = 0;
  for (let y = 0; y < H; y++) {
    for (let k = 0; k < ty.count[y]; k++) {
      rowLo = Math.min(rowLo, ty.index[ty.start[y] + k]);
      rowHi = Math.max(rowHi, ty.index[ty.start[y] + k] + 1);
    }
  }
  // Horizontal pass straight from the RGBA bytes (alpha composited on white), needed rows only.
  const rows = new Float32Array((rowHi - rowLo) * W * C);
  for (let y = rowLo; y < rowHi; y++) {
    for (let x = 0; x < W; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      const s = tx.start[x];
      for (let k = 0; k < tx.count[x]; k++) {
        const p = (y * w + tx.index[s + k]) * 4;
        const a = rgba[p + 3] / 255;
        const wgt = tx.weight[s + k] / 255;
        r += wgt * (rgba[p] * a + 255 * (1 - a));
        g += wgt * (rgba[p + 1] * a + 255 * (1 - a));
        b += wgt * (rgba[p + 2] * a + 255 * (1 - a));
      }
      const o = ((y - rowLo) * W + x) * C;
      if (C === 1) rows[o] = 0.299 * r + 0.587 * g + 0.114 * b;
      else {
        rows[o] = r;
        rows[o + 1] = g;
        rows[o + 2] = b;
      }
    }
  }
  for (let y = 0; y < H; y++) {
    const s = ty.start[y];
    for (let x = 0; x < W; x++) {
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < ty.count[y]; k++) acc += ty.weight[s + k] * rows[((ty.index[s + k] - rowLo) * W + x) * C + c];
        out[offset + (y * W + x) * C + c] = acc < 0 ? 0 : acc > 1 ? 1 : acc;
      }
    }
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Decodes and resizes every image of `input`. `source` names the set in messages ("folder photos/",
 * "faces.zip"). Throws when the set is empty or holds no readable image; otherwise lists skipped files.
 */
export function loadImages(input: ImageInput, size: ImageSize, source = 'the selected files'): LoadedImages {
  if (!(size.height >= 1 && size.width >= 1 && (size.channels === 1 || size.channels === 3))) {
    throw new Error(`cannot load images at size ${size.height}×${size.width}×${size.channels}: need H, W ≥ 1 and 1 or 3 channels`);
  }
  const files = input instanceof Uint8Array ? unzipFiles(input, source) : input;
  if (files.length === 0) throw new Error(`No images in ${source}: it is empty.`);
  const decoded: { name: string; image: RgbaImage }[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    try {
      const image = decodeImage(file.bytes);
      if (image.width < 1 || image.height < 1) throw new Error('image has no pixels');
      decoded.push({ name: file.name, image });
    } catch (err) {
      skipped.push({ name: file.name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  const skippedText = skipped
    .slice(0, 5)
    .map((s) => `${s.name} (${s.reason})`)
    .join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '');
  if (decoded.length === 0) {
    throw new Error(`No images in ${source}: none of its ${plural(files.length, 'file')} is a readable PNG or JPEG — ${skippedText}.`);
  }
  const per = size.height * size.width * size.channels;
  const images = new Float32Array(decoded.length * per);
  decoded.forEach((d, i) => resizeCrop(d.image, size, images, i * per));
  const shape = `${size.height}×${size.width}×${size.channels}`;
  const summary =
    `${plural(decoded.length, 'image')} from ${source} (${shape})` + (skipped.length ? `; skipped ${plural(skipped.length, 'file')}: ${skippedText}` : '');
  return { ...size, images, count: decoded.length, names: decoded.map((d) => d.name), skipped, summary };
}

/** A user's image set as a data source with the single output `x`. It has no held-out part: test = train. */
export class CustomImagesSource implements DataSource {
  readonly info: DatasetInfo;

  constructor(readonly loaded: LoadedImages) {
    this.info = {
      name: 'custom',
      title: 'Your images',
      description: loaded.summary,
      trainSize: loaded.count,
      testSize: loaded.count,
      outputs: {
        x: { kind: 'image', dims: [loaded.height, loaded.width, loaded.channels], description: 'your image, values in [0, 1]' },
      },
    };
  }

  count(): number {
    return this.loaded.count;
  }

  get(split: Split, indices: ArrayLike<number>): Record<string, Float32Array> {
    checkIndices(this, split, indices);
    const per = this.loaded.height * this.loaded.width * this.loaded.channels;
    const x = new Float32Array(indices.length * per);
    for (let i = 0; i < indices.length; i++) x.set(this.loaded.images.subarray(indices[i] * per, (indices[i] + 1) * per), i * per);
    return { x };
  }
}
