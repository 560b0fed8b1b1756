/** Bounded outputs: Tanh with a scale s gives s·tanh(x), inside (−s, s); s = 1 is tanh to the bit. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_IMPLS } from '../../../src/engine/layers/index';
import { checkDocument } from '../../../src/graph/checker';
import { parseLayers, resolveLayers, type Layer } from '../../../src/graph/layers';
import { networkOutputRange } from '../../../src/graph/nodes/network-common';
import { engineOf, planOf } from '../engine/helpers';
import { tinyGan } from './docs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const apply = (layer: Layer, x: tf.Tensor) => {
  const [resolved] = resolveLayers([layer], x.shape.slice(1) as number[]);
  return LAYER_IMPLS.tanh.apply(x, layer as never, resolved, () => {
    throw new Error('no variables');
  }, { training: true });
};

describe('scaled tanh', () => {
  const x = () => tf.tensor2d([[-3, -0.5, 0, 0.25, 10]]);
  const X = [-3, -0.5, 0, 0.25, 10];

  it('s·tanh(x)', async () => {
    expect(Array.from(await apply({ type: 'tanh', scale: 2.5 }, x()).data())).toEqual(X.map((v) => expect.closeTo(2.5 * Math.tanh(v), 6)));
  });

  it('scale 1 and no scale are tanh itself', async () => {
    const plain = Array.from(await tf.tanh(x()).data());
    expect(Array.from(await apply({ type: 'tanh' }, x()).data())).toEqual(plain);
    expect(Array.from(await apply({ type: 'tanh', scale: 1 }, x()).data())).toEqual(plain);
  });

  it('keeps a network’s outputs inside (−s, s)', async () => {
    const engine = await engineOf(planOf(tinyGan({ generator: [{ type: 'dense', units: 6 }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'tanh', scale: 0.5 }] }), { size: 'tiny' }), 'cpu');
    for (let i = 0; i < 3; i++) engine.iterate();
    const out = (await engine.sample('G', 'out', 64)).data;
    expect(Math.max(...Array.from(out, Math.abs))).toBeLessThan(0.5);
    expect(Math.max(...Array.from(out, Math.abs))).toBeGreaterThan(0.01);
    engine.dispose();
  });

  it('a network ending in it declares its output range as (−s, s)', () => {
    expect(networkOutputRange({ layers: [{ type: 'dense', units: 2 }, { type: 'tanh', scale: 3 }] }, 'out')).toEqual([-3, 3]);
    expect(networkOutputRange({ layers: [{ type: 'dense', units: 2 }, { type: 'tanh' }] }, 'out')).toEqual([-1, 1]);
  });

  it('a scale of zero or below is refused, naming the layer and field', () => {
    expect(parseLayers([{ type: 'dense', units: 2 }, { type: 'tanh', scale: 0 }])).toEqual({ error: 'Tanh (layer 2) scale: Too small: expected number to be >0', field: 'layers[1].scale' });
    const diagnostics = checkDocument(tinyGan({ generator: [{ type: 'dense', units: 2 }, { type: 'tanh', scale: -1 } as unknown as Layer] })).diagnostics;
    expect(diagnostics.filter((d) => d.node === 'G').map((d) => d.field)).toEqual(['layers[1].scale']);
  });
});
