"""The layers of a ganvas layer stack, with ganvas's semantics, in PyTorch's NCHW layout.

What differs from the stock torch.nn layers, and why:
  * Conv2d / ConvTranspose2d pad "same" the way TensorFlow does (the extra row and column go
    at the bottom and right), so shapes and values match ganvas for every stride.
  * BatchNorm normalises with the biased batch variance and its moving averages follow that
    same variance (torch.nn.BatchNorm uses the unbiased one for them); `sync` makes the
    statistics those of the global batch under DistributedDataParallel (--sync-bn).
  * Flatten and Reshape read and write images in (H, W, C) order, so a Dense layer after a
    Flatten has exactly ganvas's weights.
  * Every layer knows its ganvas variable names (`GANVAS_NAMES`: ganvas key → torch name and
    layout), which checkpoint.py uses to move weights between the two engines.
Kernels are initialised as ganvas does (Glorot uniform, zero biases) when no weights are loaded.
"""
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn

# Layouts of a ganvas variable relative to its torch tensor.
DENSE = "dense"  # ganvas [in, out] is torch Linear's [out, in] transposed
CONV = "conv"  # ganvas [k, k, in, out] (transposed conv: [k, k, out, in]) is torch's permuted (3, 2, 0, 1)


def to_ganvas(tensor, layout):
    """A torch parameter as ganvas stores it."""
    if layout == DENSE:
        return tensor.t()
    if layout == CONV:
        return tensor.permute(2, 3, 1, 0)
    return tensor


def from_ganvas(tensor, layout):
    """A ganvas variable as the torch parameter holds it."""
    if layout == DENSE:
        return tensor.t()
    if layout == CONV:
        return tensor.permute(3, 2, 0, 1)
    return tensor


def ganvas_names(layer):
    """ganvas key → (state_dict key within the layer, layout)."""
    return getattr(layer, "GANVAS_NAMES", {})


def same_padding(size, kernel, stride):
    """TensorFlow's "same" padding of one axis: (before, after), the odd pixel after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def _normalised(x):
    return x / torch.clamp(x.norm(), min=1e-12)


class SpectralNorm:
    """Spectral normalisation (Miyato et al.) as ganvas does it: the kernel divided by σ, estimated by
    one power-iteration step from a stored vector u at every application (v = normalise(Wᵀu),
    u' = normalise(Wv), σ = u'ᵀWv, with u and v constants to the gradient); a training application
    in the phase's "batch" mode keeps u'. W is the kernel as a matrix of out rows."""

    def _spectral_setup(self, out_features, enabled):
        self.spectral_norm = enabled
        self.mode = "batch"
        if enabled:
            self.register_buffer("u", _normalised(torch.randn(out_features)))
            self.GANVAS_NAMES = dict(self.GANVAS_NAMES, u=("u", None))

    def _kernel(self):
        if not self.spectral_norm:
            return self.weight
        w = self.weight.reshape(self.weight.shape[0], -1)
        with torch.no_grad():
            v = _normalised(w.t() @ self.u)
            u = _normalised(w @ v)
            if self.training and self.mode == "batch":
                self.u.copy_(u)
        return self.weight / (u @ (w @ v))


class Dense(SpectralNorm, nn.Linear):
    GANVAS_NAMES = {"kernel": ("weight", DENSE), "bias": ("bias", None)}

    def __init__(self, in_features, out_features, spectral_norm=False):
        super().__init__(in_features, out_features)
        self._spectral_setup(out_features, spectral_norm)

    def reset_parameters(self):
        nn.init.xavier_uniform_(self.weight)
        nn.init.zeros_(self.bias)

    def forward(self, x):
        return F.linear(x, self._kernel(), self.bias)


class Conv2d(SpectralNorm, nn.Conv2d):
    """A convolution with TensorFlow's "same" or "valid" padding for an input of `size` (H, W)."""

    GANVAS_NAMES = {"kernel": ("weight", CONV), "bias": ("bias", None)}

    def __init__(self, in_channels, out_channels, kernel, stride=1, padding="same", size=None, spectral_norm=False):
        pads = (0, 0, 0, 0)
        if padding == "same":
            (top, bottom), (left, right) = same_padding(size[0], kernel, stride), same_padding(size[1], kernel, stride)
            pads = (left, right, top, bottom)
        symmetric = pads[0] == pads[1] and pads[2] == pads[3]
        super().__init__(in_channels, out_channels, kernel, stride, padding=(pads[2], pads[0]) if symmetric else 0)
        self.extra_pad = None if symmetric else pads
        self._spectral_setup(out_channels, spectral_norm)

    def reset_parameters(self):
        nn.init.xavier_uniform_(self.weight)
        nn.init.zeros_(self.bias)

    def forward(self, x):
        if self.extra_pad is not None:
            x = F.pad(x, self.extra_pad)
        return self._conv_forward(x, self._kernel(), self.bias)


class ConvTranspose2d(nn.ConvTranspose2d):
    """A transposed convolution giving TensorFlow's output size: size × stride for "same"."""

    GANVAS_NAMES = {"kernel": ("weight", CONV), "bias": ("bias", None)}

    def __init__(self, in_channels, out_channels, kernel, stride=1, padding="same", size=None):
        full = [(s - 1) * stride + kernel for s in size]
        target = [s * stride for s in size] if padding == "same" else full
        # The forward convolution this transposes pads `total` before/after (the odd one after), so
        # the transposed one crops that much of its full output.
        crops = [max(f - t, 0) for f, t in zip(full, target)]
        crop = None
        torch_padding, extra = (0, 0), (0, 0)
        if all(c % 2 == 0 for c in crops) and all(f >= t for f, t in zip(full, target)):
            torch_padding = (crops[0] // 2, crops[1] // 2)
        else:
            crop = [(c // 2, t) for c, t in zip(crops, target)]
            extra = tuple(max(t - f, 0) for f, t in zip(full, target))
        super().__init__(in_channels, out_channels, kernel, stride, padding=torch_padding, output_padding=extra)
        self.crop = crop

    def reset_parameters(self):
        nn.init.xavier_uniform_(self.weight)
        nn.init.zeros_(self.bias)

    def forward(self, x):
        y = super().forward(x)
        if self.crop is not None:
            (top, h), (left, w) = self.crop
            y = y[:, :, top : top + h, left : left + w]
        return y


class BatchNorm(nn.Module):
    """Batch normalisation over every axis but the channels, as ganvas computes it.

    Training: batch statistics (biased variance); the moving averages move towards them,
    moving = momentum·moving + (1 − momentum)·batch. Inference: the moving averages.
    `mode` is the phase's BatchNorm mode for the network (see use_batch_norm_mode): "batch" as
    above, "batch-frozen" batch statistics with the averages left alone, "moving" the averages.
    """

    GANVAS_NAMES = {
        "gamma": ("weight", None),
        "beta": ("bias", None),
        "movingMean": ("running_mean", None),
        "movingVariance": ("running_var", None),
    }

    def __init__(self, channels, momentum=0.9, eps=1e-5):
        super().__init__()
        self.momentum = momentum
        self.eps = eps
        self.sync = False
        self.mode = "batch"
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer("running_mean", torch.zeros(channels))
        self.register_buffer("running_var", torch.ones(channels))

    def extra_repr(self):
        return f"{self.weight.numel()}, momentum={self.momentum}, eps={self.eps}, sync={self.sync}"

    def _statistics(self, x, dims):
        if self.sync and dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1:
            # The global batch's statistics; all_reduce from torch.distributed.nn carries gradients.
            from torch.distributed.nn.functional import all_reduce

            count = x.numel() / x.shape[1] * dist.get_world_size()
            mean = all_reduce(x.sum(dims)) / count
            var = all_reduce(((x - mean.view(self._shape(x))) ** 2).sum(dims)) / count
            return mean, var
        mean = x.mean(dims)
        return mean, ((x - mean.view(self._shape(x))) ** 2).mean(dims)

    @staticmethod
    def _shape(x):
        return (1, x.shape[1]) + (1,) * (x.dim() - 2)

    def forward(self, x):
        shape = self._shape(x)
        if self.training and self.mode != "moving":
            mean, var = self._statistics(x, [0] + list(range(2, x.dim())))
            if self.mode != "batch-frozen":
                with torch.no_grad():
                    self.running_mean.mul_(self.momentum).add_(mean.detach() * (1 - self.momentum))
                    self.running_var.mul_(self.momentum).add_(var.detach() * (1 - self.momentum))
        else:
            mean, var = self.running_mean, self.running_var
        scale = torch.rsqrt(var + self.eps) * self.weight
        return (x - mean.view(shape)) * scale.view(shape) + self.bias.view(shape)


class LayerNorm(nn.Module):
    """Normalises each example over all its values; scale and shift per channel."""

    GANVAS_NAMES = {"gamma": ("weight", None), "beta": ("bias", None)}

    def __init__(self, channels, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        dims = list(range(1, x.dim()))
        mean = x.mean(dims, keepdim=True)
        var = ((x - mean) ** 2).mean(dims, keepdim=True)
        shape = (1, x.shape[1]) + (1,) * (x.dim() - 2)
        return (x - mean) * torch.rsqrt(var + self.eps) * self.weight.view(shape) + self.bias.view(shape)


def channels_last(x):
    """NCHW images as ganvas holds them, (N, H, W, C); vectors unchanged."""
    return x.permute(0, 2, 3, 1) if x.dim() == 4 else x


def channels_first(x):
    return x.permute(0, 3, 1, 2) if x.dim() == 4 else x


class Flatten(nn.Module):
    """Images to vectors in (H, W, C) order."""

    def forward(self, x):
        return channels_last(x).reshape(x.shape[0], -1)


class Reshape(nn.Module):
    """To `shape` (H, W, C for an image, n for a vector), reading and writing (H, W, C) order."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def extra_repr(self):
        return ", ".join(str(d) for d in self.shape)

    def forward(self, x):
        return channels_first(channels_last(x).reshape(x.shape[0], *self.shape))


class Upsample(nn.Upsample):
    def __init__(self, factor, method="nearest"):
        if method == "bilinear":
            super().__init__(scale_factor=factor, mode="bilinear", align_corners=False)
        else:
            super().__init__(scale_factor=factor, mode="nearest")


class Tanh(nn.Module):
    """s·tanh(x): outputs in (−s, s)."""

    def __init__(self, scale=1.0):
        super().__init__()
        self.scale = scale

    def extra_repr(self):
        return f"scale={self.scale}"

    def forward(self, x):
        return torch.tanh(x) * self.scale


class GaussianNoise(nn.Module):
    """x + σ·ε while training, ε ~ N(0, 1) drawn by the feed; annealed, σ·(1 − p) over progress p."""

    def __init__(self, sigma, anneal="none"):
        super().__init__()
        self.sigma, self.anneal = sigma, anneal

    def extra_repr(self):
        return f"sigma={self.sigma}, anneal={self.anneal!r}"

    def forward(self, x, noise=None, progress=0.0):
        if not self.training:
            return x
        sigma = self.sigma * (1 - min(1.0, max(0.0, progress))) if self.anneal == "linear" else self.sigma
        if sigma == 0:
            return x
        return x + (noise if noise is not None else torch.randn_like(x)) * sigma


class Dropout(nn.Module):
    """Inverted dropout. In training the feed draws each mask (so every process of a distributed
    run drops the same values of the global batch); without one it falls back to F.dropout."""

    def __init__(self, rate):
        super().__init__()
        self.rate = rate

    def extra_repr(self):
        return f"rate={self.rate}"

    def forward(self, x, mask=None):
        if not self.training:
            return x
        if mask is not None:
            return x * mask
        return F.dropout(x, self.rate, training=True)


class ResidualBlock(nn.Module):
    """conv–BN–ReLU–conv–BN, plus the input."""

    def __init__(self, channels, kernel, size):
        super().__init__()
        self.conv1 = Conv2d(channels, channels, kernel, 1, "same", size)
        self.bn1 = BatchNorm(channels)
        self.conv2 = Conv2d(channels, channels, kernel, 1, "same", size)
        self.bn2 = BatchNorm(channels)
        self.GANVAS_NAMES = {}
        for name in ("conv1", "bn1", "conv2", "bn2"):
            for key, (torch_name, layout) in ganvas_names(getattr(self, name)).items():
                self.GANVAS_NAMES[f"{name}/{key}"] = (f"{name}.{torch_name}", layout)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return x + self.bn2(self.conv2(y))


class UNetBlock(nn.Module):
    """Down `depth` times and back up, with the skip of each scale concatenated on the way up.

    A 3×3 conv to ch[0] (ReLU); 4×4 stride-2 convs down to ch[i] (LeakyReLU 0.2); per level up a
    4×4 stride-2 transposed conv to ch[i−1] (ReLU), the skip concatenated, a 3×3 conv (ReLU).
    """

    def __init__(self, in_channels, filters, depth, size):
        super().__init__()
        ch = [filters * 2**i for i in range(depth + 1)]
        sizes = [(size[0] // 2**i, size[1] // 2**i) for i in range(depth + 1)]
        self.depth = depth
        self.inp = Conv2d(in_channels, ch[0], 3, 1, "same", sizes[0])
        self.down = nn.ModuleList(Conv2d(ch[i - 1], ch[i], 4, 2, "same", sizes[i - 1]) for i in range(1, depth + 1))
        self.up = nn.ModuleList(ConvTranspose2d(ch[i], ch[i - 1], 4, 2, "same", sizes[i]) for i in range(1, depth + 1))
        self.merge = nn.ModuleList(Conv2d(2 * ch[i - 1], ch[i - 1], 3, 1, "same", sizes[i - 1]) for i in range(1, depth + 1))
        self.GANVAS_NAMES = {}
        parts = [("in", "inp", self.inp)]
        parts += [(f"down{i}", f"down.{i - 1}", self.down[i - 1]) for i in range(1, depth + 1)]
        for i in range(depth, 0, -1):  # in the order ganvas lists them: coarsest level first on the way up
            parts += [(f"up{i}", f"up.{i - 1}", self.up[i - 1]), (f"merge{i}", f"merge.{i - 1}", self.merge[i - 1])]
        for prefix, path, module in parts:
            for key, (torch_name, layout) in ganvas_names(module).items():
                self.GANVAS_NAMES[f"{prefix}/{key}"] = (f"{path}.{torch_name}", layout)

    def forward(self, x):
        skips = [F.relu(self.inp(x))]
        for i in range(1, self.depth + 1):
            skips.append(F.leaky_relu(self.down[i - 1](skips[i - 1]), 0.2))
        u = skips[-1]
        for i in range(self.depth, 0, -1):
            u = F.relu(self.up[i - 1](u))
            u = F.relu(self.merge[i - 1](torch.cat([u, skips[i - 1]], dim=1)))
        return u


class Network(nn.Module):
    """A layer stack applied in order. `features_at` is the index of the layer whose output a
    head or a feature-matching loss reads (`features=True` returns it beside the output).
    `draws` are the feed's random values for this application by layer index (dropout masks,
    noise); `progress` the training progress, for annealed noise."""

    def __init__(self, *layers, features_at=None):
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.features_at = features_at

    def forward(self, x, features=False, draws=None, progress=0.0):
        feature = None
        for i, layer in enumerate(self.layers):
            if isinstance(layer, Dropout):
                x = layer(x, None if draws is None else draws.get(i))
            elif isinstance(layer, GaussianNoise):
                x = layer(x, None if draws is None else draws.get(i), progress)
            else:
                x = layer(x)
            if i == self.features_at:
                feature = x
        return (x, feature) if features else x

    def ganvas_variables(self):
        """(ganvas key within the group, torch tensor, layout) of every weight and statistic."""
        state = dict(self.named_parameters())
        state.update(self.named_buffers())
        for i, layer in enumerate(self.layers):
            for key, (torch_name, layout) in ganvas_names(layer).items():
                yield f"{i}/{key}", state[f"layers.{i}.{torch_name}"], layout


def use_batch_norm_mode(module, mode):
    """Sets every BatchNorm (and spectral normalisation, whose u moves when BatchNorm's averages
    would) in `module` to a phase's mode: "batch", "batch-frozen" or "moving"."""
    for m in module.modules():
        if isinstance(m, (BatchNorm, SpectralNorm)):
            m.mode = mode


class frozen_statistics:
    """Within it, BatchNorm averages and spectral norm's u stay as they are (batch statistics are
    still used, a "moving" mode stays): a second evaluation of a network, as R1 needs."""

    def __init__(self, module):
        self.modules = [m for m in module.modules() if isinstance(m, (BatchNorm, SpectralNorm)) and m.mode == "batch"]

    def __enter__(self):
        for m in self.modules:
            m.mode = "batch-frozen"

    def __exit__(self, *exc):
        for m in self.modules:
            m.mode = "batch"


def use_sync_batch_norm(module, sync=True):
    """Makes every BatchNorm in `module` use the global batch's statistics (--sync-bn)."""
    for m in module.modules():
        if isinstance(m, BatchNorm):
            m.sync = sync
