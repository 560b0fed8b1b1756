/** Gradient control: reversal (×−λ backwards, λ on its schedule) and stop (detach). */
import { pyFloat } from '../python';
import { assign, required, type TorchNode } from './types';

export const GradientReversal: TorchNode = {
  params: ['schedule', 'lambda', 'gamma'],
  refuse: (node) => (['constant', 'dann'].includes(node.params.schedule as string) ? undefined : `its λ schedule "${String(node.params.schedule)}" is not supported`),
  forward(ctx) {
    const x = required(ctx, 'x');
    // Only training reverses anything: inference is the identity, as in the engine.
    if (!ctx.training) return { lines: [], outputs: { out: x } };
    const p = ctx.node.params;
    const lam =
      p.schedule === 'dann'
        ? `ops.dann_ramp(${ctx.progress}, lam=${pyFloat(p.lambda as number)}, gamma=${pyFloat(p.gamma as number)})`
        : pyFloat(p.lambda as number);
    return assign(ctx, 'out', `ops.grad_reverse(${x}, ${lam})`);
  },
};

export const StopGradient: TorchNode = {
  params: [],
  forward: (ctx) => assign(ctx, 'out', `${required(ctx, 'x')}.detach()`),
};
