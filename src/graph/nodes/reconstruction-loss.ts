import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { expectSame, input, lossWeightParam, scalar } from './shared';

export const ReconstructionLoss = defineKind({
  id: 'ReconstructionLoss',
  category: 'loss',
  title: 'Reconstruction loss',
  description: 'How far a prediction is from its target, pixel by pixel (optionally only inside a mask).',
  params: [
    { name: 'metric', type: 'enum', options: ['l2', 'l1', 'bce'], default: 'l2', help: 'Squared error, absolute error, or BCE for values in [0, 1].' },
    lossWeightParam,
  ],
  inputs: [
    { name: 'prediction', accepts: ['image', 'vector', 'code'], description: 'what the network made' },
    { name: 'target', accepts: ['image', 'vector', 'code'], description: 'what it should have made' },
    { name: 'mask', accepts: ['image'], optional: true, description: 'weights per pixel (1 = counts)' },
  ],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean error' }],
  formula: ({ args, params }) => {
    const masked = args.mask ? ` ⊙ ${args.mask}` : '';
    if (params.metric === 'bce') return `BCE(${args.prediction}, ${args.target})${masked}`;
    return params.metric === 'l1' ? `|${args.target} − ${args.prediction}|${masked}` : args.mask ? `‖(${args.target} − ${args.prediction})${masked}‖²` : `‖${args.target} − ${args.prediction}‖²`;
  },
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    const p = input(ctx, 'prediction');
    const t = input(ctx, 'target');
    expectSame(p, t, 'prediction', 'target');
    const m = ctx.inputs.mask;
    if (m && (p.kind !== 'image' || m.dims[0] !== p.dims[0] || m.dims[1] !== p.dims[1])) {
      throw new ShapeError(`input mask must match the prediction’s size but gets ${describeShape(m)}`, 'mask');
    }
    return { loss: scalar };
  },
});
