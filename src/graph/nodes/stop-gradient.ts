import { defineKind } from '../node-kind';
import { input } from './shared';

export const StopGradient = defineKind({
  id: 'StopGradient',
  category: 'gradient',
  title: 'Stop gradient',
  description: 'Passes values unchanged but lets no gradient flow back through it.',
  params: [],
  inputs: [{ name: 'x', accepts: ['image', 'vector', 'code', 'logits', 'label'], description: 'anything' }],
  outputs: [{ name: 'out', kind: 'vector', description: 'the same values, treated as constants' }],
  formula: ({ args }) => `sg(${args.x})`,
  gradient: 'stop',
  infer: (ctx) => ({ out: input(ctx, 'x') }),
});
