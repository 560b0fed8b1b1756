import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { checkExampleWeights, exampleWeightsPort, input, lossWeightParam, scalar } from './shared';

export const CrossEntropy = defineKind({
  id: 'CrossEntropy',
  category: 'loss',
  title: 'Cross-entropy',
  description: 'Classification loss of logits against labels (softmax for k classes, sigmoid for one).',
  params: [lossWeightParam],
  inputs: [
    { name: 'logits', accepts: ['logits'], description: 'the predictions' },
    { name: 'labels', accepts: ['label', 'logits'], description: 'the true classes (one-hot), or soft targets' },
    exampleWeightsPort,
  ],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean loss' }],
  formula: ({ args }) => `CE(${args.logits}, ${args.labels})`,
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    const l = input(ctx, 'logits');
    const y = input(ctx, 'labels');
    if (l.dims.length !== 1 || y.dims.length !== 1 || l.dims[0] !== y.dims[0]) {
      throw new ShapeError(`input labels has ${describeShape(y)} but the logits have ${describeShape(l)}; their class counts must match`, 'labels');
    }
    checkExampleWeights(ctx);
    return { loss: scalar };
  },
});
