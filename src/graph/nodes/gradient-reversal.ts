import { defineKind } from '../node-kind';
import { dannRamp } from '../term-schedule';
import { input } from './shared';

/** λ at training progress p in [0, 1], as the engine and the lesson views compute it. */
export function reversalLambda(params: Record<string, unknown>, progress: number): number {
  const lambda = params.lambda as number;
  if (params.schedule === 'dann') {
    return lambda * dannRamp(params.gamma as number, progress);
  }
  return lambda;
}

export const GradientReversal = defineKind({
  id: 'GradientReversal',
  category: 'gradient',
  title: 'Gradient reversal',
  description: 'Passes values unchanged but flips the gradient (×−λ), so what follows learns to fail (DANN).',
  params: [
    {
      name: 'schedule',
      type: 'enum',
      options: ['constant', 'dann'],
      optionLabels: { constant: 'constant λ', dann: 'DANN: λ·(2/(1+e^(−γp)) − 1)' },
      default: 'dann',
      help: 'Constant λ, or DANN’s ramp from 0 to λ over training progress p.',
    },
    { name: 'lambda', label: 'λ', type: 'float', default: 1, min: 0, max: 100, help: 'Strength of the reversal (its final value on the DANN ramp).' },
    { name: 'gamma', label: 'γ', type: 'float', default: 10, min: 0, max: 100, help: 'Steepness of the DANN ramp.', showIf: { param: 'schedule', values: ['dann'] } },
  ],
  inputs: [{ name: 'x', accepts: ['image', 'vector', 'code', 'logits'], description: 'features' }],
  outputs: [{ name: 'out', kind: 'vector', description: 'the same features; gradients flowing back are ×−λ' }],
  formula: ({ args }) => `GRL_λ(${args.x})`,
  gradient: 'reverse',
  infer: (ctx) => ({ out: input(ctx, 'x') }),
});
