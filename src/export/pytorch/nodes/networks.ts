/** Generator, Discriminator, Classifier, Encoder and Head: one module per parameter group, applied here. */
import type { PlanNode } from '../../../compiler/plan';
import type { LayerOf } from '../../../graph/layers';
import type { ResolvedNetwork } from '../../../graph/nodes/network-common';
import { pyFloat } from '../python';
import { required, type Forward, type ForwardContext, type TorchNode } from './types';

function dropoutLayers(node: PlanNode): { index: number; rate: number; dims: number[] }[] {
  const net = node.params.network as ResolvedNetwork;
  return net.layers.flatMap((r, index) => (r.layer.type === 'dropout' ? [{ index, rate: (r.layer as LayerOf<'dropout'>).rate, dims: r.output }] : []));
}

function network(inputPort: string, extraParams: string[] = []): TorchNode {
  return {
    params: ['layers', 'width', 'featuresAt', 'network', ...extraParams],
    source(node) {
      const layers = dropoutLayers(node);
      if (!layers.length) return undefined;
      return {
        expression: `feed.DropoutMasks([${layers.map((l) => `(${l.index}, ${pyFloat(l.rate)}, [${l.dims.join(', ')}])`).join(', ')}])`,
        comment: `dropout masks of ${node.label} (training only)`,
      };
    },
    forward(ctx: ForwardContext): Forward {
      const node = ctx.node;
      const net = node.params.network as ResolvedNetwork;
      const args = [required(ctx, inputPort)];
      const features = ctx.reads('features') && net.features;
      if (features) args.push('features=True');
      const dropout = dropoutLayers(node);
      if (ctx.training && dropout.length) args.push(`dropout={${dropout.map((l) => `${l.index}: ${ctx.drawn(`layer${l.index}`)}`).join(', ')}}`);
      const call = `${ctx.network(node.group ?? node.id)}(${args.join(', ')})`;
      const out = ctx.name('out');
      if (!features) return { lines: [`${out} = ${call}`], outputs: { out } };
      const featureName = ctx.name('features', (net.layers[net.features!.index].layer.name as string | undefined) ?? 'features');
      return { lines: [`${out}, ${featureName} = ${call}`], outputs: { out, features: featureName } };
    },
  };
}

export const Generator = network('x');
export const Discriminator = network('x');
export const Classifier = network('x');
export const Encoder = network('x');
export const Head = network('features', ['outputKind']);
