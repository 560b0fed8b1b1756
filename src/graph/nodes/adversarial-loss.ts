import { defineKind } from '../node-kind';
import { describeShape, ShapeError } from '../types';
import { checkExampleWeights, exampleWeightsPort, input, lossWeightParam, scalar } from './shared';

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
    {
      name: 'smoothing',
      label: 'label smoothing',
      type: 'float',
      default: 0,
      min: 0,
      max: 0.5,
      step: 0.05,
      help: 'One-sided label smoothing: the “real” target becomes 1 − s (e.g. 0.1), so the discriminator is never asked to be certain. Use it on the discriminator’s real term only.',
      showIf: { param: 'target', values: ['real'] },
    },
    lossWeightParam,
  ],
  inputs: [{ name: 'logits', accepts: ['logits'], description: 'the discriminator’s scores' }, exampleWeightsPort],
  outputs: [{ name: 'loss', kind: 'scalar', description: 'the mean loss' }],
  formula: ({ args, params }) => {
    const l = args.logits ?? 'D';
    const real = params.target === 'real';
    const t = real ? (params.smoothing ? `${1 - (params.smoothing as number)}` : '1') : '0';
    if (params.type === 'least-squares') return `(${l} − ${t})²`;
    if (params.type === 'hinge') return params.role === 'generator' ? `−${l}` : real ? `max(0, 1 − ${l})` : `max(0, 1 + ${l})`;
    return `BCE(${l}, ${t})`;
  },
  gradient: 'pass',
  loss: true,
  verdict: (p) => (p.target === 'fake' ? 'fake' : 'real'),
  checkParams(p) {
    if (!((p.smoothing as number) > 0)) return [];
    if (p.target !== 'real') return [{ field: 'smoothing', message: 'label smoothing softens the “real” target; a “fake” target takes none' }];
    if (p.type === 'hinge') return [{ field: 'smoothing', message: 'label smoothing applies to BCE and least squares; the hinge loss has no target to soften' }];
    return [];
  },
  infer(ctx) {
    const l = input(ctx, 'logits');
    if (l.dims.length !== 1 || l.dims[0] !== 1) throw new ShapeError(`input logits expects one score per example but gets ${describeShape(l)}`, 'logits');
    checkExampleWeights(ctx);
    return { loss: scalar };
  },
});
