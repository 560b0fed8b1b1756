import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { expectSame, input, lossWeightParam, scalar } from './shared';

export const ContrastivePair = defineKind({
  id: 'ContrastivePair',
  category: 'loss',
  title: 'Contrastive pair',
  description: 'Pulls embeddings of the same class together and pushes different classes at least a margin apart.',
  params: [
    { name: 'margin', type: 'float', default: 1, min: 0, max: 1000, help: 'Distance different classes must keep.' },
    lossWeightParam,
  ],
  inputs: [
    { name: 'a', accepts: ['code', 'vector'], description: 'embeddings' },
    { name: 'b', accepts: ['code', 'vector'], description: 'embeddings of partners of the same class, row by row' },
    { name: 'label', accepts: ['label'], description: 'the class of each row (negatives are other rows of other classes)' },
  ],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean contrastive hinge loss' }],
  formula: ({ args, params }) => `hinge(‖${args.a} − ${args.b}‖; ${args.label}, m = ${params.margin})`,
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    const a = input(ctx, 'a');
    expectSame(a, input(ctx, 'b'), 'a', 'b');
    const y = input(ctx, 'label');
    if (y.dims.length !== 1) throw new ShapeError(`input label expects one-hot labels but gets ${describeShape(y)}`, 'label');
    if (a.dims.length !== 1) throw new ShapeError(`input a expects flat embeddings but gets ${describeShape(a)}`, 'a');
    return { loss: scalar };
  },
});
