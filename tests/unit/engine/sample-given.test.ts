/** `sample(..., {given})` sets a node's outputs outright, e.g. real images in place of G's. */
import { describe, expect, it } from 'vitest';
import { engineOf, planOf } from './helpers';

describe('sampling with given outputs', () => {
  it('D (fake) on given images equals D (real) on the same images as data: one set of weights', async () => {
    const engine = await engineOf(planOf('infogan', { size: 'tiny' }), 'wasm');
    await engine.run({ steps: 2 });
    const n = 6;
    const images = (await engine.sample('G', 'out', n)).data;
    const fake = await engine.sample('D_fake', 'out', n);
    const viaGiven = await engine.sample('D_fake', 'out', n, { given: { G: { out: images } } });
    expect(Array.from(viaGiven.data)).toEqual(Array.from(fake.data));

    const real = (await engine.sample('x', 'x', n)).data.map((v) => -v); // other pictures than G's
    const asData = await engine.sample('D', 'out', n, { draws: { x: { x: real } } });
    const asGiven = await engine.sample('D_fake', 'out', n, { given: { G: { out: real } } });
    expect(Array.from(asGiven.data)).toEqual(Array.from(asData.data));
    expect(Array.from(asGiven.data)).not.toEqual(Array.from(fake.data));
    await expect(engine.sample('Q', 'out', n, { given: { G: { out: new Float32Array(5) } } })).rejects.toThrow(/given 5 values, expected 4704/);
    engine.dispose();
  });

  it('a sample of n is the same whatever was sampled before it (lesson view and ganvas eval agree)', async () => {
    const plan = planOf('gan-2d', { size: 'tiny' });
    const first = await engineOf(plan, 'wasm');
    const second = await engineOf(plan, 'wasm');
    await first.run({ steps: 2 });
    await second.run({ steps: 2 });
    // The page draws a scatter of 300 and D's surface before its figures; the CLI draws 2000 at once.
    await second.sample('G', 'out', 300);
    await second.sample('z', 'z', 2000);
    const direct = (await first.sample('G', 'out', 2000)).data;
    const after = (await second.sample('G', 'out', 2000)).data;
    expect(after.length).toBe(4000);
    expect(Array.from(after)).toEqual(Array.from(direct));
    // Each count has its own fixed draw: the first rows of a larger batch repeat a smaller one.
    const small = (await second.sample('G', 'out', 300)).data;
    expect(Array.from(small)).toEqual(Array.from(direct.subarray(0, 600)));
    first.dispose();
    second.dispose();
  });
});
