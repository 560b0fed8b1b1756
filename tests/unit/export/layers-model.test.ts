/**
 * Networks out as tf.js LayersModels: the exported model.json + weights.bin are served over HTTP
 * and opened with plain `tf.loadLayersModel` — not ganvas' code — and must give the outputs
 * ganvas samples for the same inputs (CPU backend, max |Δ| ≤ 1e-5).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layersModelFromCheckpoint, ModelExportError, MODEL_FILE, MODEL_WEIGHTS_FILE, unsupportedLayer, type LayersModelExport } from '../../../src/export/layers-model';
import type { Layer } from '../../../src/graph/layers';
import type { Engine } from '../../../src/engine/index';
import { tinyGan } from '../features/docs';
import { engineOf, planOf } from '../engine/helpers';

let server: Server;
let base = '';
const root = mkdtempSync(join(tmpdir(), 'ganvas-layers-model-'));
let served = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  server = createServer((req, res) => {
    try {
      const body = readFileSync(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      res.writeHead(200, { 'content-type': req.url?.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Writes the export as the files a user gets and opens it the way anyone would. */
async function loadServed(exported: LayersModelExport): Promise<tf.LayersModel> {
  const folder = `m${++served}`;
  const dir = join(root, folder);
  rmSync(dir, { recursive: true, force: true });
  await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
  writeFileSync(join(dir, MODEL_FILE), JSON.stringify(exported.model));
  writeFileSync(join(dir, MODEL_WEIGHTS_FILE), exported.weights);
  return tf.loadLayersModel(`${base}/${folder}/${MODEL_FILE}`);
}

/** Max |ganvas − LayersModel| over a batch the engine samples the network's input and output for. */
async function compare(engine: Engine, network: string, count = 16): Promise<{ diff: number; spread: number; shape: number[] }> {
  const node = engine.plan.nodes.find((n) => n.id === network)!;
  const source = node.inputs.x;
  const input = await engine.sample(source.node, source.port, count);
  const ours = await engine.sample(network, 'out', count);
  const checkpoint = await engine.saveState();
  const model = await loadServed(layersModelFromCheckpoint(engine.plan, checkpoint, network));
  const theirs = tf.tidy(() => (model.predict(tf.tensor(input.data, input.shape)) as tf.Tensor).dataSync());
  model.dispose();
  let diff = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < ours.data.length; i++) {
    diff = Math.max(diff, Math.abs(ours.data[i] - theirs[i]));
    min = Math.min(min, ours.data[i]);
    max = Math.max(max, ours.data[i]);
  }
  expect(theirs.length).toBe(ours.data.length);
  return { diff, spread: max - min, shape: ours.shape };
}

describe('tf.js LayersModel export', () => {
  it('an exported InfoGAN generator opens with tf.loadLayersModel and draws ganvas’s samples', async () => {
    const engine = await engineOf(planOf('infogan', { size: 'tiny' }), 'cpu');
    try {
      await engine.run({ steps: 2, logEvery: 2 });
      const { diff, spread, shape } = await compare(engine, 'G');
      console.log(`InfoGAN G (tiny, 2 steps): max |Δ| ${diff.toExponential(2)} over ${shape.join('×')} (values span ${spread.toFixed(3)})`);
      expect(shape).toEqual([16, 28, 28, 1]);
      expect(spread).toBeGreaterThan(0.01);
      expect(diff).toBeLessThanOrEqual(1e-5);
    } finally {
      engine.dispose();
    }
  });

  it('maps every exportable layer type (scaled tanh, spectral norm, blocks, layer norm) and the weight averages', async () => {
    const generator: Layer[] = [
      { type: 'dense', units: 48, spectralNorm: true },
      { type: 'reshape', shape: [4, 4, 3] },
      { type: 'convTranspose2d', filters: 4, kernel: 4, stride: 2, padding: 'same' },
      { type: 'batchNorm', momentum: 0.8 },
      { type: 'relu' },
      { type: 'upsample', factor: 2, method: 'nearest' },
      { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same', spectralNorm: true },
      { type: 'residualBlock', kernel: 3 },
      { type: 'unetBlock', filters: 3, depth: 2 },
      { type: 'layerNorm' },
      { type: 'leakyRelu', alpha: 0.1 },
      { type: 'dropout', rate: 0.2 },
      { type: 'gaussianNoise', sigma: 0.3, anneal: 'none' },
      { type: 'conv2d', filters: 2, kernel: 2, stride: 1, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
      { type: 'sigmoid' },
      { type: 'dense', units: 2 },
      { type: 'tanh', scale: 3 },
    ];
    const engine = await engineOf(planOf(tinyGan({ generator, gParams: { ema: 0.5 } })), 'cpu');
    try {
      await engine.run({ steps: 3, logEvery: 3 });
      const { diff, spread } = await compare(engine, 'G', 32);
      console.log(`every layer type: max |Δ| ${diff.toExponential(2)} (values span ${spread.toFixed(3)})`);
      expect(spread).toBeGreaterThan(0.01);
      expect(diff).toBeLessThanOrEqual(1e-5);
    } finally {
      engine.dispose();
    }
  });

  it('refuses a layer without a faithful Keras counterpart, by name', async () => {
    const plan = planOf(
      tinyGan({ generator: [{ type: 'dense', units: 16 }, { type: 'reshape', shape: [2, 2, 4] }, { type: 'upsample', factor: 2, method: 'bilinear' }, { type: 'flatten' }, { type: 'dense', units: 2 }] }),
    );
    const group = plan.groups.find((g) => g.id === 'G')!;
    expect(unsupportedLayer(group.network)).toMatchObject({ index: 2, reason: expect.stringMatching(/bilinear Upsample/) });
    expect(unsupportedLayer(plan.groups.find((g) => g.id === 'D')!.network)).toBeUndefined();
    const engine = await engineOf(plan, 'cpu');
    try {
      const checkpoint = await engine.saveState();
      expect(() => layersModelFromCheckpoint(plan, checkpoint, 'G')).toThrow(ModelExportError);
      expect(() => layersModelFromCheckpoint(plan, checkpoint, 'G')).toThrow(/‹G› layer 3 \(upsample\).*bilinear/);
      expect(() => layersModelFromCheckpoint(plan, checkpoint, 'nope')).toThrow(/no network "nope"/);
    } finally {
      engine.dispose();
    }
  });
});
