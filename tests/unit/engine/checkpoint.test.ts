/** Save and restore: a resumed run continues the same trajectory, bit for bit (CPU backend). */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoint, writeCheckpoint } from '../../../src/engine/checkpoint-node';
import { engineOf, lossHistory, planOf } from './helpers';

describe('checkpoints', () => {
  it('gan-2d: 20 steps straight = 10 steps, save to a folder, restore in a fresh engine, 10 steps', async () => {
    const plan = planOf('gan-2d', { size: 'small', steps: 20 });
    const straight = await engineOf(plan);
    const all = await lossHistory(straight, 20);
    const finalWeights = await straight.weights();
    straight.dispose();

    const first = await engineOf(plan);
    const head = await lossHistory(first, 10);
    const dir = join(mkdtempSync(join(tmpdir(), 'ganvas-ckpt-')), 'checkpoint');
    writeCheckpoint(dir, await first.saveState());
    // Training on after saving does not change what was saved.
    await lossHistory(first, 3);
    first.dispose();
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'weights.bin']);

    const second = await engineOf(plan);
    const checkpoint = readCheckpoint(dir);
    expect(checkpoint.manifest.step).toBe(10);
    expect(checkpoint.manifest.weightSpecs.some((s) => s.name.startsWith('opt/d/D/0/kernel/m'))).toBe(true);
    expect(Object.keys(checkpoint.manifest.rng.streams).sort()).toEqual(['train/data/order', 'train/z/z']);
    second.loadState(checkpoint);
    expect(second.step).toBe(10);
    const tail = await lossHistory(second, 10);
    expect(head).toEqual(all.slice(0, 10));
    expect(tail).toEqual(all.slice(10));
    expect(await second.weights()).toEqual(finalWeights);
    second.dispose();
  });

  it('infogan (BatchNorm moving statistics, two Adam optimizers, codes): resume continues exactly, samples agree', async () => {
    const plan = planOf('infogan', { size: 'tiny', steps: 10 });
    const straight = await engineOf(plan);
    const all = await lossHistory(straight, 4);
    const sampleStraight = await straight.sample('G', 'out', 6);
    straight.dispose();

    const first = await engineOf(plan);
    await lossHistory(first, 2);
    const state = await first.saveState();
    first.dispose();
    const second = await engineOf(plan);
    second.loadState(state);
    const tail = await lossHistory(second, 2);
    expect(tail).toEqual(all.slice(2));
    const sampleResumed = await second.sample('G', 'out', 6);
    expect(sampleResumed.shape).toEqual([6, 28, 28, 1]);
    expect(Array.from(sampleResumed.data)).toEqual(Array.from(sampleStraight.data));
    second.dispose();
  });

  it('refuses a checkpoint of another graph, and a truncated one', async () => {
    const gan = await engineOf(planOf('gan-2d', { size: 'tiny' }));
    const state = await gan.saveState();
    gan.dispose();
    const other = await engineOf(planOf('gan-2d', { size: 'small' }));
    expect(() => other.loadState(state)).toThrow(/different graph/);
    other.dispose();
    const same = await engineOf(planOf('gan-2d', { size: 'tiny' }));
    expect(() => same.loadState({ ...state, weightData: state.weightData.slice(4) })).toThrow(/bytes/);
    same.dispose();
  });
});

describe('samples', () => {
  it('a fixed batch: the same inputs every time, in inference mode; draws can be replaced (latent traversal)', async () => {
    const plan = planOf('infogan', { size: 'tiny', steps: 10 });
    const engine = await engineOf(plan);
    const a = await engine.sample('G', 'out', 4);
    const b = await engine.sample('G', 'out', 4);
    expect(a.shape).toEqual([4, 28, 28, 1]);
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    // The grid changes only because the model does.
    await lossHistory(engine, 1);
    const c = await engine.sample('G', 'out', 4);
    expect(Array.from(c.data)).not.toEqual(Array.from(a.data));
    const oneHot = new Float32Array(40);
    for (let i = 0; i < 4; i++) oneHot[i * 10 + 3] = 1;
    const sweep = new Float32Array([-2, 0, -1, 0, 1, 0, 2, 0]);
    const t1 = await engine.sample('G', 'out', 4, { draws: { c1: { c: oneHot }, c23: { c: sweep } } });
    const t2 = await engine.sample('G', 'out', 4, { draws: { c1: { c: oneHot }, c23: { c: sweep } } });
    expect(Array.from(t2.data)).toEqual(Array.from(t1.data));
    expect(Array.from(t1.data)).not.toEqual(Array.from(c.data));
    // The code node gives exactly what was set.
    expect(Array.from((await engine.sample('c23', 'c', 4, { draws: { c23: { c: sweep } } })).data)).toEqual(Array.from(sweep));
    engine.dispose();
  });
});
