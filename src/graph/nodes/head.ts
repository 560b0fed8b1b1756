import { defineKind } from '../node-kind';
import type { Shape, TensorKind } from '../types';
import { networkOutputRange, networkOutputs, networkParams, NETWORK_SHARED_PARAMS, resolveNetwork, type NetworkResolved } from './network-common';

const kindOf = (params: Record<string, unknown>) => (dims: number[]): TensorKind =>
  dims.length === 3 ? 'image' : (params.outputKind as TensorKind);

const outputKindParam = { name: 'outputKind', label: 'output', type: 'enum', options: ['logits', 'code', 'vector'], default: 'logits', help: 'What the head predicts.' } as const;
type HeadParams = readonly [...ReturnType<typeof networkParams>, typeof outputKindParam];

export const Head = defineKind<'Head', HeadParams, NetworkResolved>({
  id: 'Head',
  category: 'network',
  title: 'Head',
  description: 'A new output on another network’s features: its own layers, the trunk’s weights shared (InfoGAN’s Q on D).',
  params: [
    ...networkParams([{ type: 'dense', units: 128 }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'dense', units: 12 }]),
    outputKindParam,
  ],
  inputs: [
    { name: 'features', accepts: ['vector', 'image', 'code'], description: 'the trunk’s features (a network’s `features` port)' },
    { name: 'shares', label: 'shares weights of', accepts: ['weights'], optional: true, description: 'reuse another head’s weights' },
  ],
  outputs: (p) => networkOutputs(p, 'the head’s prediction', (p.outputKind as TensorKind) ?? 'logits'),
  gradient: 'pass',
  trainable: true,
  sharedParams: [...NETWORK_SHARED_PARAMS, 'outputKind'],
  outputRange: networkOutputRange,
  infer(ctx) {
    const net = resolveNetwork(ctx, 'features', kindOf(ctx.params));
    const out: Record<string, Shape> = { out: net.output, weights: { kind: 'weights', dims: [] } };
    if (net.features) out.features = net.features.shape;
    return out;
  },
  resolve(ctx) {
    return { ...ctx.params, network: resolveNetwork(ctx, 'features', kindOf(ctx.params)) };
  },
});
