import { beforeAll, describe, expect, it } from 'vitest';
import { BatchStream } from '../../../src/data/batches';
import { nodeDataEnv } from '../../../src/data/env-node';
import { openMnist, type MnistSource } from '../../../src/data/mnist';
import { Rng } from '../../../src/util/rng';
import { classesOf } from './stats';

let mnist: MnistSource;
beforeAll(async () => {
  mnist = await openMnist(nodeDataEnv());
});

function firstIndices(stream: BatchStream, batches: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < batches; b++) out.push(...stream.nextIndices().indices);
  return out;
}

describe('BatchStream', () => {
  it('gives the same batches for the same seed and different ones for another', () => {
    const a = firstIndices(new BatchStream(mnist, 'train', 64, new Rng(42)), 5);
    const b = firstIndices(new BatchStream(mnist, 'train', 64, new Rng(42)), 5);
    const c = firstIndices(new BatchStream(mnist, 'train', 64, new Rng(43)), 5);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const overlap = a.filter((i, k) => c[k] === i).length;
    expect(overlap).toBeLessThan(5);
  });

  it('covers every example exactly once per epoch, reshuffling between epochs', () => {
    // 9,000 is not a multiple of 128: batches straddle epoch boundaries and stay full.
    const stream = new BatchStream(mnist, 'train', 128, new Rng(7));
    const total = 9000 * 3;
    const seq: number[] = [];
    const epochs: number[] = [];
    while (seq.length < total) {
      const { indices, epoch } = stream.nextIndices();
      expect(indices.length).toBe(128);
      seq.push(...indices);
      epochs.push(epoch);
    }
    for (let e = 0; e < 3; e++) {
      const block = seq.slice(e * 9000, (e + 1) * 9000);
      expect(new Set(block).size).toBe(9000);
      expect(Math.min(...block)).toBe(0);
      expect(Math.max(...block)).toBe(8999);
    }
    expect(seq.slice(0, 200)).not.toEqual(seq.slice(9000, 9200));
    expect(epochs[0]).toBe(0);
    expect(epochs[Math.floor(9000 / 128) + 1]).toBe(1);
  });

  it('draws from a subset when given indices', () => {
    const subset = Int32Array.from([5, 9, 11, 40, 77]);
    const stream = new BatchStream(mnist, 'train', 2, new Rng(1), subset);
    const seen = firstIndices(stream, 5);
    for (const i of seen) expect(subset).toContain(i);
    expect(new Set(seen.slice(0, 5)).size).toBe(5);
  });

  it('returns labels alongside images, matching the source', () => {
    const stream = new BatchStream(mnist, 'test', 32, new Rng(3));
    const { indices, data } = stream.next();
    expect(data.x.length).toBe(32 * 784);
    const labels = mnist.labels('test');
    expect(Array.from(classesOf(data.label, 10))).toEqual(Array.from(indices, (i) => labels[i]));
    expect(data.x).toEqual(mnist.get('test', indices).x);
  });

  it('continues the same sequence after getState/setState (a checkpoint)', () => {
    const rng = new Rng(9);
    const stream = new BatchStream(mnist, 'train', 100, rng);
    firstIndices(stream, 95); // into the second epoch
    const state = JSON.parse(JSON.stringify(stream.getState()));
    const expected = firstIndices(stream, 120);
    const restored = new BatchStream(mnist, 'train', 100, new Rng(12345));
    restored.setState(state);
    expect(firstIndices(restored, 120)).toEqual(expected);
  });
});
