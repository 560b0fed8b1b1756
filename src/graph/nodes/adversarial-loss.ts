import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { input, lossWeightParam, scalar } from './shared';

export const AdversarialLoss = defineKind({
  id: 'AdversarialLoss',
  category: 'loss',
  title: 'Adversarial loss',
  description: 'Pushes a discriminator’s score towards “real” or “fake”.',
  params: [
    { name: 'target', type: 'enum', options: ['real', 'fake'], default: 'real', help: 'The verdict this loss asks for.' },
    {
      name: 'type',
      type: 'enum',
      options: ['bce', 'least-squares', 'hinge'],
      optionLabels: { bce: 'non-saturating BCE', 'least-squares': 'least squares', hinge: 'hinge' },
      default: 'bce',
      help: 'BCE: log loss of the logit; least squares: (D − t)²; hinge: margin loss.',
    },
    {
      name: 'role',
      type: 'enum',
      options: ['discriminator', 'generator'],
      default: 'discriminator',
      help: 'Hinge only: the generator’s side is −D(x) instead of a margin.',
      showIf: { param: 'type', values: ['hinge'] },
    },
    lossWeightParam,
  ],
  inputs: [{ name: 'logits', accepts: ['logits'], description: 'the discriminator’s scores' }],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean loss' }],
  gradient: 'pass',
  loss: true,
  infer(ctx) {
    const l = input(ctx, 'logits');
    if (l.dims.length !== 1 || l.dims[0] !== 1) throw new ShapeError(`input logits expects one score per example but gets ${describeShape(l)}`, 'logits');
    return { loss: scalar };
  },
});
