"""The graph's operations that are not layers: gradient control, joins, image transforms and
the loss formulas, each as ganvas's engine computes it (batch means unless said)."""
import math

import numpy as np
import torch
import torch.nn.functional as F

from .layers import channels_last, frozen_statistics


# ---------------------------------------------------------------------------------------------
# Gradient control


class GradientReversal(torch.autograd.Function):
    """Identity forward; the gradient flowing back is multiplied by −λ."""

    @staticmethod
    def forward(ctx, x, lam):
        ctx.lam = lam
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad):
        return -ctx.lam * grad, None


def grad_reverse(x, lam):
    return GradientReversal.apply(x, float(lam))


def dann_ramp(progress, lam=1.0, gamma=10.0):
    """λ·(2 / (1 + e^(−γp)) − 1): DANN's reversal strength, from 0 to λ over training progress p."""
    return lam * (2.0 / (1.0 + math.exp(-gamma * progress)) - 1.0)


# ---------------------------------------------------------------------------------------------
# Joins and codes


def flatten_hwc(x):
    """A batch as vectors, images in (H, W, C) order as ganvas flattens them."""
    return channels_last(x).reshape(x.shape[0], -1)


class StraightThroughOneHot(torch.autograd.Function):
    """Forward: the one-hot of each row's largest entry; backward: the gradient passes to the row as
    if it had been used as it is."""

    @staticmethod
    def forward(ctx, p):
        return F.one_hot(p.argmax(-1), p.shape[-1]).to(p.dtype)

    @staticmethod
    def backward(ctx, grad):
        return grad


def pair(x, y, mode="flatten", hard=False):
    """x with y appended: flattened, or y tiled over the image as extra channels. `hard`: y as the
    one-hot of its argmax (straight-through), and each row's confidence (its largest value) beside."""
    code = StraightThroughOneHot.apply(y) if hard else y
    if mode == "channels":
        n, _, h, w = x.shape
        joined = torch.cat([x, code.view(n, -1, 1, 1).expand(n, code.shape[1], h, w)], dim=1)
    else:
        joined = torch.cat([flatten_hwc(x), code], dim=1)
    return (joined, y.max(1, keepdim=True).values) if hard else joined


def reparameterize(mu, logvar, eps):
    """z = μ + exp(½·log σ²)·ε."""
    return mu + torch.exp(logvar * 0.5) * eps


def composite(x, y, mask):
    """x where the mask is 0, y in the hole (mask 1)."""
    return x * (1 - mask) + y * mask


# ---------------------------------------------------------------------------------------------
# Resampling (the Degrade node): separable matrices, so it is differentiable and exact


def _kernel(name):
    if name == "box":
        return (lambda x: 1.0 if -0.5 <= x < 0.5 else 0.0), 0.5
    if name == "linear":
        return (lambda x: max(0.0, 1.0 - abs(x))), 1.0

    def cubic(x, a=-0.5):
        x = abs(x)
        if x < 1:
            return ((a + 2) * x - (a + 3)) * x * x + 1
        if x < 2:
            return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
        return 0.0

    return cubic, 2.0


def resample_matrix(in_size, out_size, kernel):
    """[out, in] weights: output sample i centred at input coordinate (i + ½)·in/out, the kernel
    widened by the step when shrinking (antialiasing), edge pixels repeated, rows summing to 1."""
    f, support = _kernel(kernel)
    step = in_size / out_size
    scale = max(1.0, step)
    reach = support * scale
    taps = math.ceil(2 * reach) + 2
    m = np.zeros((out_size, in_size), dtype=np.float32)
    for i in range(out_size):
        centre = (i + 0.5) * step
        weights, indices, total = [], [], 0.0
        for j in range(math.floor(centre - reach), math.ceil(centre + reach)):
            if len(weights) >= taps:
                break
            w = f((j + 0.5 - centre) / scale)
            if w == 0:
                continue
            indices.append(min(in_size - 1, max(0, j)))
            weights.append(np.float32(w))
            total += w
        for j, w in zip(indices, weights):
            m[i, j] += np.float32(w / total)
    return torch.from_numpy(m)


def resample(x, out_h, out_w, kernel):
    """NCHW images resampled to out_h × out_w (kernel: box = area, cubic = bicubic, linear)."""
    ry = resample_matrix(x.shape[2], out_h, kernel).to(x)
    rx = resample_matrix(x.shape[3], out_w, kernel).to(x)
    return torch.einsum("oh,nchw,pw->ncop", ry, x, rx)


# ---------------------------------------------------------------------------------------------
# Losses


def batch_mean(values, weights=None):
    """The batch mean of per-example values; with `weights` (one per example, constants to the
    gradient) each example counts its weight: mean_i(w_i · l_i)."""
    if weights is None:
        return values.mean()
    per_example = values.reshape(values.shape[0], -1).mean(1) if values.dim() > 1 else values
    return (per_example * weights.detach().reshape(-1)).mean()


def sigmoid_cross_entropy(logits, target, weights=None):
    """BCE of logits against targets, in the stable form max(l, 0) − l·t + log(1 + e^−|l|), mean."""
    return batch_mean(F.relu(logits) - logits * target + torch.log1p(torch.exp(-logits.abs())), weights)


def softmax_cross_entropy(logits, target, weights=None):
    """Batch mean of −Σ t·log softmax(l), for one-hot or soft targets."""
    return batch_mean(-(target * F.log_softmax(logits, dim=-1)).sum(-1), weights)


def cross_entropy(logits, labels, soft=False, weights=None):
    """k classes: softmax cross-entropy; one class: sigmoid. `soft`: the labels are logits too."""
    if logits.shape[-1] == 1:
        return sigmoid_cross_entropy(logits, torch.sigmoid(labels) if soft else labels, weights)
    return softmax_cross_entropy(logits, torch.softmax(labels, dim=-1) if soft else labels, weights)


def r1_penalty(judge, x, gamma, network):
    """γ/2 · mean over examples of ‖∂judge(x)/∂x‖² (Mescheder et al.'s R1), kept on the graph so the
    phase's gradient with respect to the judge's weights is a second derivative. The judge runs a
    second time with its BatchNorm averages (and spectral norm's u) left as they are."""
    if not x.requires_grad:
        x = x.detach().requires_grad_(True)
    with frozen_statistics(network):
        out = judge(x)
    (grad,) = torch.autograd.grad(out.sum(), x, create_graph=True)
    return (grad**2).reshape(grad.shape[0], -1).sum(1).mean() * (gamma / 2)


def entropy(logits):
    """Batch mean of H(p) = −Σ p·log p, p = softmax(logits), in nats (from log-softmax, so confident rows stay finite)."""
    logp = F.log_softmax(logits, dim=-1)
    return -(logp.exp() * logp).sum(-1).mean()


def mean_squared_error(a, b):
    return ((a - b) ** 2).mean()


def adversarial(logits, target="real", kind="bce", role="discriminator", smoothing=0.0, weights=None):
    """The verdict `target` asked of a discriminator's scores; `smoothing` softens the real target
    to 1 − s (one-sided); `weights` weigh each example."""
    real = target != "fake"
    goal = 1.0 - smoothing if real else 0.0
    if kind == "least-squares":
        return batch_mean((logits - goal) ** 2, weights)
    if kind == "hinge":
        if role == "generator":
            return -batch_mean(logits, weights) if real else batch_mean(logits, weights)
        return batch_mean(F.relu(1 - logits if real else 1 + logits), weights)
    return sigmoid_cross_entropy(logits, goal, weights)


def reconstruction(prediction, target, metric="l2", mask=None):
    """Mean error per counted value; with a mask only values where it is 1 count."""
    if metric == "l1":
        err = (prediction - target).abs()
    elif metric == "bce":
        p = prediction.clamp(1e-7, 1 - 1e-7)
        err = -(target * torch.log(p) + (1 - target) * torch.log(1 - p))
    else:
        err = (prediction - target) ** 2
    if mask is None:
        return err.mean()
    weights = mask.expand_as(err)
    return (err * weights).sum() / weights.sum().clamp(min=1)


def kl_normal(mu, logvar):
    """KL(N(μ, σ²) ‖ N(0, 1)) summed over the code, averaged over the batch."""
    return ((1 + logvar - (mu**2 + torch.exp(logvar))).sum(-1) * -0.5).mean()


def contrastive_pair(a, b, label, margin):
    """Mean ‖a_i − b_i‖² (partners of the same class), plus the mean over pairs (i, j) of
    different classes of max(0, margin − ‖a_i − b_j‖)²."""
    positive = ((a - b) ** 2).sum(1).mean()
    d2 = F.relu((a**2).sum(1, keepdim=True) - 2 * a @ b.t() + (b**2).sum(1).view(1, -1))
    d = torch.sqrt(d2 + 1e-12)
    different = 1 - label @ label.t()
    hinge = F.relu(margin - d) ** 2
    negative = (hinge * different).sum() / different.sum().clamp(min=1)
    return positive + negative
