/** Image transforms in the graph: Mask (holes drawn per batch), Composite, Degrade. */
import { pyFloat, pyString } from '../python';
import { assign, required, type TorchNode } from './types';

export const Mask: TorchNode = {
  params: ['shape', 'size'],
  refuse: (node) => (['centre', 'boxes', 'strokes'].includes(node.params.shape as string) ? undefined : `mask shape "${String(node.params.shape)}" is not supported`),
  source(node) {
    const [h, w] = node.outputs.mask.dims;
    return {
      expression: `feed.Mask(${h}, ${w}, ${pyString(node.params.shape as string)}, ${pyFloat(node.params.size as number)})`,
      comment: `${node.params.shape} holes, size ${node.params.size}`,
    };
  },
  forward(ctx) {
    const x = required(ctx, 'x');
    const mask = ctx.name('mask');
    const masked = ctx.name('masked');
    return { lines: [`${mask} = ${ctx.drawn('mask')}`, `${masked} = ${x} * (1 - ${mask})`], outputs: { masked, mask, x } };
  },
};

export const Composite: TorchNode = {
  params: [],
  forward: (ctx) => assign(ctx, 'out', `ops.composite(${required(ctx, 'x')}, ${required(ctx, 'y')}, ${required(ctx, 'mask')})`),
};

export const Degrade: TorchNode = {
  params: ['factor', 'method'],
  forward(ctx) {
    const x = required(ctx, 'x');
    const [h, w] = ctx.node.outputs.lr.dims;
    const kernel = ctx.node.params.method === 'area' ? 'box' : 'cubic';
    const lr = ctx.name('lr');
    return { lines: [`${lr} = ops.resample(${x}, ${h}, ${w}, ${pyString(kernel)})`], outputs: { lr, hr: x } };
  },
};
