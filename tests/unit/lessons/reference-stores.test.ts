/**
 * Where reference judges come from: the prebuilt folder (`npm run judges`) first, then the trained
 * one; in the worker, fetched from /data/judges/ — and when a judge is not there, nothing breaks
 * (it is trained as before).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint } from '../../../src/engine/checkpoint';
import { writeCheckpoint } from '../../../src/engine/checkpoint-node';
import { referenceStoreIn } from '../../../src/lessons/generative/reference-store-node';
import { fetchedReferenceStore } from '../../../src/lessons/reference-store-fetch';

function checkpoint(step: number, values: number[]): Checkpoint {
  const weights = new Float32Array(values);
  return {
    manifest: {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      planHash: 'abc',
      title: 'judge',
      seed: 1,
      step,
      totalSteps: step,
      backend: 'wasm',
      weightSpecs: [{ name: 'J/0/kernel', shape: [values.length], dtype: 'float32' }],
      weightsManifest: [],
      rng: { streams: {}, nodes: {} } as unknown as Checkpoint['manifest']['rng'],
      optimizers: {},
      overrides: { learningRates: {}, lossWeights: {} },
    },
    weightData: weights.buffer,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('reference judge stores', () => {
  it('Node: the prebuilt judge wins over a trained one; saving goes to the trained folder', () => {
    const trained = mkdtempSync(join(tmpdir(), 'ganvas-trained-'));
    const prebuilt = mkdtempSync(join(tmpdir(), 'ganvas-prebuilt-'));
    const store = referenceStoreIn(trained, prebuilt);
    expect(store.load('j')).toBeUndefined();
    store.save('j', checkpoint(3, [1, 2]));
    expect((store.load('j') as Checkpoint).manifest.step).toBe(3);
    writeCheckpoint(join(prebuilt, 'j'), checkpoint(1500, [7, 8]));
    const loaded = store.load('j') as Checkpoint;
    expect(loaded.manifest.step).toBe(1500);
    expect(Array.from(new Float32Array(loaded.weightData))).toEqual([7, 8]);
    expect((referenceStoreIn(trained).load('j') as Checkpoint).manifest.step).toBe(3);
  });

  it('worker: fetched from the page’s /data/judges/<key>/; absent or broken gives none', async () => {
    const ckpt = checkpoint(1500, [0.5, -1]);
    const served = new Map<string, () => Response>([
      ['https://app.test/data/judges/mnist-classifier-1500/manifest.json', () => new Response(JSON.stringify(ckpt.manifest))],
      ['https://app.test/data/judges/mnist-classifier-1500/weights.bin', () => new Response(ckpt.weightData.slice(0))],
      ['https://app.test/data/judges/broken/manifest.json', () => new Response('{"format":"nope"}')],
      ['https://app.test/data/judges/broken/weights.bin', () => new Response(new ArrayBuffer(8))],
    ]);
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: URL) => {
      asked.push(String(url));
      return served.get(String(url))?.() ?? new Response('not found', { status: 404 });
    });
    const store = fetchedReferenceStore('https://app.test/data/judges/');
    const loaded = (await store.load('mnist-classifier-1500'))!;
    expect(loaded.manifest.step).toBe(1500);
    expect(Array.from(new Float32Array(loaded.weightData))).toEqual([0.5, -1]);
    expect(await store.load('face-attribute-judge-1500')).toBeUndefined();
    expect(await store.load('broken')).toBeUndefined();
    expect(asked[0]).toBe('https://app.test/data/judges/mnist-classifier-1500/manifest.json');
  });
});
