/** The loss nodes: each gives one scalar (unweighted: the phases' term weights apply). */
import { pyFloat, pyString } from '../python';
import { assign, required, type TorchNode } from './types';

const LOSS = ['weight'];

export const AdversarialLoss: TorchNode = {
  params: [...LOSS, 'target', 'type', 'role', 'smoothing'],
  refuse: (node) => (['bce', 'least-squares', 'hinge'].includes(node.params.type as string) ? undefined : `adversarial loss type "${String(node.params.type)}" is not supported`),
  forward(ctx) {
    const p = ctx.node.params;
    const options = [pyString(p.target === 'fake' ? 'fake' : 'real')];
    if (p.type && p.type !== 'bce') options.push(`kind=${pyString(p.type as string)}`);
    if (p.type === 'hinge' && p.role === 'generator') options.push(`role=${pyString('generator')}`);
    if ((p.smoothing as number | undefined) && p.target !== 'fake') options.push(`smoothing=${pyFloat(p.smoothing as number)}`);
    const weights = ctx.input('weights');
    if (weights) options.push(`weights=${weights}`);
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
    const weights = ctx.input('weights') ? `, weights=${ctx.input('weights')}` : '';
    return assign(ctx, 'loss', `ops.cross_entropy(${required(ctx, 'logits')}, ${required(ctx, 'labels')}${soft}${weights})`);
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

/** γ/2 · E‖∇ₓD(x)‖², D the network feeding `logits` evaluated again on its input (double backprop). */
export const R1Penalty: TorchNode = {
  params: [...LOSS, 'gamma'],
  forward(ctx) {
    const judge = ctx.rerun('logits');
    return assign(ctx, 'loss', `ops.r1_penalty(lambda v: ${judge.call('v', '')}, ${judge.input}, gamma=${pyFloat(ctx.node.params.gamma as number)}, network=${judge.network})`);
  },
};
