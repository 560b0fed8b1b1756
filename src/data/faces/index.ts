/**
 * Faces (synthetic): procedurally drawn 32×32 RGB cartoon faces with the binary attributes of
 * FACE_ATTRIBUTES. Face i is a pure function of (seed, i) — test face i is face trainSize + i — so any
 * face can be drawn lazily; drawn faces are cached as bytes.
 */
import { DATASETS, FACE_ATTRIBUTES } from '../../graph/datasets';
import { LazyByteCache } from '../cache';
import { exampleRng } from '../seed';
import { checkIndices, type DataSource, type GeneratedSet, type Split } from '../types';
import { drawFace, sampleFace, type FaceParams } from './model';
import { Raster } from './raster';

export { ATTRIBUTE_RATES, drawFace, sampleFace, type FaceAttributes, type FaceParams } from './model';
export { Mask, Raster } from './raster';

export const FACE_SIZE = 32;
const BYTES = FACE_SIZE * FACE_SIZE * 3;

/** Parameters of face number `n` (counting train faces first, then test faces). */
export function faceParams(seed: number, n: number): FaceParams {
  return sampleFace(exampleRng(seed, 'faces', n));
}

/** Draws face number `n` into `out` (32·32·3 bytes). */
export function drawFaceBytes(seed: number, n: number, out: Uint8Array = new Uint8Array(BYTES), raster = new Raster(FACE_SIZE, 4)): Uint8Array {
  drawFace(raster, faceParams(seed, n));
  return raster.toBytes(out);
}

export class FacesSource implements DataSource {
  readonly info = DATASETS.faces;
  private readonly raster = new Raster(FACE_SIZE, 4);
  private readonly cache: LazyByteCache;
  private readonly attributeCache = new Map<number, Uint8Array>();
  readonly generated: readonly GeneratedSet[];

  constructor(readonly seed: number) {
    const total = this.info.trainSize + this.info.testSize;
    this.cache = new LazyByteCache(total, BYTES, (n, out) => {
      drawFaceBytes(seed, n, out, this.raster);
    });
    this.generated = [{ name: 'faces', seed, cache: this.cache }];
  }

  count(split: Split): number {
    return split === 'train' ? this.info.trainSize : this.info.testSize;
  }

  private number(split: Split, index: number): number {
    return split === 'train' ? index : this.info.trainSize + index;
  }

  /** The 0/1 attributes of one face, in FACE_ATTRIBUTES order (without drawing it). */
  attributes(split: Split, index: number): Uint8Array {
    const n = this.number(split, index);
    let cached = this.attributeCache.get(n);
    if (!cached) {
      const a = faceParams(this.seed, n).attributes;
      cached = Uint8Array.from(FACE_ATTRIBUTES, (name) => (a[name] ? 1 : 0));
      this.attributeCache.set(n, cached);
    }
    return cached;
  }

  get(split: Split, indices: ArrayLike<number>): Record<string, Float32Array> {
    checkIndices(this, split, indices);
    const k = FACE_ATTRIBUTES.length;
    const x = new Float32Array(indices.length * BYTES);
    const attributes = new Float32Array(indices.length * k);
    for (let i = 0; i < indices.length; i++) {
      const n = this.number(split, indices[i]);
      this.cache.copyScaled(n, x, i * BYTES);
      attributes.set(this.attributes(split, indices[i]), i * k);
    }
    return { x, attributes };
  }
}
