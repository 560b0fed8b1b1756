/** Every template trains at tiny size on WASM: finite losses, and no tensors left behind per step. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../src/engine/backend';
import { templateNames } from '../helpers';
import { engineOf, planOf } from './helpers';

const rows: string[] = [];
beforeAll(async () => {
  expect((await chooseBackend({ prefer: 'wasm', env: 'node' })).active).toBe('wasm');
});
afterAll(() => console.log(`tensor counts after steps 1, 2, 3 (wasm, tiny):\n  ${rows.join('\n  ')}`));

describe('templates train on wasm', () => {
  const names = templateNames();

  it('there are 11 templates', () => {
    expect(names).toHaveLength(11);
  });

  for (const name of names) {
    it(`${name}: 3 steps, finite losses, constant tensor count`, async () => {
      const plan = planOf(name, { size: 'tiny' });
      const before = tf.memory().numTensors;
      const engine = await engineOf(plan, 'wasm');
      expect(engine.backend).toBe('wasm');
      const counts: number[] = [];
      const losses: Record<string, number>[] = [];
      for (let step = 1; step <= 3; step++) {
        const result = await engine.run({
          steps: 1,
          logEvery: 1,
          listener: (e) => {
            if (e.type === 'metrics') losses.push(e.losses);
            if (e.type === 'error') throw new Error(e.message);
          },
        });
        expect(result.status).toBe('done');
        counts.push(engine.memory().tensors);
      }
      rows.push(`${name}: ${counts.join(', ')}`);
      expect(losses).toHaveLength(3);
      const keys = [...plan.losses.map((l) => l.id), ...plan.phases.map((p) => p.id)];
      for (const row of losses) {
        expect(Object.keys(row).sort()).toEqual([...keys].sort());
        for (const [k, v] of Object.entries(row)) expect(Number.isFinite(v), `${k} = ${v}`).toBe(true);
      }
      expect(counts[2]).toBe(counts[1]);
      expect(counts[1]).toBe(counts[0]);
      engine.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
