/**
 * The image decoding worker: the user's own images (files or one zip) are read, inflated, decoded
 * and resized here, never on the page's thread, so the page answers while a large set decodes.
 * One worker per set: ending it frees whatever the set took.
 */
import * as Comlink from 'comlink';
import { loadImages, type ImageSize, type LoadedImages } from '../src/data/images';

/** Bytes of files one set may be read from (what is decoded is bounded in images.ts). */
const MAX_SET_BYTES = 1_000_000_000;

export interface DecodeApi {
  load(files: File[], size: ImageSize): Promise<LoadedImages>;
}

const api: DecodeApi = {
  async load(files, size) {
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > MAX_SET_BYTES) throw new Error(`the chosen files hold ${(total / 1e9).toFixed(1)} GB; at most ${MAX_SET_BYTES / 1e9} GB are read`);
    const zip = files.length === 1 && files[0].name.toLowerCase().endsWith('.zip');
    const loaded = zip
      ? loadImages(new Uint8Array(await files[0].arrayBuffer()), size, files[0].name)
      : loadImages(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))), size, 'the dropped files');
    return Comlink.transfer(loaded, [loaded.images.buffer]);
  },
};

Comlink.expose(api);
