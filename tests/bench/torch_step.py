"""One GAN training step (D step, then G step, Adam) in PyTorch, timed.

Mirrors tests/bench/wasm-dcgan.ts: batch 64, the generator runs afresh in each
of the two steps, the D step does not backpropagate into G, and the G step
computes no gradients for D's weights (TF.js computes only what is asked for).

Prints one JSON line: {"ms_per_step" (median), "threads", "torch", "blas"}.
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def mlp_gan():
    g = nn.Sequential(nn.Linear(74, 256), nn.ReLU(), nn.Linear(256, 784), nn.Tanh())
    d = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))
    return g, d, (784,)


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(x.shape[0], *self.shape)


def small_dcgan():
    # Same layers as the TF.js bench; k4 s2 padding 1 equals TF 'same' here.
    g = nn.Sequential(
        nn.Linear(74, 7 * 7 * 64),
        Reshape(64, 7, 7),
        nn.ConvTranspose2d(64, 32, 4, 2, 1),
        nn.BatchNorm2d(32),
        nn.ReLU(),
        nn.ConvTranspose2d(32, 1, 4, 2, 1),
        nn.Tanh(),
    )
    d = nn.Sequential(
        nn.Conv2d(1, 32, 4, 2, 1),
        nn.LeakyReLU(0.2),
        nn.Conv2d(32, 64, 4, 2, 1),
        nn.LeakyReLU(0.2),
        nn.Flatten(),
        nn.Linear(7 * 7 * 64, 1),
    )
    return g, d, (1, 28, 28)


def loaded_blas():
    """Shared libraries providing BLAS/LAPACK in this process."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line or "lapack" in line}
    return sorted(p for p in paths if p.startswith("/"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--net", choices=["mlp", "dcgan"], required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    g, d, image_shape = mlp_gan() if args.net == "mlp" else small_dcgan()
    g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    batch = 64
    real = torch.rand(batch, *image_shape) * 2 - 1
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)

    def step():
        d_opt.zero_grad(set_to_none=True)
        fake = g(torch.randn(batch, 74)).detach()
        d_loss = bce(d(real), ones) + bce(d(fake), zeros)
        d_loss.backward()
        d_opt.step()

        for p in d.parameters():
            p.requires_grad_(False)
        g_opt.zero_grad(set_to_none=True)
        g_loss = bce(d(g(torch.randn(batch, 74))), ones)
        g_loss.backward()
        g_opt.step()
        for p in d.parameters():
            p.requires_grad_(True)
        return d_loss.item() + g_loss.item()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    print(
        json.dumps(
            {
                "ms_per_step": statistics.median(times),
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
                "blas": loaded_blas(),
            }
        )
    )


if __name__ == "__main__":
    main()
