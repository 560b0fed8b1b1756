"""The training loop's parts that every exported graph shares: phases and their optimizers,
learning-rate schedules, processes under torchrun, metrics.jsonl, checkpoints and summary.json.

Distributed training (torchrun) wraps each phase, not each network, in DistributedDataParallel:
a PhaseModule owns exactly the networks its phase updates and computes its loss terms, so DDP
averages those networks' gradients and no others. Networks a phase only reads (the generator in
a discriminator step, the discriminator in a generator step) run with requires_grad off, which
is what the engine's "gradients with respect to this phase's groups only" means; a network used
twice in one phase is one forward of the PhaseModule, so DDP sees each weight ready once; a
phase whose networks have weights its losses never reach (a trunk read only at its features)
is wrapped with find_unused_parameters. Several optimizers per iteration are simply several
PhaseModules, each with its own DDP wrapper and optimizer.
"""
import argparse
import json
import math
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Tuple

import torch
import torch.distributed as dist
from torch import nn

from . import checkpoint as ckpt
from .layers import use_batch_norm_mode, use_sync_batch_norm

# ---------------------------------------------------------------------------------------------
# Optimizers and schedules, as the engine has them


class RMSpropTF(torch.optim.Optimizer):
    """RMSProp as TensorFlow (and ganvas) computes it: ε inside the square root, the learning
    rate inside the momentum. torch.optim.RMSprop differs on both."""

    def __init__(self, params, lr, decay=0.9, momentum=0.0, eps=1e-7):
        super().__init__(params, dict(lr=lr, decay=decay, momentum=momentum, eps=eps))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                ms = state.setdefault("square_avg", torch.zeros_like(p))
                ms.mul_(group["decay"]).add_(p.grad * p.grad * (1 - group["decay"]))
                update = p.grad * group["lr"] / torch.sqrt(ms + group["eps"])
                if group["momentum"] > 0:
                    buf = state.setdefault("momentum_buffer", torch.zeros_like(p))
                    buf.mul_(group["momentum"]).add_(update)
                    update = buf
                p.sub_(update)


def adam(lr, beta1=0.9, beta2=0.999, epsilon=1e-8):
    return lambda params: torch.optim.Adam(params, lr=lr, betas=(beta1, beta2), eps=epsilon)


def sgd(lr, momentum=0.0):
    return lambda params: torch.optim.SGD(params, lr=lr, momentum=momentum)


def rmsprop(lr, decay=0.9, momentum=0.0, epsilon=1e-7):
    return lambda params: RMSpropTF(params, lr=lr, decay=decay, momentum=momentum, eps=epsilon)


def clip_by_global_norm(params, max_norm):
    """Each gradient times c / max(n, c), n = √(Σ‖g‖²) over all of the step's gradients, as ganvas
    clips (torch's clip_grad_norm_ has 1e-6 in the denominator besides)."""
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return
    norm = torch.sqrt(sum((g * g).sum() for g in grads))
    scale = max_norm / torch.clamp(norm, min=max_norm)
    for g in grads:
        g.mul_(scale)


def linear_weight(start, end, from_=0.0, to=1.0, unit="steps"):
    """A term weight's factor over training: from_ until `start`, linear to `to` at `end`, then `to`
    (positions are iterations, or progress p ∈ [0, 1] with unit="progress")."""

    def factor(step, total):
        at = min(1.0, step / total) if unit == "progress" else step
        if at <= start:
            return from_
        if at >= end:
            return to
        return from_ + (to - from_) * (at - start) / (end - start)

    return factor


def step_weight(at, before=0.0, after=1.0, unit="steps"):
    """A term weight's factor: `before` until position `at`, then `after`."""

    def factor(step, total):
        where = min(1.0, step / total) if unit == "progress" else step
        return before if where < at else after

    return factor


def dann_weight(gamma=10.0):
    """A term weight's factor: DANN's ramp 2/(1 + e^(−γp)) − 1 over progress p."""
    return lambda step, total: 2.0 / (1.0 + math.exp(-gamma * (min(1.0, step / total) if total > 0 else 0.0))) - 1.0


def constant_lr(lr):
    return lambda progress: lr


def dann_lr(lr, alpha=10.0, beta=0.75):
    """lr / (1 + α·p)^β over training progress p (Ganin et al.)."""
    return lambda progress: lr / math.pow(1 + alpha * min(1.0, max(0.0, progress)), beta)


# ---------------------------------------------------------------------------------------------
# Phases


@dataclass
class Phase:
    """One optimizer step of a weighted loss sum on exactly `updates` (attributes of Networks)."""

    id: str
    name: str
    losses: Callable  # (nets, batch, progress) → {loss id: scalar}
    updates: Tuple[str, ...]
    terms: Dict[str, float]  # loss id → effective weight
    optimizer: Callable  # params → torch.optim.Optimizer
    learning_rate: Callable  # progress → lr
    draws: Tuple[str, ...]  # the nodes the feed draws for it
    repeats: int = 1
    find_unused: bool = False
    clip_norm: float = None  # gradients scaled down to this global norm, if set
    schedules: Dict[str, Callable] = field(default_factory=dict)  # loss id → (step, total) → weight factor
    groups: Tuple[str, ...] = field(default=())  # the same networks as ganvas group ids
    batch_norm: Dict[str, str] = field(default_factory=dict)  # attribute → BatchNorm mode, where not "batch"


class PhaseModule(nn.Module):
    """A phase as a module owning exactly the networks it updates (see the module docstring)."""

    def __init__(self, phase, nets):
        super().__init__()
        self.updated = nn.ModuleDict({name: getattr(nets, name) for name in phase.updates})
        self.compute = phase.losses

    def forward(self, nets, batch, progress):
        return self.compute(nets, batch, progress)


class PhaseRunner:
    def __init__(self, phase, nets, training, averages=None):
        self.phase = phase
        self.averages = averages
        self.repeats = phase.repeats
        self.draws = phase.draws
        groups = set(phase.groups)
        trainable = {id(p) for p in nets.parameters()}
        self.variables, self.layouts = [], {}
        for name, tensor, layout in nets.ganvas_variables():
            if name.split("/")[0] in groups and id(tensor) in trainable:
                self.variables.append((name, tensor))
                self.layouts[name] = layout
        params = [p for _, p in self.variables]
        self.optimizer = phase.optimizer(params) if params else None
        self.updates = 0
        self.step = training.wrap(PhaseModule(phase, nets), phase.find_unused) if params else PhaseModule(phase, nets)
        self.readings = None
        self.count = 0

    def update(self, nets, batch, step, total_steps):
        """One optimizer step at iteration `step` of `total_steps`: forward, weighted sum, gradients
        of exactly this phase's networks (clipped when the phase says), then the weight averages."""
        progress = min(1.0, step / total_steps) if total_steps > 0 else 0.0
        for name, net in nets.named_children():
            net.requires_grad_(name in self.phase.updates)
            use_batch_norm_mode(net, self.phase.batch_norm.get(name, "batch"))
        losses = self.step(nets, batch, progress)
        values = [losses[loss] for loss in self.phase.terms]
        total = None
        for loss, value in zip(self.phase.terms, values):
            weight = self.phase.terms[loss]
            if loss in self.phase.schedules:
                weight = weight * self.phase.schedules[loss](step, total_steps)
            term = value if weight == 1 else value * weight
            total = term if total is None else total + term
        if self.optimizer is not None:
            self.optimizer.zero_grad(set_to_none=True)
            total.backward()
            if self.phase.clip_norm:
                clip_by_global_norm([p for _, p in self.variables], self.phase.clip_norm)
            for group in self.optimizer.param_groups:
                group["lr"] = self.phase.learning_rate(progress)
            self.optimizer.step()
            if self.averages:
                self.averages.update(self.phase.groups)
        self.updates += 1
        reading = torch.stack([v.detach() for v in values] + [total.detach()]).float()
        self.readings = reading if self.readings is None else self.readings + reading
        self.count += 1

    def take_readings(self):
        """(sums of [terms…, total] since the last call, count), and starts afresh."""
        out = (self.readings, self.count)
        self.readings, self.count = None, 0
        return out


class WeightAverages:
    """Exponential moving averages of the trainable weights of the networks that keep one
    (Networks.AVERAGED: ganvas group id → decay d): after every step of a phase that updates a
    network, average ← d·average + (1 − d)·weight. Evaluations use them; checkpoints hold them as
    "ema/<weight name>"."""

    def __init__(self, nets):
        decays = getattr(nets, "AVERAGED", {})
        trainable = {id(p) for p in nets.parameters()}
        self.entries = {}  # ganvas name → (group, decay, weight, average)
        for name, tensor, layout in nets.ganvas_variables():
            group = name.split("/")[0]
            if group in decays and id(tensor) in trainable:
                self.entries[name] = (group, decays[group], tensor, layout, tensor.detach().clone())

    def __bool__(self):
        return bool(self.entries)

    def reset(self):
        """Averages equal to the weights as they are now (a fresh start)."""
        with torch.no_grad():
            for _, _, weight, _, average in self.entries.values():
                average.copy_(weight)

    @torch.no_grad()
    def update(self, groups):
        for group, d, weight, _, average in self.entries.values():
            if group in groups:
                average.mul_(d).add_(weight * (1 - d))

    @torch.no_grad()
    def apply_to(self, nets):
        """Copies the averages into `nets`' weights (for an evaluation)."""
        for _, _, weight, _, average in self.entries.values():
            weight.copy_(average)


# ---------------------------------------------------------------------------------------------
# The run: processes, device, outputs


def arguments(doc, steps, every, own_images=None):
    """The options of train.py; `own_images` (H, W, C) when the graph reads the user's images."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    if own_images:
        h, w, c = own_images
        p.add_argument("--images", help=f"a folder of your own images (PNG, or JPEG with Pillow), resized to {h}×{w}×{c}, in place of data/custom")
    p.add_argument("--steps", type=int, default=steps, help=f"total iterations (default {steps}); schedules run over these")
    p.add_argument("--stop-at", type=int, help="stop after this iteration (the schedules still run over --steps)")
    p.add_argument("--device", default="auto", help="cpu, cuda, or auto (cuda when available)")
    p.add_argument("--out", default="runs/torch", help="output folder: metrics.jsonl, checkpoint/, summary.json")
    p.add_argument("--resume", help="continue a checkpoint folder (weights, optimizer state, step, random streams)")
    p.add_argument("--weights", help="start from the weights of a ganvas checkpoint folder (fresh optimizers, step 0)")
    p.add_argument("--fresh", action="store_true", help="ignore weights/ and initialise with PyTorch's random numbers")
    p.add_argument("--every", type=int, default=every, help=f"log metrics every N iterations (default {every})")
    p.add_argument("--save-every", type=int, help="save a checkpoint every N iterations (default: ten times per run)")
    p.add_argument("--rng", choices=["torch", "ganvas"], default="torch", help="random streams: torch generators, or ganvas's own (the same batches as `ganvas train`)")
    p.add_argument("--seed", type=int, help="seed of data order, noise and (with --fresh) initialisation")
    p.add_argument("--sync-bn", action="store_true", help="BatchNorm statistics over the global batch under torchrun (default: each process its own)")
    p.add_argument("--threads", type=int, help="CPU threads (torch.set_num_threads)")
    return p


class TrainingError(Exception):
    pass


class Training:
    """One process of a run (alone, or one of torchrun's): device, outputs, logging, checkpoints."""

    def __init__(self, args, *, title, seed, plan_hash, batch_size, folder):
        self.args = args
        self.title, self.plan_hash, self.batch_size, self.folder = title, plan_hash, batch_size, folder
        self.document_seed = seed
        self.seed = seed if args.seed is None else args.seed
        self.steps = args.steps
        #: The iteration this run stops after.
        self.until = min(args.steps, args.stop_at) if args.stop_at else args.steps
        if args.threads:
            torch.set_num_threads(args.threads)
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        device = args.device
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        if device.startswith("cuda") and not torch.cuda.is_available():
            raise TrainingError("--device cuda: this PyTorch sees no CUDA device")
        self.device = torch.device("cuda", local_rank) if device == "cuda" and self.world > 1 else torch.device(device)
        if self.device.type == "cuda":
            torch.cuda.set_device(self.device)
        if batch_size % self.world:
            raise TrainingError(f"the batch of {batch_size} does not split evenly over {self.world} processes")
        if self.world > 1:
            dist.init_process_group("nccl" if self.device.type == "cuda" else "gloo")
        self.main = self.rank == 0
        self.out = os.path.abspath(args.out)
        if self.main:
            os.makedirs(self.out, exist_ok=True)
        self.every = max(1, args.every)
        self.save_every = args.save_every or max(self.every, math.ceil(self.steps / 10 / self.every) * self.every)
        self.start_step = 0
        self.averages = None
        self.started = time.perf_counter()
        self.window_start = self.started
        self.window_steps = 0
        self.last_losses = {}

    @property
    def backend(self):
        return f"torch-{self.device.type}" + (f"×{self.world}" if self.world > 1 else "")

    def log(self, text):
        if self.main:
            print(text, flush=True)

    def networks(self, networks_class):
        torch.manual_seed(self.seed)
        nets = networks_class().to(self.device)
        if self.args.sync_bn:
            use_sync_batch_norm(nets)
        return nets

    def wrap(self, module, find_unused):
        if self.world == 1:
            return module
        return nn.parallel.DistributedDataParallel(
            module,
            device_ids=[self.device.index] if self.device.type == "cuda" else None,
            broadcast_buffers=False,
            find_unused_parameters=find_unused,
        )

    def phases(self, phases, nets):
        self.averages = WeightAverages(nets)
        return [PhaseRunner(p, nets, self, self.averages) for p in phases]

    # -- starting point -------------------------------------------------------------------------

    def restore(self, nets, runners, feed):
        """Loads --resume, --weights or the project's weights/ (unless --fresh); returns the step."""
        args = self.args
        source, everything = None, True
        if args.resume:
            source = args.resume
        elif args.weights:
            source, everything = args.weights, False
        elif not args.fresh and os.path.exists(os.path.join(self.folder, "weights", ckpt.MANIFEST)):
            source = os.path.join(self.folder, "weights")
        if source is None:
            self.log("starting from PyTorch's initialisation (ganvas's scheme, torch's random numbers)")
            return self.begin()
        manifest, values, torch_feed = ckpt.read_checkpoint(source)
        if not (args.resume or args.weights) and manifest.get("step", 0) == 0 and self.seed != self.document_seed:
            self.log(f"--seed {self.seed}: weights/ holds the initialisation of seed {self.document_seed}; starting from PyTorch's instead")
            return self.begin()
        ckpt.load_weights(nets, values)
        ckpt.load_averages(self.averages, values)
        if not everything:
            self.log(f"weights from {source} (step {manifest.get('step')})")
            return self.begin()
        for runner in runners:
            ckpt.load_optimizer(runner, manifest, values)
        streams = manifest.get("rng", {})
        if args.rng == "ganvas" and streams.get("streams"):
            feed.set_state(streams)
        elif args.rng == "torch" and torch_feed:
            feed.set_state(torch_feed)
        elif manifest.get("step", 0) > 0:
            self.log(f"{source} holds no {args.rng} random streams: data order and noise start afresh")
        self.start_step = int(manifest.get("step", 0))
        if manifest.get("planHash") not in (None, self.plan_hash):
            self.log(f"note: {source} was saved from a plan with another fingerprint ({manifest.get('planHash')})")
        self.log(f"starting from {source} at step {self.start_step}")
        return self.begin()

    def begin(self):
        if self.main:
            metrics = os.path.join(self.out, "metrics.jsonl")
            if not (self.args.resume and os.path.exists(metrics)):
                open(metrics, "w").close()
        self.log(
            f'training "{self.title}" (batch {self.batch_size}{f" = {self.world} × {self.batch_size // self.world}" if self.world > 1 else ""}) '
            f"on {self.backend}: steps {self.start_step + 1}–{self.until}" + (f" of {self.steps}" if self.until < self.steps else "")
        )
        self.started = self.window_start = time.perf_counter()
        return self.start_step

    # -- per iteration ----------------------------------------------------------------------------

    def end_iteration(self, step, nets, runners, feed):
        self.window_steps += 1
        if step % self.every == 0 or step == self.until:
            self.flush(step, runners)
        if step % self.save_every == 0 or step == self.until:
            self.save(step, nets, runners, feed)

    def flush(self, step, runners):
        """Mean of every loss term (the first phase that uses it) and of every phase's total over the
        window, averaged over processes, appended to metrics.jsonl as ganvas train writes it."""
        taken = [r.take_readings() for r in runners]
        if all(count == 0 for _, count in taken):
            return
        sums = torch.cat([s if s is not None else torch.zeros(len(r.phase.terms) + 1, device=self.device) for r, (s, _) in zip(runners, taken)])
        if self.world > 1:
            dist.all_reduce(sums)
            sums /= self.world
        sums = sums.cpu().tolist()
        losses, offset = {}, 0
        for runner, (_, count) in zip(runners, taken):
            keys = list(runner.phase.terms) + [runner.phase.id]
            for key, value in zip(keys, sums[offset : offset + len(keys)]):
                if count and key not in losses:
                    losses[key] = value / count
            offset += len(keys)
        for runner in runners:
            for key in list(runner.phase.terms) + [runner.phase.id]:
                if key in losses and not math.isfinite(losses[key]):
                    what = f'loss "{key}"' if key != runner.phase.id else "the total loss"
                    raise TrainingError(f'{what} of phase "{runner.phase.name}" ({runner.phase.id}) became NaN or infinite by step {step}; try a lower learning rate')
        now = time.perf_counter()
        rate = self.window_steps / (now - self.window_start) if now > self.window_start else 0.0
        self.window_start, self.window_steps = now, 0
        self.last_losses = losses
        if self.main:
            with open(os.path.join(self.out, "metrics.jsonl"), "a") as f:
                f.write(json.dumps({"step": step, "losses": losses, "stepsPerSecond": round(rate, 2)}) + "\n")
            print(f"step {step}/{self.steps}  {rate:.1f} steps/s  " + " ".join(f"{k}={v:.4f}" for k, v in losses.items()), flush=True)

    def save(self, step, nets, runners, feed):
        if not self.main:
            return
        ganvas_streams = self.args.rng == "ganvas"
        ckpt.write_checkpoint(
            os.path.join(self.out, "checkpoint"),
            nets,
            runners,
            step=step,
            total_steps=self.steps,
            plan_hash=self.plan_hash,
            title=self.title,
            seed=self.seed,
            backend=self.backend,
            averages=self.averages,
            feed_state=feed.get_state() if ganvas_streams else None,
            torch_feed=None if ganvas_streams else feed.get_state(),
        )

    def finish(self, step):
        seconds = time.perf_counter() - self.started
        trained = step - self.start_step
        if self.main:
            summary = {
                "title": self.title,
                "status": "done",
                "steps": step,
                "totalSteps": self.steps,
                "batchSize": self.batch_size,
                "processes": self.world,
                "seed": self.seed,
                "backend": self.backend,
                "rng": self.args.rng,
                "threads": torch.get_num_threads(),
                "stepsPerSecond": round(trained / seconds, 2) if seconds > 0 else 0,
                "msPerIteration": round(1000 * seconds / trained, 2) if trained else None,
                "seconds": round(seconds, 2),
                "losses": self.last_losses,
            }
            with open(os.path.join(self.out, "summary.json"), "w") as f:
                json.dump(summary, f, indent=2)
            print(f"done: {step} steps in {seconds:.1f} s; outputs in {self.out}", flush=True)
        if self.world > 1:
            dist.barrier()
            # Every process has finished and its files are closed: leave now, without tearing the
            # process group down. torch 1.13's gloo group can deadlock in its destructor (its worker
            # thread frees a tensor and waits for the GIL, which the main thread holds while it joins
            # that worker), seen as a run that wrote its summary and never exited.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
        return 0


def run_main(main):
    """Runs `main`, turning the errors a user can fix into one line and exit code 1 (2 for a bad checkpoint)."""
    try:
        return main()
    except ckpt.CheckpointError as e:
        print(f"checkpoint refused: {e}", flush=True)
        return 2
    except TrainingError as e:
        print(f"training stopped: {e}", flush=True)
        return 1
