/** Noise and codes: fresh random batches from the node's own stream. */
import type { Tensor } from '../tf';
import { drawnTensor, type DrawnContext, type NodeEvaluator } from './types';

const single = (port: string) => (_inputs: Record<string, Tensor>, ctx: DrawnContext) => ({ [port]: drawnTensor(ctx, port, ctx.node.outputs[port].dims) });

export const Noise: NodeEvaluator<'Noise'> = {
  setup({ node, stream }) {
    const rng = stream('z');
    const dim = node.params.dim as number;
    const uniform = node.params.distribution === 'uniform';
    return {
      draw(batch) {
        const z = new Float32Array(batch * dim);
        for (let i = 0; i < z.length; i++) z[i] = uniform ? rng.uniform(-1, 1) : rng.normal();
        return { z };
      },
    };
  },
  evaluate: single('z'),
};

export const CategoricalCode: NodeEvaluator<'CategoricalCode'> = {
  setup({ node, stream }) {
    const rng = stream('c');
    const k = node.params.k as number;
    return {
      draw(batch) {
        const c = new Float32Array(batch * k);
        for (let i = 0; i < batch; i++) c[i * k + rng.int(k)] = 1;
        return { c };
      },
    };
  },
  evaluate: single('c'),
};

export const ContinuousCode: NodeEvaluator<'ContinuousCode'> = {
  setup({ node, stream }) {
    const rng = stream('c');
    const dim = node.params.dim as number;
    const lo = node.params.min as number;
    const hi = node.params.max as number;
    return {
      draw(batch) {
        const c = new Float32Array(batch * dim);
        for (let i = 0; i < c.length; i++) c[i] = rng.uniform(lo, hi);
        return { c };
      },
    };
  },
  evaluate: single('c'),
};
