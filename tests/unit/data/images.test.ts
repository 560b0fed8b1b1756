import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zlibSync, zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImagesFromPath } from '../../../src/data/env-node';
import { CustomImagesSource, loadImages, resizeCrop } from '../../../src/data/images';
import { openDataset } from '../../../src/data/open';
import { nodeDataEnv } from '../../../src/data/env-node';
import { decodePng, encodePng, pngChunk } from '../../../src/data/png';

/** An RGBA image filled by `colour(x, y)`. */
function pixels(width: number, height: number, colour: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 4);
  return data;
}

function pngjsEncode(width: number, height: number, rgba: Uint8Array, options: { colorType?: 0 | 2 | 4 | 6; bitDepth?: 8 | 16 } = {}): Uint8Array {
  const png = new PNG({ width, height, colorType: options.colorType ?? 6, bitDepth: options.bitDepth ?? 8, inputColorType: 6 });
  png.data = Buffer.from(rgba);
  return new Uint8Array(PNG.sync.write(png, { colorType: options.colorType ?? 6, bitDepth: options.bitDepth ?? 8, inputColorType: 6 }));
}

let dir: string;
const red = pixels(40, 20, () => [255, 0, 0, 255]);
const gradient = pixels(30, 30, (x, y) => [x * 8, y * 8, 128, 255]);
const blueJpeg = new Uint8Array(jpeg.encode({ width: 24, height: 36, data: pixels(24, 36, () => [0, 0, 255, 255]) }, 95).data);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ganvas-images-'));
  const mixed = join(dir, 'mixed');
  mkdirSync(mixed);
  writeFileSync(join(mixed, 'a-red.png'), pngjsEncode(40, 20, red));
  writeFileSync(join(mixed, 'b-gradient.png'), pngjsEncode(30, 30, gradient, { colorType: 2 }));
  writeFileSync(join(mixed, 'c-blue.jpg'), blueJpeg);
  writeFileSync(join(mixed, 'notes.txt'), 'not an image');
  mkdirSync(join(dir, 'empty'));
  const text = join(dir, 'text-only');
  mkdirSync(text);
  writeFileSync(join(text, 'readme.txt'), 'hello');
  writeFileSync(join(text, 'fake.png'), 'not really a png');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('your own images', () => {
  it('loads the 2 PNGs and the JPEG of a folder at the size asked and lists the .txt as skipped', () => {
    const loaded = loadImagesFromPath(join(dir, 'mixed'), { height: 16, width: 24, channels: 3 });
    expect(loaded.count).toBe(3);
    expect(loaded.names).toEqual(['a-red.png', 'b-gradient.png', 'c-blue.jpg']);
    expect(loaded.images.length).toBe(3 * 16 * 24 * 3);
    expect(loaded.skipped).toEqual([{ name: 'notes.txt', reason: 'not a PNG or JPEG' }]);
    expect(loaded.summary).toContain('3 images');
    expect(loaded.summary).toContain('skipped 1 file: notes.txt (not a PNG or JPEG)');
    expect(loaded.summary.split('\n').length).toBe(1);
    const at = (k: number, y: number, x: number) => Array.from(loaded.images.subarray((k * 16 * 24 + y * 24 + x) * 3, (k * 16 * 24 + y * 24 + x) * 3 + 3));
    expect(at(0, 8, 12)).toEqual([1, 0, 0]);
    const blue = at(2, 8, 12);
    expect(blue[2]).toBeGreaterThan(0.95);
    expect(blue[0]).toBeLessThan(0.05);
    // The gradient is centre-cropped: 30×30 scaled to cover 24 wide → 16 rows come from its middle.
    const g = at(1, 8, 12);
    expect(g[0]).toBeCloseTo((15 * 8) / 255, 1);
    expect(g[1]).toBeCloseTo((15 * 8) / 255, 1);
  });

  it('refuses an empty folder and a folder of non-images with messages naming the folder', () => {
    const size = { height: 8, width: 8, channels: 3 } as const;
    expect(() => loadImagesFromPath(join(dir, 'empty'), size)).toThrow(new RegExp(`No images in folder .*empty.*empty`));
    let message = '';
    try {
      loadImagesFromPath(join(dir, 'text-only'), size);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(join(dir, 'text-only'));
    expect(message).toContain('readme.txt');
    expect(message).toContain('fake.png');
    expect(message).toMatch(/none of its 2 files/);
  });

  it('reads a zip and a list of dropped files the same way', () => {
    const files = { 'x/a.png': pngjsEncode(40, 20, red), 'x/b.jpg': blueJpeg, 'x/c.txt': new TextEncoder().encode('hi'), '__MACOSX/x/._a.png': new Uint8Array(4) };
    const zipped = loadImages(zipSync(files), { height: 8, width: 8, channels: 1 }, 'faces.zip');
    expect(zipped.count).toBe(2);
    expect(zipped.skipped.map((s) => s.name)).toEqual(['x/c.txt']);
    expect(zipped.images.length).toBe(2 * 64);
    expect(zipped.images[0]).toBeCloseTo(0.299, 2); // red as grey (luma)
    const dropped = loadImages(
      Object.entries(files).map(([name, bytes]) => ({ name, bytes })),
      { height: 8, width: 8, channels: 1 },
    );
    expect(dropped.images).toEqual(zipped.images);
    expect(() => loadImages(new Uint8Array([1, 2, 3]), { height: 8, width: 8, channels: 3 }, 'broken.zip')).toThrow(/broken.zip is not a readable zip/);
    expect(() => loadImages([], { height: 8, width: 8, channels: 3 }, 'the dropped files')).toThrow(/No images in the dropped files/);
  });

  it('becomes a data source with an x output of the asked shape', async () => {
    const loaded = loadImagesFromPath(join(dir, 'mixed'), { height: 16, width: 16, channels: 3 });
    const source = await openDataset('custom', nodeDataEnv(), { custom: loaded });
    expect(source).toBeInstanceOf(CustomImagesSource);
    expect(source.info.outputs.x.dims).toEqual([16, 16, 3]);
    expect(source.count('train')).toBe(3);
    expect(source.get('train', [2, 0]).x.subarray(0, 3)).toEqual(loaded.images.subarray(2 * 768, 2 * 768 + 3));
  });

  it('composites transparency on white and averages when shrinking', () => {
    const half = pixels(8, 8, (x) => (x < 4 ? [0, 0, 0, 255] : [0, 0, 0, 0]));
    const out = resizeCrop({ width: 8, height: 8, rgba: half }, { height: 1, width: 1, channels: 1 });
    expect(out[0]).toBeCloseTo(0.5, 2);
  });
});

/** A PNG built by hand (filter 0 on every row), for the kinds pngjs cannot write: palette, interlaced. */
function handMadePng(width: number, height: number, depth: number, colourType: number, interlace: boolean, rowBytes: (passW: number, y: number, pass: number) => number[], plte?: number[], trns?: number[]): Uint8Array {
  const passes = interlace
    ? [
        [0, 0, 8, 8],
        [4, 0, 8, 8],
        [0, 4, 4, 8],
        [2, 0, 4, 4],
        [0, 2, 2, 4],
        [1, 0, 2, 2],
        [0, 1, 1, 2],
      ]
    : [[0, 0, 1, 1]];
  const raw: number[] = [];
  passes.forEach(([x0, y0, dx, dy], pass) => {
    const pw = Math.ceil((width - x0) / dx);
    const ph = Math.ceil((height - y0) / dy);
    if (pw <= 0 || ph <= 0) return;
    for (let y = 0; y < ph; y++) raw.push(0, ...rowBytes(pw, y, pass));
  });
  // The project's chunk writer; pngjs, which checks every CRC, is the reference these tests compare against.
  const chunk = pngChunk;
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([depth, colourType, 0, 0, interlace ? 1 : 0], 8);
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr)];
  if (plte) parts.push(chunk('PLTE', new Uint8Array(plte)));
  if (trns) parts.push(chunk('tRNS', new Uint8Array(trns)));
  parts.push(chunk('IDAT', zlibSync(new Uint8Array(raw))), chunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('PNG codec', () => {
  it('decodes 2-bit palette images with transparency and Adam7-interlaced images, as pngjs does', () => {
    // 2-bit palette, 7×3: index = (x + y) % 4; entry 3 transparent.
    const plte = [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9];
    const palette = handMadePng(7, 3, 2, 3, false, (w, y) => {
      const bytes = new Array(Math.ceil((w * 2) / 8)).fill(0);
      for (let x = 0; x < w; x++) bytes[x >> 2] |= ((x + y) % 4) << (6 - 2 * (x & 3));
      return bytes;
    }, plte, [255, 255, 255, 0]);
    const decoded = decodePng(palette);
    expect(Array.from(decoded.rgba.subarray(0, 16))).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 0]);
    expect(Array.from(decoded.rgba)).toEqual(Array.from(PNG.sync.read(Buffer.from(palette)).data));
    // Interlaced RGB 11×9: each pixel's colour encodes its position.
    const passes = [
      [0, 0, 8, 8],
      [4, 0, 8, 8],
      [0, 4, 4, 8],
      [2, 0, 4, 4],
      [0, 2, 2, 4],
      [1, 0, 2, 2],
      [0, 1, 1, 2],
    ];
    const interlaced = handMadePng(11, 9, 8, 2, true, (w, y, pass) => {
      const [x0, y0, dx, dy] = passes[pass];
      const row: number[] = [];
      for (let i = 0; i < w; i++) row.push(x0 + i * dx, y0 + y * dy, 100 + pass);
      return row;
    });
    const image = decodePng(interlaced);
    for (let y = 0; y < 9; y++) {
      for (let x = 0; x < 11; x++) {
        expect(image.rgba[(y * 11 + x) * 4]).toBe(x);
        expect(image.rgba[(y * 11 + x) * 4 + 1]).toBe(y);
      }
    }
    expect(Array.from(image.rgba)).toEqual(Array.from(PNG.sync.read(Buffer.from(interlaced)).data));
  });

  it('decodes what pngjs writes (RGBA, RGB, grey, grey+alpha, 16-bit) exactly', () => {
    const img = pixels(13, 7, (x, y) => [(x * 19) % 256, (y * 37) % 256, (x * y * 5) % 256, 255 - x * 3]);
    const grey = pixels(13, 7, (x, y) => [(x * 19 + y) % 256, (x * 19 + y) % 256, (x * 19 + y) % 256, 200]);
    for (const [colorType, bitDepth, source] of [
      [6, 8, img],
      [2, 8, img],
      [6, 16, img],
      [0, 8, grey],
      [4, 8, grey],
    ] as const) {
      const decoded = decodePng(pngjsEncode(13, 7, source, { colorType, bitDepth }));
      const reference = PNG.sync.read(Buffer.from(pngjsEncode(13, 7, source, { colorType, bitDepth })));
      expect(decoded.width).toBe(13);
      expect(decoded.height).toBe(7);
      expect(Array.from(decoded.rgba)).toEqual(Array.from(reference.data));
    }
  });

  it('writes PNGs that pngjs reads back unchanged', () => {
    const img = pixels(50, 9, (x, y) => [x * 5, y * 20, (x + y) % 256, 255 - y]);
    const back = PNG.sync.read(Buffer.from(encodePng(50, 9, img)));
    expect(back.width).toBe(50);
    expect(Array.from(back.data)).toEqual(Array.from(img));
    expect(Array.from(decodePng(encodePng(50, 9, img)).rgba)).toEqual(Array.from(img));
  });
});
