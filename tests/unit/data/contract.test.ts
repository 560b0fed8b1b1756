import { describe, expect, it } from 'vitest';
import { DATASET_NAMES } from '../../../src/graph/datasets';
import { nodeDataEnv } from '../../../src/data/env-node';
import { openDataset } from '../../../src/data/open';
import { SPLITS } from '../../../src/data/types';

describe('every built-in data set honours its descriptor', () => {
  for (const name of DATASET_NAMES) {
    it(`${name}: outputs, shapes, ranges and one-hot labels`, async () => {
      const source = await openDataset(name, nodeDataEnv(), { seed: 11 });
      expect(source.info.name).toBe(name);
      for (const split of SPLITS) {
        const n = source.count(split);
        expect(n).toBe(split === 'train' ? source.info.trainSize : source.info.testSize);
        const indices = [0, n - 1, Math.floor(n / 2)];
        const batch = source.get(split, indices);
        expect(Object.keys(batch).sort()).toEqual(Object.keys(source.info.outputs).sort());
        for (const [key, output] of Object.entries(source.info.outputs)) {
          const values = batch[key];
          expect(values.length, key).toBe(indices.length * output.dims.reduce((a, b) => a * b, 1));
          expect(values.every(Number.isFinite), key).toBe(true);
          if (output.kind === 'image' || key === 'attributes') expect(values.every((v) => v >= 0 && v <= 1), key).toBe(true);
          if (output.kind === 'label') {
            const k = output.dims[0];
            for (let i = 0; i < indices.length; i++) {
              const row = Array.from(values.subarray(i * k, (i + 1) * k));
              expect(row.filter((v) => v === 1).length, key).toBe(1);
              expect(row.filter((v) => v === 0).length, key).toBe(k - 1);
            }
          }
        }
      }
    });
  }
});
