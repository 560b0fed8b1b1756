"""The graph's operations that are not layers: gradient control, joins, image transforms and
the loss formulas, each as ganvas's engine computes it (batch means unless said)."""
import math

import numpy as np
import torch
import torch.nn.functional as F

from .layers import channels_last


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


def pair(x, y, mode="flatten"):
    """x with y appended: flattened, or y tiled over the image as extra channels."""
    if mode == "channels":
        n, _, h, w = x.shape
        return torch.cat([x, y.view(n, -1, 1, 1).expand(n, y.shape[1], h, w)], dim=1)
    return torch.cat([flatten_hwc(x), y], dim=1)


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


def sigmoid_cross_entropy(logits, target):
    """BCE of logits against targets, in the stable form max(l, 0) − l·t + log(1 + e^−|l|), mean."""
    return (F.relu(logits) - logits * target + torch.log1p(torch.exp(-logits.abs()))).mean()


def softmax_cross_entropy(logits, target):
    """Batch mean of −Σ t·log softmax(l), for one-hot or soft targets."""
    return -(target * F.log_softmax(logits, dim=-1)).sum(-1).mean()


def cross_entropy(logits, labels, soft=False):
    """k classes: softmax cross-entropy; one class: sigmoid. `soft`: the labels are logits too."""
    if logits.shape[-1] == 1:
        return sigmoid_cross_entropy(logits, torch.sigmoid(labels) if soft else labels)
    return softmax_cross_entropy(logits, torch.softmax(labels, dim=-1) if soft else labels)


def entropy(logits):
    """Batch mean of H(p) = −Σ p·log p, p = softmax(logits), in nats (from log-softmax, so confident rows stay finite)."""
    logp = F.log_softmax(logits, dim=-1)
    return -(logp.exp() * logp).sum(-1).mean()


def mean_squared_error(a, b):
    return ((a - b) ** 2).mean()


def adversarial(logits, target="real", kind="bce", role="discriminator"):
    """The verdict `target` asked of a discriminator's scores."""
    real = target != "fake"
    if kind == "least-squares":
        return ((logits - (1.0 if real else 0.0)) ** 2).mean()
    if kind == "hinge":
        if role == "generator":
            return -logits.mean() if real else logits.mean()
        return F.relu(1 - logits if real else 1 + logits).mean()
    return sigmoid_cross_entropy(logits, 1.0 if real else 0.0)


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
