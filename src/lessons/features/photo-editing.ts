/** Photo editing: back to z three ways, and attribute edits judged by an attribute judge. */
import { mse } from '../../analysis/index';
import { defineLesson } from '../types';

/** Mean squared error per image (values in [0, 1]), averaged. */
export function meanImageError(a: Float32Array, b: Float32Array, n: number): number {
  const size = a.length / n;
  let total = 0;
  for (let i = 0; i < n; i++) total += mse(a.subarray(i * size, (i + 1) * size), b.subarray(i * size, (i + 1) * size));
  return total / n;
}

export const PHOTO_EDITING_LESSON = defineLesson({
  view: 'photo-editing',
  title: 'Photo editing: back to z three ways, and attribute edits',
  roles: {
    data: { description: 'the real faces', category: ['data'], outputs: ['image'] },
    encoder: { description: 'the encoder E(x) back to z', category: ['network'] },
    generator: { description: 'the generator G(z)', category: ['network'], outputs: ['image'] },
    code: { description: 'the z that feeds G (descended on, and set to E(x))', outputs: ['code', 'vector'] },
    judge: { description: 'the discriminator on G’s pictures (the realism term)', category: ['network'], outputs: ['logits'] },
  },
  results: {
    template: 'photo-editing',
    variants: ['one-encoder-step'],
    reference: [
      { metric: 'reconstructionError.descent', target: '(1) descent on z from noise' },
      { metric: 'reconstructionError.encoder', target: '(2) z = E(x)' },
      {
        metric: 'reconstructionError.encoderThenDescent',
        target: '(3) E(x) then descent: the lowest of the three',
        met: (v, f) => v <= (f('reconstructionError.descent') ?? -Infinity) && v <= (f('reconstructionError.encoder') ?? -Infinity),
      },
      { metric: 'flipShare', target: '≥ 70% of attribute edits (α = 1.5) flip the attribute judge, on attributes it judges ≥ 80% right', met: (v) => v >= 0.7 },
      { metric: 'flipShare', variant: 'one-encoder-step', target: 'beside: one encoder step per iteration' },
      { metric: 'identityChange', target: 'beside the flips: mean pixel error an edit causes' },
      { metric: 'identityChange', variant: 'one-encoder-step', target: 'beside: one encoder step per iteration' },
      { metric: 'flipShareLogistic', target: 'the earlier definition: a logistic-regression judge, every attribute (near chance on some)' },
    ],
  },
});
