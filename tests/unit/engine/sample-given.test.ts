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
});
