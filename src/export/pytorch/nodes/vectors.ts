/** Joining, cutting and sampling codes: Concat, Split, Pair, Reparameterize. */
import { pyString } from '../python';
import { assign, required, type TorchNode } from './types';

export const Concat: TorchNode = {
  params: [],
  // Vectors join along their one axis, images along their channels: dim 1 in both layouts' torch form.
  forward: (ctx) => assign(ctx, 'out', `torch.cat([${['a', 'b', 'c', 'd'].map((p) => ctx.input(p)).filter(Boolean).join(', ')}], dim=1)`),
};

export const Split: TorchNode = {
  params: ['sizes'],
  forward(ctx) {
    const sizes = ctx.node.params.sizes as number[];
    const names = sizes.map((_, i) => ctx.name(`out${i}`, String(i)));
    return {
      lines: [`${names.join(', ')}${names.length === 1 ? ',' : ''} = ${required(ctx, 'x')}.split([${sizes.join(', ')}], dim=1)`],
      outputs: Object.fromEntries(names.map((n, i) => [`out${i}`, n])),
    };
  },
};

export const Pair: TorchNode = {
  params: ['mode', 'labels'],
  forward(ctx) {
    const y = required(ctx, 'y');
    const code = ctx.inputKind('y') === 'logits' ? `torch.softmax(${y}, dim=1)` : y;
    const mode = ctx.node.params.mode === 'channels' ? `, ${pyString('channels')}` : '';
    if (ctx.node.params.labels !== 'hard') return assign(ctx, 'pair', `ops.pair(${required(ctx, 'x')}, ${code}${mode})`);
    const pair = ctx.name('pair');
    const confidence = ctx.name('confidence');
    return { lines: [`${pair}, ${confidence} = ops.pair(${required(ctx, 'x')}, ${code}${mode}, hard=True)`], outputs: { pair, confidence } };
  },
};

export const Reparameterize: TorchNode = {
  params: [],
  source: (node) => ({ expression: `feed.Epsilon(${node.outputs.z.dims[0]})`, comment: 'ε ~ N(0, 1) of the reparameterisation' }),
  forward(ctx) {
    const mu = required(ctx, 'mu');
    const logvar = required(ctx, 'logvar');
    const z = ctx.name('z');
    const lines = [`${z} = ops.reparameterize(${mu}, ${logvar}, ${ctx.drawn('eps')})`];
    const outputs: Record<string, string> = { z };
    if (ctx.reads('kl')) {
      const kl = ctx.name('kl');
      lines.push(`${kl} = ops.kl_normal(${mu}, ${logvar})`);
      outputs.kl = kl;
    }
    return { lines, outputs };
  },
};
