"""ganvas checkpoints, read and written by the PyTorch side.

A checkpoint folder holds manifest.json (weight specs, step, random streams, optimizer counters)
and weights.bin (every variable's float32 values in the order of the specs), in ganvas's
layout and names ("D/0/kernel", "opt/PHASE/D/0/kernel/m"). The same folder loads into the
exported modules (--weights, --resume) and into ganvas (`ganvas eval --checkpoint DIR`,
`ganvas train --resume DIR`); DIR.ganvas-ckpt is the one-file form the app's dock opens.
"""
import json
import os
import shutil

import numpy as np
import torch

from .layers import from_ganvas, to_ganvas

FORMAT = "ganvas-checkpoint"
VERSION = 1
MANIFEST = "manifest.json"
WEIGHTS = "weights.bin"
TORCH_FEED = "torch-feed.json"


class CheckpointError(Exception):
    """A checkpoint that does not fit this graph; the message names the variable."""


def dims(shape):
    return "×".join(str(d) for d in shape) or "scalar"


def read_checkpoint(folder):
    """(manifest, {name: float32 array}) of a checkpoint folder (or a folder holding checkpoint/)."""
    if not os.path.exists(os.path.join(folder, MANIFEST)) and os.path.exists(os.path.join(folder, "checkpoint", MANIFEST)):
        folder = os.path.join(folder, "checkpoint")
    path = os.path.join(folder, MANIFEST)
    if not os.path.exists(path):
        raise CheckpointError(f"{folder} holds no checkpoint (no {MANIFEST})")
    try:
        with open(path) as f:
            manifest = json.load(f)
    except ValueError as e:
        raise CheckpointError(f"{path} is not JSON ({e})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CheckpointError(f"{path} is not a ganvas checkpoint")
    if manifest.get("version") != VERSION:
        raise CheckpointError(f"{path}: checkpoint version {manifest.get('version')} is not supported (expected {VERSION})")
    specs = manifest.get("weightSpecs")
    if not isinstance(specs, list):
        raise CheckpointError(f"{path} lists no weightSpecs")
    data = np.fromfile(os.path.join(folder, WEIGHTS), dtype="<f4")
    total = sum(int(np.prod(s["shape"])) for s in specs)
    if data.size != total:
        raise CheckpointError(f"{folder}/{WEIGHTS} holds {data.size} values, the manifest describes {total}")
    values, offset = {}, 0
    for spec in specs:
        size = int(np.prod(spec["shape"]))
        values[spec["name"]] = data[offset : offset + size].reshape(spec["shape"])
        offset += size
    torch_feed = None
    if os.path.exists(os.path.join(folder, TORCH_FEED)):
        with open(os.path.join(folder, TORCH_FEED)) as f:
            torch_feed = json.load(f)
    return manifest, values, torch_feed


def load_weights(nets, values):
    """Copies every weight and statistic of `nets` from `values` (ganvas names and layout).
    Refuses, naming the variable, a checkpoint whose variables or shapes differ from the graph's."""
    expected = {name: (tensor, layout) for name, tensor, layout in nets.ganvas_variables()}
    for name, (tensor, layout) in expected.items():
        if name not in values:
            raise CheckpointError(f"the checkpoint lacks variable {name} ({dims(to_ganvas(tensor, layout).shape)})")
        want = tuple(to_ganvas(tensor, layout).shape)
        have = tuple(values[name].shape)
        if want != have:
            raise CheckpointError(f"variable {name} is {dims(have)} in the checkpoint but {dims(want)} in this graph")
    extra = [n for n in values if not n.startswith(("opt/", "ema/")) and n not in expected]
    if extra:
        raise CheckpointError(f"the checkpoint has a variable {extra[0]} this graph does not have" + (f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""))
    with torch.no_grad():
        for name, (tensor, layout) in expected.items():
            tensor.copy_(from_ganvas(torch.from_numpy(np.array(values[name])), layout))


def load_averages(averages, values):
    """The weight averages ("ema/<name>") where the checkpoint has them; the weights themselves
    where it has not (a fresh start of the averages)."""
    if not averages:
        return
    averages.reset()
    with torch.no_grad():
        for name, (_, _, weight, layout, average) in averages.entries.items():
            saved = values.get(f"ema/{name}")
            if saved is None:
                continue
            if tuple(saved.shape) != tuple(to_ganvas(weight, layout).shape):
                raise CheckpointError(f"weight average ema/{name} is {dims(saved.shape)} in the checkpoint but {dims(to_ganvas(weight, layout).shape)} in this graph")
            average.copy_(from_ganvas(torch.from_numpy(np.array(saved)), layout))


# Optimizer slots: ganvas's slot key → torch's state key, per optimizer class name.
SLOTS = {
    "Adam": {"m": "exp_avg", "v": "exp_avg_sq"},
    "SGD": {"momentum": "momentum_buffer"},
    "RMSpropTF": {"ms": "square_avg", "momentum": "momentum_buffer"},
}


OPTIMIZER_TYPES = {"Adam": "adam", "SGD": "sgd", "RMSpropTF": "rmsprop"}


def slot_keys(optimizer):
    keys = dict(SLOTS[type(optimizer).__name__])
    group = optimizer.param_groups[0] if optimizer.param_groups else {}
    if group.get("momentum", 1) == 0:
        keys.pop("momentum", None)
    return keys


def load_optimizer(runner, manifest, values):
    """The optimizer state of one phase (slots and update count), when the checkpoint has it."""
    counts = manifest.get("optimizers", {}).get(runner.phase.id)
    if not counts or runner.optimizer is None:
        return False
    runner.updates = int(counts.get("iterations", 0))
    for name, param in runner.variables:
        state = {}
        for key, torch_key in slot_keys(runner.optimizer).items():
            slot = values.get(f"opt/{runner.phase.id}/{name}/{key}")
            if slot is None:
                continue
            if tuple(slot.shape) != tuple(to_ganvas(param, runner.layouts[name]).shape):
                raise CheckpointError(f"optimizer slot opt/{runner.phase.id}/{name}/{key} is {dims(slot.shape)} in the checkpoint")
            state[torch_key] = from_ganvas(torch.from_numpy(np.array(slot)), runner.layouts[name]).to(param).contiguous()
        if state and runner.updates > 0:
            if "exp_avg" in state:
                state["step"] = torch.tensor(float(runner.updates))
            runner.optimizer.state[param] = state
    return True


def state_variables(nets, runners, averages=None):
    """(name, ganvas-layout tensor) of every variable, then every optimizer slot, then every weight
    average, in ganvas's order."""
    out = [(name, to_ganvas(tensor, layout)) for name, tensor, layout in nets.ganvas_variables()]
    for runner in runners:
        if runner.optimizer is None:
            continue
        for name, param in runner.variables:
            state = runner.optimizer.state.get(param, {})
            for key, torch_key in slot_keys(runner.optimizer).items():
                slot = state.get(torch_key)
                value = torch.zeros_like(param) if slot is None else slot
                out.append((f"opt/{runner.phase.id}/{name}/{key}", to_ganvas(value, runner.layouts[name])))
    for name, (_, _, _, layout, average) in (averages.entries.items() if averages else []):
        out.append((f"ema/{name}", to_ganvas(average, layout)))
    return out


def write_checkpoint(folder, nets, runners, *, step, total_steps, plan_hash, title, seed, backend, averages=None, feed_state=None, torch_feed=None):
    """Writes the checkpoint into `folder` (via a temporary sibling, so a crash never leaves half
    of one) and the same as one file, `folder`.ganvas-ckpt."""
    variables = state_variables(nets, runners, averages)
    specs = [{"name": name, "shape": list(t.shape), "dtype": "float32"} for name, t in variables]
    weights = b"".join(t.detach().to("cpu", torch.float32).contiguous().numpy().astype("<f4").tobytes() for _, t in variables)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "planHash": plan_hash,
        "title": title,
        "seed": seed,
        "step": step,
        "totalSteps": total_steps,
        "backend": backend,
        "weightSpecs": specs,
        "weightsManifest": [{"paths": [WEIGHTS], "weights": specs}],
        "rng": feed_state or {"streams": {}, "nodes": {}},
        "optimizers": {r.phase.id: {"type": OPTIMIZER_TYPES.get(type(r.optimizer).__name__, "none"), "iterations": r.updates} for r in runners},
        "overrides": {"learningRates": {}, "lossWeights": {}},
    }
    folder = os.path.abspath(folder)
    tmp = f"{folder}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    with open(os.path.join(tmp, WEIGHTS), "wb") as f:
        f.write(weights)
    with open(os.path.join(tmp, MANIFEST), "w") as f:
        json.dump(manifest, f, indent=1)
    if torch_feed is not None:
        with open(os.path.join(tmp, TORCH_FEED), "w") as f:
            json.dump(torch_feed, f)
    old = f"{folder}.old-{os.getpid()}"
    if os.path.exists(folder):
        os.rename(folder, old)
    os.rename(tmp, folder)
    shutil.rmtree(old, ignore_errors=True)
    with open(f"{folder}.ganvas-ckpt.tmp", "wb") as f:
        f.write(json.dumps(manifest, separators=(",", ":")).encode() + b"\n" + weights)
    os.replace(f"{folder}.ganvas-ckpt.tmp", f"{folder}.ganvas-ckpt")
    return manifest
