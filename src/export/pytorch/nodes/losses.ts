/** The loss nodes: each gives one scalar (unweighted: the phases' term weights apply). */
import { pyFloat, pyString } from '../python';
import { assign, required, type TorchNode } from './types';

const LOSS = ['weight'];

export const AdversarialLoss: TorchNode = {
  params: [...LOSS, 'target', 'type', 'role'],
  refuse: (node) => (['bce', 'least-squares', 'hinge'].includes(node.params.type as string) ? undefined : `adversarial loss type "${String(node.params.type)}" is not supported`),
  forward(ctx) {
    const p = ctx.node.params;
    const options = [pyString(p.target === 'fake' ? 'fake' : 'real')];
    if (p.type && p.type !== 'bce') options.push(`kind=${pyString(p.type as string)}`);
    if (p.type === 'hinge' && p.role === 'generator') options.push(`role=${pyString('generator')}`);
    return assign(ctx, 'loss', `ops.adversarial(${required(ctx, 'logits')}, ${options.join(', ')})`);
  },
};

export const ReconstructionLoss: TorchNode = {
  params: [...LOSS, 'metric'],
  forward(ctx) {
    const args = [required(ctx, 'prediction'), required(ctx, 'target')];
    const metric = (ctx.node.params.metric as string) ?? 'l2';
    if (metric !== 'l2') args.push(`metric=${pyString(metric)}`);
    const mask = ctx.input('mask');
    if (mask) args.push(`mask=${mask}`);
    return assign(ctx, 'loss', `ops.reconstruction(${args.join(', ')})`);
  },
};

export const KLNormal: TorchNode = {
  params: LOSS,
  forward: (ctx) => assign(ctx, 'loss', `ops.kl_normal(${required(ctx, 'mu')}, ${required(ctx, 'logvar')})`),
};

export const CrossEntropy: TorchNode = {
  params: LOSS,
  forward(ctx) {
    const soft = ctx.inputKind('labels') === 'logits' ? ', soft=True' : '';
    return assign(ctx, 'loss', `ops.cross_entropy(${required(ctx, 'logits')}, ${required(ctx, 'labels')}${soft})`);
  },
};

export const CodeRegression: TorchNode = {
  params: LOSS,
  forward: (ctx) => assign(ctx, 'loss', `ops.mean_squared_error(${required(ctx, 'prediction')}, ${required(ctx, 'code')})`),
};

export const FeatureMatching: TorchNode = {
  params: LOSS,
  forward: (ctx) => assign(ctx, 'loss', `ops.mean_squared_error(${required(ctx, 'a')}, ${required(ctx, 'b')})`),
};

export const ContrastivePair: TorchNode = {
  params: [...LOSS, 'margin'],
  forward: (ctx) =>
    assign(ctx, 'loss', `ops.contrastive_pair(${required(ctx, 'a')}, ${required(ctx, 'b')}, ${required(ctx, 'label')}, margin=${pyFloat(ctx.node.params.margin as number)})`),
};

export const Entropy: TorchNode = {
  params: LOSS,
  forward: (ctx) => assign(ctx, 'loss', `ops.entropy(${required(ctx, 'logits')})`),
};
