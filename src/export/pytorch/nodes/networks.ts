/** Generator, Discriminator, Classifier, Encoder and Head: one module per parameter group, applied here. */
import type { PlanNode } from '../../../compiler/plan';
import type { LayerOf } from '../../../graph/layers';
import type { ResolvedNetwork } from '../../../graph/nodes/network-common';
import { pyFloat } from '../python';
import { required, type Forward, type ForwardContext, type TorchNode } from './types';

/** The layers that draw while training (dropout masks, Gaussian noise), in stack order. */
interface DrawingLayer {
  index: number;
  kind: 'dropout' | 'noise';
  rate?: number;
  dims: number[];
}

function drawingLayers(node: PlanNode): DrawingLayer[] {
  const net = node.params.network as ResolvedNetwork;
  return net.layers.flatMap((r, index): DrawingLayer[] => {
    if (r.layer.type === 'dropout') return [{ index, kind: 'dropout' as const, rate: (r.layer as LayerOf<'dropout'>).rate, dims: r.output }];
    if (r.layer.type === 'gaussianNoise') return [{ index, kind: 'noise' as const, dims: r.output }];
    return [];
  });
}

function network(inputPort: string, extraParams: string[] = []): TorchNode {
  return {
    // `ema` is the group's (plan.groups[].ema), written into model.py.
    params: ['layers', 'width', 'featuresAt', 'network', 'ema', ...extraParams],
    source(node) {
      const layers = drawingLayers(node);
      if (!layers.length) return undefined;
      return {
        expression: `feed.LayerDraws([${layers.map((l) => `(${l.index}, "${l.kind}", ${l.rate === undefined ? 'None' : pyFloat(l.rate)}, [${l.dims.join(', ')}])`).join(', ')}])`,
        comment: `what ${node.label}'s ${layers.map((l) => (l.kind === 'noise' ? 'noise' : 'dropout')).join(' and ')} layers draw (training only)`,
      };
    },
    forward(ctx: ForwardContext): Forward {
      const node = ctx.node;
      const net = node.params.network as ResolvedNetwork;
      const network = ctx.network(node.group ?? node.id);
      const x = required(ctx, inputPort);
      const extra: string[] = [];
      const drawing = drawingLayers(node);
      if (ctx.training && drawing.length) {
        extra.push(`draws={${drawing.map((l) => `${l.index}: ${ctx.drawn(`layer${l.index}`)}`).join(', ')}}`);
        if (drawing.some((l) => l.kind === 'noise')) extra.push(`progress=${ctx.progress}`);
      }
      const callOn = (input: string, features: boolean) => `${network}(${[input, ...(features ? ['features=True'] : []), ...extra].join(', ')})`;
      const rerun = { input: x, network, call: (v: string, port: string) => (port === 'features' ? `${callOn(v, true)}[1]` : callOn(v, false)) };
      const features = ctx.reads('features') && net.features;
      const out = ctx.name('out');
      if (!features) return { lines: [`${out} = ${callOn(x, false)}`], outputs: { out }, rerun };
      const featureName = ctx.name('features', (net.layers[net.features!.index].layer.name as string | undefined) ?? 'features');
      return { lines: [`${out}, ${featureName} = ${callOn(x, true)}`], outputs: { out, features: featureName }, rerun };
    },
  };
}

export const Generator = network('x');
export const Discriminator = network('x');
export const Classifier = network('x');
export const Encoder = network('x');
export const Head = network('features', ['outputKind']);
