/** Generator, Discriminator, Classifier, Encoder and Head: a layer stack applied with its group's variables. */
import type { ResolvedNetwork } from '../../graph/nodes/network-common';
import { layerImpl } from '../layers/index';
import { applyNetwork } from '../network';
import type { Tensor } from '../tf';
import type { Drawn, NodeEvaluator } from './types';

type NetworkKind = 'Generator' | 'Discriminator' | 'Classifier' | 'Encoder' | 'Head';

function network<Id extends NetworkKind>(inputPort: string): NodeEvaluator<Id> {
  return {
    setup({ node, stream }) {
      const net = node.params.network as ResolvedNetwork;
      const random = net.layers.map((r, i) => ({ r, i, impl: layerImpl(r.layer.type) })).filter((e) => e.impl.draw);
      const rng = random.length ? stream('layers') : undefined;
      return {
        draw(batch, training) {
          const out: Drawn = {};
          if (!training || !rng) return out;
          for (const { r, i, impl } of random) out[`layer${i}`] = impl.draw!(r.layer as never, r, batch, rng);
          return out;
        },
      };
    },
    evaluate(inputs, ctx) {
      const net = ctx.node.params.network as ResolvedNetwork;
      const random: Record<number, Float32Array> = {};
      for (const [key, values] of Object.entries(ctx.drawn)) random[Number(key.slice(5))] = values;
      const { out, features } = applyNetwork(net, ctx.group(ctx.node.group ?? ctx.node.id), inputs[inputPort], ctx, random);
      const result: Record<string, Tensor> = { out };
      if (features) result.features = features;
      return result;
    },
  };
}

export const Generator: NodeEvaluator<'Generator'> = network('x');
export const Discriminator: NodeEvaluator<'Discriminator'> = network('x');
export const Classifier: NodeEvaluator<'Classifier'> = network('x');
export const Encoder: NodeEvaluator<'Encoder'> = network('x');
export const Head: NodeEvaluator<'Head'> = network('features');
