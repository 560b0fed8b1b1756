import { beforeAll, describe, expect, it } from 'vitest';
import { nodeDataEnv } from '../../../src/data/env-node';
import { openMnist, type MnistSource } from '../../../src/data/mnist';
import { MnistMSource, mnistMPatch } from '../../../src/data/mnist-m';
import { channelMeans, classesOf, nearestCentroidAccuracy } from './stats';

let mnist: MnistSource;
let mnistM: MnistMSource;
const N = 1000;
const idx = Int32Array.from({ length: N }, (_, i) => i);

beforeAll(async () => {
  mnist = await openMnist(nodeDataEnv());
  mnistM = new MnistMSource(mnist, 1);
});

function grey(rgb: Float32Array): Float32Array {
  const out = new Float32Array(rgb.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = (rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2]) / 3;
  return out;
}

describe('MNIST-M (synthetic textures)', () => {
  it('has colour channel means far from MNIST and images whose channels differ', () => {
    const m = mnist.get('test', idx);
    const mm = mnistM.get('test', idx);
    expect(mm.x.length).toBe(N * 28 * 28 * 3);
    const [mnistMean] = channelMeans(m.x, 1);
    const means = channelMeans(mm.x, 3);
    console.log(`MNIST mean ${mnistMean.toFixed(3)}, MNIST-M channel means ${means.map((v) => v.toFixed(3)).join(' ')}`);
    for (const v of means) expect(v - mnistMean).toBeGreaterThan(0.2);
    // Per image, the channels differ (colour, not grey): mean |R−G| + |G−B| + |B−R| over pixels.
    let spread = 0;
    for (let i = 0; i < mm.x.length; i += 3) {
      spread += Math.abs(mm.x[i] - mm.x[i + 1]) + Math.abs(mm.x[i + 1] - mm.x[i + 2]) + Math.abs(mm.x[i + 2] - mm.x[i]);
    }
    spread /= (mm.x.length / 3) * 3;
    console.log(`MNIST-M mean channel difference ${spread.toFixed(3)}`);
    expect(spread).toBeGreaterThan(0.1);
    // Image means per channel vary a lot from image to image (textures of many colours).
    const perImage = Array.from({ length: N }, (_, k) => channelMeans(mm.x.subarray(k * 2352, (k + 1) * 2352), 3));
    const reds = perImage.map((c) => c[0]);
    const meanRed = reds.reduce((a, b) => a + b) / N;
    const sdRed = Math.sqrt(reds.reduce((a, b) => a + (b - meanRed) ** 2, 0) / N);
    expect(sdRed).toBeGreaterThan(0.1);
  });

  it('draws varied textures: mean pairwise RMS distance of patches is large', () => {
    const patches = Array.from({ length: 60 }, (_, i) => mnistMPatch(1, 'train', i));
    let total = 0;
    let pairs = 0;
    let closest = Infinity;
    for (let a = 0; a < patches.length; a++) {
      for (let b = a + 1; b < patches.length; b++) {
        let s = 0;
        for (let j = 0; j < patches[a].length; j++) s += (patches[a][j] - patches[b][j]) ** 2;
        const rms = Math.sqrt(s / patches[a].length);
        total += rms;
        closest = Math.min(closest, rms);
        pairs++;
      }
    }
    console.log(`texture patches: mean pairwise RMS ${(total / pairs).toFixed(3)}, closest pair ${closest.toFixed(3)}`);
    expect(total / pairs).toBeGreaterThan(0.2);
    expect(closest).toBeGreaterThan(0.05);
    // Within a patch the texture is not flat either.
    const sd = patches.map((p) => {
      let m = 0;
      for (const v of p) m += v;
      m /= p.length;
      let s = 0;
      for (const v of p) s += (v - m) ** 2;
      return Math.sqrt(s / p.length);
    });
    expect(sd.filter((v) => v > 0.05).length).toBeGreaterThan(50);
  });

  it('is deterministic per example and seed, and labels are MNIST labels', () => {
    const again = new MnistMSource(mnist, 1).get('train', [5, 6]);
    expect(again.x).toEqual(mnistM.get('train', [5, 6]).x);
    const other = new MnistMSource(mnist, 2).get('train', [5]);
    expect(other.x).not.toEqual(mnistM.get('train', [5]).x);
    expect(Array.from(classesOf(again.label, 10))).toEqual([mnist.labels('train')[5], mnist.labels('train')[6]]);
  });

  it('defeats a classifier fitted on MNIST (a source-only drop)', () => {
    const train = mnist.get('train', Int32Array.from({ length: 3000 }, (_, i) => i));
    const testY = mnist.labels('test').subarray(0, N);
    const trainY = classesOf(train.label, 10);
    const onMnist = nearestCentroidAccuracy(train.x, trainY, mnist.get('test', idx).x, testY, 10, 784);
    const onMnistM = nearestCentroidAccuracy(train.x, trainY, grey(mnistM.get('test', idx).x), testY, 10, 784);
    console.log(`nearest-centroid fitted on MNIST: ${onMnist.toFixed(3)} on MNIST, ${onMnistM.toFixed(3)} on MNIST-M`);
    expect(onMnist - onMnistM).toBeGreaterThan(0.25);
  });
});
