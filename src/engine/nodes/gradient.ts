/** Gradient control: reversal (×−λ backwards, λ from its schedule) and stop. */
import { reversalLambda } from '../../graph/nodes/gradient-reversal';
import { gradientReversal, stopGradient } from '../ops';
import type { NodeEvaluator } from './types';

export const GradientReversal: NodeEvaluator<'GradientReversal'> = {
  evaluate: ({ x }, ctx) => ({ out: ctx.training ? gradientReversal(x, reversalLambda(ctx.node.params, ctx.progress)) : x }),
};

export const StopGradient: NodeEvaluator<'StopGradient'> = {
  evaluate: ({ x }) => ({ out: stopGradient(x) }),
};
