/**
 * MNIST-M (synthetic textures): each MNIST digit blended with a colour texture patch as in DANN,
 * `|patch − digit|` per channel, so strokes show the patch's inverted colours. The original used
 * BSDS500 photo patches; these textures are generated (see textures.ts). Example i of a split uses the
 * digit i of the same MNIST split and a patch drawn from (seed, i), so it is the same every time.
 */
import { DATASETS } from '../graph/datasets';
import { LazyByteCache, toByte } from './cache';
import { MnistSource } from './mnist';
import { exampleRng } from './seed';
import { drawTexture } from './textures';
import { checkIndices, oneHot, type DataSource, type GeneratedSet, type Split } from './types';

const SIZE = 28;
const PIXELS = SIZE * SIZE;

/** The texture patch of example `index` of `split` (28·28·3, RGB in [0, 1]). */
export function mnistMPatch(seed: number, split: Split, index: number, out = new Float32Array(PIXELS * 3)): Float32Array {
  drawTexture(exampleRng(seed, `mnist-m/${split}`, index), SIZE, SIZE, out);
  return out;
}

export class MnistMSource implements DataSource {
  readonly info = DATASETS['mnist-m'];
  private readonly caches: Record<Split, LazyByteCache>;
  readonly generated: readonly GeneratedSet[];

  constructor(
    readonly mnist: MnistSource,
    readonly seed: number,
  ) {
    const make = (split: Split) => {
      const patch = new Float32Array(PIXELS * 3);
      const pixels = mnist.data.pixels;
      return new LazyByteCache(mnist.count(split), PIXELS * 3, (index, out) => {
        mnistMPatch(seed, split, index, patch);
        const p = mnist.position(split, index) * PIXELS;
        for (let i = 0; i < PIXELS; i++) {
          const digit = pixels[p + i] / 255;
          const o = i * 3;
          out[o] = toByte(Math.abs(patch[o] - digit));
          out[o + 1] = toByte(Math.abs(patch[o + 1] - digit));
          out[o + 2] = toByte(Math.abs(patch[o + 2] - digit));
        }
      });
    };
    this.caches = { train: make('train'), test: make('test') };
    this.generated = [
      { name: 'mnist-m/train', seed, cache: this.caches.train },
      { name: 'mnist-m/test', seed, cache: this.caches.test },
    ];
  }

  count(split: Split): number {
    return this.mnist.count(split);
  }

  labels(split: Split): Int32Array {
    return this.mnist.labels(split);
  }

  get(split: Split, indices: ArrayLike<number>): Record<string, Float32Array> {
    checkIndices(this, split, indices);
    const x = new Float32Array(indices.length * PIXELS * 3);
    const labels = this.mnist.labels(split);
    const classes = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      this.caches[split].copyScaled(indices[i], x, i * PIXELS * 3);
      classes[i] = labels[indices[i]];
    }
    return { x, label: oneHot(classes, 10) };
  }
}
