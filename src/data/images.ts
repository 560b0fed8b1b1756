/**
 * The user's own images: a list of {name, bytes} (files dropped on the page, or a folder read in
 * Node by `readFolder`) or the bytes of a zip, decoded (PNG by png.ts, JPEG by jpeg-js; both pure JS),
 * scaled to cover the requested size and centre-cropped. Files that are not images are skipped and
 * reported; a set with no usable image is refused with an Error naming the source.
 *
 * Every file and picture is hostile until measured: a zip entry is inflated only when its turn
 * comes and within a budget, a picture's declared size is read and checked against the pixel
 * budgets before it is decoded, and one picture at a time is held decoded. The page runs this in
 * a worker (workers/decode.worker.ts), never on its own thread.
 */
import jpeg from 'jpeg-js';
import type { DatasetInfo } from '../graph/datasets';
import { shown } from '../graph/text';
import { checkPixels, decodePng, isPng, MAX_IMAGE_PIXELS, type RgbaImage } from './png';
import { zipDirectory, zipEntryBytes } from './zip';
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

/** What one set of images may cost. */
export const IMAGE_SET_LIMITS = {
  /** Files looked at (a folder's files, or a zip's entries). */
  files: 10_000,
  /** Pixels decoded in all, which bounds the time a set takes (about a second per 50 megapixels). */
  pixels: 500_000_000,
  /** Values of the resized set (×4 bytes): at 32×32×3, about 10,900 images. */
  values: 2 ** 25,
  /** Height and width of the images the set is resized to (as the Dataset node's size allows). */
  side: 512,
} as const;

/** Width and height a PNG or JPEG file declares, read from its header without decoding; null when none is found. */
export function declaredSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (isPng(bytes)) {
    if (bytes.length < 24) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (!isJpeg(bytes)) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[at + 5] << 8) | bytes[at + 6], width: (bytes[at + 7] << 8) | bytes[at + 8] };
    }
    at += 2 + length;
  }
  return null;
}

/** Decodes a PNG or JPEG (recognised by content, not by name) to RGBA, refusing one over `maxPixels` before decoding. */
export function decodeImage(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): RgbaImage {
  if (isPng(bytes)) return decodePng(bytes, maxPixels);
  if (isJpeg(bytes)) {
    const size = declaredSize(bytes);
    if (!size) throw new Error('corrupt JPEG (no frame header)');
    checkPixels(size.width, size.height, maxPixels);
    let decoded: { width: number; height: number; data: Uint8Array };
    try {
      decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxPixels / 1e6, maxMemoryUsageInMB: 256 });
    } catch (err) {
      throw new Error(`corrupt JPEG (${shown(err instanceof Error ? err.message : String(err), 120)})`);
    }
    return { width: decoded.width, height: decoded.height, rgba: decoded.data };
  }
  throw new Error('not a PNG or JPEG');
}

/** A file of a set: its name, and its bytes when its turn comes (a zip entry is inflated only then). */
interface PendingFile {
  name: string;
  read(): Uint8Array;
}

const listed = (path: string) => !path.endsWith('/') && !path.startsWith('__MACOSX/') && !path.split('/').pop()!.startsWith('.');

function zipFiles(zip: Uint8Array, source: string): PendingFile[] {
  let entries;
  try {
    entries = zipDirectory(zip, source);
  } catch (err) {
    throw new Error(err instanceof Error ? err.message : String(err));
  }
  return entries
    .filter((e) => listed(e.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => ({ name: e.name, read: () => zipEntryBytes(zip, e) }));
}

/** The files of a zip (folders, hidden files and macOS metadata left out), each inflated within its budget. */
export function unzipFiles(zip: Uint8Array, source = 'the zip file'): NamedBytes[] {
  return zipFiles(zip, source).map((f) => ({ name: f.name, bytes: f.read() }));
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
  const { side } = IMAGE_SET_LIMITS;
  if (!(size.height >= 1 && size.width >= 1 && size.height <= side && size.width <= side && (size.channels === 1 || size.channels === 3))) {
    throw new Error(`cannot load images at size ${size.height}×${size.width}×${size.channels}: need H, W from 1 to ${side} and 1 or 3 channels`);
  }
  const files: PendingFile[] = input instanceof Uint8Array ? zipFiles(input, source) : input.map((f) => ({ name: f.name, read: () => f.bytes }));
  if (files.length === 0) throw new Error(`No images in ${source}: it is empty.`);
  if (files.length > IMAGE_SET_LIMITS.files) {
    throw new Error(`${source} has ${files.length.toLocaleString('en-US')} files; at most ${IMAGE_SET_LIMITS.files.toLocaleString('en-US')} are read — split the set`);
  }
  const per = size.height * size.width * size.channels;
  const maxImages = Math.max(1, Math.floor(IMAGE_SET_LIMITS.values / per));
  let images = new Float32Array(per * Math.min(files.length, maxImages, 64));
  const names: string[] = [];
  const skipped: SkippedFile[] = [];
  let pixels = 0;
  for (const file of files) {
    const name = shown(file.name, 120);
    if (names.length >= maxImages) {
      skipped.push({ name, reason: `the set is full (at most ${maxImages.toLocaleString('en-US')} images at ${size.height}×${size.width}×${size.channels})` });
      continue;
    }
    try {
      const bytes = file.read();
      const declared = declaredSize(bytes);
      if (declared) {
        checkPixels(declared.width, declared.height);
        if (pixels + declared.width * declared.height > IMAGE_SET_LIMITS.pixels) {
          throw new Error(`the set would decode more than ${(IMAGE_SET_LIMITS.pixels / 1e6).toLocaleString('en-US')} megapixels in all`);
        }
      }
      const image = decodeImage(bytes);
      if (image.width < 1 || image.height < 1) throw new Error('image has no pixels');
      pixels += image.width * image.height;
      if (images.length < (names.length + 1) * per) {
        const grown = new Float32Array(Math.min(maxImages, Math.max(names.length + 1, names.length * 2)) * per);
        grown.set(images);
        images = grown;
      }
      resizeCrop(image, size, images, names.length * per);
      names.push(name);
    } catch (err) {
      skipped.push({ name, reason: shown(err instanceof Error ? err.message : String(err), 200) });
    }
  }
  const skippedText = skipped
    .slice(0, 5)
    .map((s) => `${s.name} (${s.reason})`)
    .join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '');
  if (names.length === 0) {
    throw new Error(`No images in ${source}: none of its ${plural(files.length, 'file')} is a readable PNG or JPEG — ${skippedText}.`);
  }
  if (images.length !== names.length * per) images = images.slice(0, names.length * per);
  const shape = `${size.height}×${size.width}×${size.channels}`;
  const summary =
    `${plural(names.length, 'image')} from ${source} (${shape})` + (skipped.length ? `; skipped ${plural(skipped.length, 'file')}: ${skippedText}` : '');
  return { ...size, images, count: names.length, names, skipped, summary };
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
