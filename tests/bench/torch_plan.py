"""A ganvas training plan trained in PyTorch: the same networks, phases, losses and optimizers.

Reads a plan (the JSON `ganvas compile` prints) and builds it with torch.nn: each parameter group
is one module applied by every node that uses it, each phase computes its nodes' outputs, sums its
weighted loss terms and steps its own optimizer over exactly its groups' parameters (the others do
not require gradients during that phase, as TF.js computes gradients only for the variables asked
for). Data sets are stand-ins of the right shapes (random tensors indexed per batch): the bench
measures the training arithmetic, not image decoding.

Layouts differ where PyTorch's conventions do (NCHW, symmetric 'same' padding); the arithmetic is
the same size.

Driven over stdin by tests/bench/speed.ts, one JSON line per answer:
  "run N"  -> {"cpu_ms", "wall_ms"}: totals over N iterations
  "quit"
On start it prints {"ready": true, "threads", "torch", "blas", "parameters"}.
"""
import json
import math
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


def loaded_blas():
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line or "lapack" in line}
    return sorted(p for p in paths if p.startswith("/"))


# ---------------------------------------------------------------------------------------------
# Layers


def same_padding(kernel):
    return (kernel - 1) // 2


class Residual(nn.Module):
    def __init__(self, channels, kernel):
        super().__init__()
        p = same_padding(kernel)
        self.conv1 = nn.Conv2d(channels, channels, kernel, 1, p)
        self.bn1 = nn.BatchNorm2d(channels, momentum=0.1, eps=1e-5)
        self.conv2 = nn.Conv2d(channels, channels, kernel, 1, p)
        self.bn2 = nn.BatchNorm2d(channels, momentum=0.1, eps=1e-5)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return x + self.bn2(self.conv2(y))


class View(nn.Module):
    def __init__(self, shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


def channels_first(shape):
    """A ganvas [h, w, c] shape as PyTorch's [c, h, w]; vectors stay."""
    return [shape[2], shape[0], shape[1]] if len(shape) == 3 else list(shape)


def build_layer(resolved):
    layer = resolved["layer"]
    t = layer["type"]
    inp, out = resolved["input"], resolved["output"]
    if t == "dense":
        return nn.Linear(inp[0], layer["units"])
    if t == "conv2d":
        k = layer["kernel"]
        return nn.Conv2d(inp[2], layer["filters"], k, layer["stride"], same_padding(k) if layer["padding"] == "same" else 0)
    if t == "convTranspose2d":
        k, s = layer["kernel"], layer["stride"]
        if layer["padding"] == "same":
            pad = (k - s + 1) // 2
            extra = out[0] - ((inp[0] - 1) * s - 2 * pad + k)
            return nn.ConvTranspose2d(inp[2], layer["filters"], k, s, pad, output_padding=max(0, extra))
        return nn.ConvTranspose2d(inp[2], layer["filters"], k, s)
    if t == "batchNorm":
        momentum = 1 - layer.get("momentum", 0.9)
        return (nn.BatchNorm2d if len(inp) == 3 else nn.BatchNorm1d)(inp[-1], momentum=momentum, eps=1e-5)
    if t == "layerNorm":
        return nn.LayerNorm(channels_first(inp))
    if t == "relu":
        return nn.ReLU()
    if t == "leakyRelu":
        return nn.LeakyReLU(layer.get("alpha", 0.2))
    if t == "tanh":
        return nn.Tanh()
    if t == "sigmoid":
        return nn.Sigmoid()
    if t == "flatten":
        return nn.Flatten()
    if t == "reshape":
        return View(channels_first(out))
    if t == "dropout":
        return nn.Dropout(layer["rate"])
    if t == "upsample":
        return nn.Upsample(scale_factor=layer["factor"], mode="nearest" if layer["method"] == "nearest" else "bilinear")
    if t == "residualBlock":
        return Residual(inp[2], layer["kernel"])
    raise ValueError(f"layer type {t} has no PyTorch counterpart in this bench")


class Network(nn.Module):
    def __init__(self, network):
        super().__init__()
        self.layers = nn.ModuleList(build_layer(r) for r in network["layers"])
        features = network.get("features")
        self.features_at = features["index"] if features else None

    def forward(self, x):
        features = None
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i == self.features_at:
                features = x
        return x, features


class Reversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lam):
        ctx.lam = lam
        return x.view_as(x)

    @staticmethod
    def backward(ctx, dy):
        return -ctx.lam * dy, None


# ---------------------------------------------------------------------------------------------
# Nodes


def resample_matrix(n_in, n_out):
    """Linear resampling as a matrix (the cost of Degrade's two products, not its exact kernel)."""
    m = torch.zeros(n_out, n_in)
    scale = n_in / n_out
    for i in range(n_out):
        centre = (i + 0.5) * scale - 0.5
        for j in range(n_in):
            w = max(0.0, 1 - abs(j - centre) / scale)
            m[i, j] = w
        m[i] /= m[i].sum()
    return m


def bce(logits, target):
    return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target) if isinstance(target, float) else target)


class PlanModel:
    def __init__(self, plan):
        self.plan = plan
        self.batch = plan["batchSize"]
        self.nodes = {n["id"]: n for n in plan["nodes"]}
        self.groups = {g["id"]: Network(g["network"]) for g in plan["groups"]}
        self.pools = {}
        self.matrices = {}
        for g in self.groups.values():
            g.train()
        self.optimizers = []
        for phase in plan["phases"]:
            # A plan feature this replica would silently drop makes the comparison unfair: refuse it.
            unsupported = [k for k in ("batchNorm", "clipNorm") if phase.get(k)]
            unsupported += [f"schedule of term {t['loss']}" for t in phase["terms"] if t.get("schedule")]
            unsupported += [f"{k} of {n['id']}" for n in plan["nodes"] for k in ("ema", "smoothing") if n["params"].get(k)]
            if unsupported:
                raise ValueError(f"phase {phase['id']}: no PyTorch counterpart in this bench for {', '.join(unsupported)}")
            params = [p for gid in phase["updates"] for p in self.groups[gid].parameters()]
            o = phase["optimizer"]
            if o["type"] == "adam":
                opt = torch.optim.Adam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["epsilon"])
            elif o["type"] == "sgd":
                opt = torch.optim.SGD(params, lr=o["lr"], momentum=o.get("momentum", 0))
            else:
                opt = torch.optim.RMSprop(params, lr=o["lr"], alpha=o["decay"], eps=o["epsilon"], momentum=o.get("momentum", 0))
            self.optimizers.append(opt)
        self.progress = 0.0

    # Stand-in data: a pool of examples per output, a random batch of them per draw.
    def pool(self, key, dims, kind):
        if key not in self.pools:
            shape = [512, *channels_first(dims)]
            if kind == "label":
                k = dims[0]
                labels = torch.randint(0, k, (512,))
                self.pools[key] = F.one_hot(labels, k).float() if k > 1 else labels.float().unsqueeze(1)
            else:
                self.pools[key] = torch.rand(*shape) * 2 - 1
        return self.pools[key]

    def draw_data(self, node):
        index = torch.randint(0, 512, (self.batch,))
        out = {}
        for port, shape in node["outputs"].items():
            if port == "domain":
                out[port] = torch.full((self.batch, 1), float(node["params"].get("domain", 0)))
            else:
                out[port] = self.pool((node["id"], port), shape["dims"], shape["kind"]).index_select(0, index)
        return out

    def evaluate(self, node, inputs):
        kind = node["kind"]
        p = node["params"]
        b = self.batch
        if kind in ("Dataset", "LabelledSubset"):
            return self.draw_data(node)
        if kind == "Noise":
            dim = p["dim"]
            return {"z": torch.rand(b, dim) * 2 - 1 if p.get("distribution") == "uniform" else torch.randn(b, dim)}
        if kind == "CategoricalCode":
            return {"c": F.one_hot(torch.randint(0, p["k"], (b,)), p["k"]).float()}
        if kind == "ContinuousCode":
            return {"c": torch.rand(b, p["dim"]) * (p["max"] - p["min"]) + p["min"]}
        if kind == "Concat":
            parts = [inputs[k] for k in ("a", "b", "c", "d") if k in inputs]
            return {"out": torch.cat(parts, dim=1)}
        if kind == "Split":
            return {f"out{i}": t for i, t in enumerate(torch.split(inputs["x"], p["sizes"], dim=1))}
        if kind == "Pair":
            y = inputs["y"]
            if self.input_kind(node, "y") == "logits":
                y = torch.softmax(y, dim=1)
            x = inputs["x"]
            soft = y
            if p.get("labels") == "hard":
                # the argmax as a one-hot, the gradient straight through to the soft values
                y = F.one_hot(soft.argmax(1), soft.shape[1]).float() + soft - soft.detach()
            extra = {"confidence": soft.max(1, keepdim=True).values} if p.get("labels") == "hard" else {}
            if p.get("mode") == "channels":
                tiled = y[:, :, None, None].expand(-1, -1, x.shape[2], x.shape[3])
                return {"pair": torch.cat([x, tiled], dim=1), **extra}
            return {"pair": torch.cat([x.reshape(b, -1), y], dim=1), **extra}
        if kind == "Degrade":
            x = inputs["x"]
            h, w = node["outputs"]["lr"]["dims"][:2]
            key = (x.shape[2], h)
            if key not in self.matrices:
                self.matrices[key] = resample_matrix(x.shape[2], h)
            m = self.matrices[key]
            lr = torch.einsum("ih,bchw,jw->bcij", m, x, m)
            return {"lr": lr, "hr": x}
        if kind == "GradientReversal":
            lam = reversal_lambda(p, self.progress)
            return {"out": Reversal.apply(inputs["x"], lam)}
        if kind == "StopGradient":
            return {"out": inputs["x"].detach()}
        if kind in ("Generator", "Discriminator", "Classifier", "Encoder", "Head"):
            group = self.groups[node.get("group") or node["id"]]
            out, features = group(inputs["features" if kind == "Head" else "x"])
            result = {"out": out}
            if features is not None:
                result["features"] = features
            return result
        if kind == "AdversarialLoss":
            logits = inputs["logits"]
            real = p.get("target") != "fake"
            t = p.get("type", "bce")
            if t == "least-squares":
                return {"loss": ((logits - (1.0 if real else 0.0)) ** 2).mean()}
            if t == "hinge":
                if p.get("role") == "generator":
                    return {"loss": -logits.mean() if real else logits.mean()}
                return {"loss": F.relu(1 - logits if real else 1 + logits).mean()}
            return {"loss": bce(logits, 1.0 if real else 0.0)}
        if kind == "CrossEntropy":
            logits, labels = inputs["logits"], inputs["labels"]
            soft = self.input_kind(node, "labels") == "logits"
            if logits.shape[1] == 1:
                return {"loss": bce(logits, torch.sigmoid(labels) if soft else labels)}
            target = torch.softmax(labels, dim=1) if soft else labels
            return {"loss": -(target * F.log_softmax(logits, dim=1)).sum(1).mean()}
        if kind == "Entropy":
            logp = F.log_softmax(inputs["logits"], dim=1)
            return {"loss": -(logp.exp() * logp).sum(1).mean()}
        if kind in ("CodeRegression", "FeatureMatching"):
            a, c = (inputs["prediction"], inputs["code"]) if kind == "CodeRegression" else (inputs["a"], inputs["b"])
            return {"loss": F.mse_loss(a, c)}
        if kind == "ReconstructionLoss":
            pred, target = inputs["prediction"], inputs["target"]
            metric = p.get("metric", "l2")
            err = (pred - target).abs() if metric == "l1" else (pred - target) ** 2
            return {"loss": err.mean()}
        raise ValueError(f"node kind {kind} has no PyTorch counterpart in this bench")

    def input_kind(self, node, port):
        ref = node["inputs"].get(port)
        if not ref:
            return None
        return self.nodes[ref["node"]]["outputs"][ref["port"]]["kind"]

    def run_phase(self, index):
        phase = self.plan["phases"][index]
        updated = set(phase["updates"])
        for gid, g in self.groups.items():
            g.requires_grad_(gid in updated)
        opt = self.optimizers[index]
        for group in opt.param_groups:
            group["lr"] = scheduled_lr(phase, self.progress)
        opt.zero_grad(set_to_none=True)
        outputs = {}
        for nid in phase["nodes"]:
            node = self.nodes[nid]
            inputs = {port: outputs[ref["node"]][ref["port"]] for port, ref in node["inputs"].items()}
            outputs[nid] = self.evaluate(node, inputs)
        losses = [outputs[t["loss"]]["loss"] for t in phase["terms"]]
        total = sum(l * t["weight"] if t["weight"] != 1 else l for l, t in zip(losses, phase["terms"]))
        total.backward()
        opt.step()
        return torch.stack([l.detach() for l in losses] + [total.detach()])

    def iterate(self):
        readings = []
        for i, phase in enumerate(self.plan["phases"]):
            for _ in range(phase["repeats"]):
                readings.append(self.run_phase(i))
        return readings


def scheduled_lr(phase, progress):
    lr = phase["optimizer"]["lr"]
    schedule = phase.get("lrSchedule") or {"type": "constant"}
    if schedule["type"] == "dann":
        return lr / (1 + schedule["alpha"] * progress) ** schedule["beta"]
    if schedule["type"] != "constant":
        raise ValueError(f"learning-rate schedule {schedule['type']} has no PyTorch counterpart in this bench")
    return lr


def reversal_lambda(params, progress):
    lam = params.get("lambda", 1)
    if params.get("schedule") == "dann":
        gamma = params.get("gamma", 10)
        return lam * (2 / (1 + math.exp(-gamma * progress)) - 1)
    return lam


def main():
    plan_path = sys.argv[1]
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    with open(plan_path) as f:
        plan = json.load(f)
    model = PlanModel(plan)
    log_every = plan.get("logEvery", 10)
    pending = []
    step = 0

    def one():
        nonlocal step, pending
        pending += model.iterate()
        step += 1
        model.progress = min(1.0, step / plan["steps"])
        if step % log_every == 0:
            torch.cat(pending).tolist()  # the loss readback, as often as ganvas reads it
            pending = []

    for _ in range(3):
        one()
    params = sum(p.numel() for g in model.groups.values() for p in g.parameters())
    print(json.dumps({"ready": True, "threads": torch.get_num_threads(), "torch": torch.__version__, "blas": loaded_blas(), "parameters": params}), flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        if cmd[0] == "run":
            c0, w0 = time.process_time(), time.perf_counter()
            for _ in range(int(cmd[1])):
                one()
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
            print(json.dumps({"cpu_ms": cpu * 1000, "wall_ms": wall * 1000}), flush=True)


if __name__ == "__main__":
    main()
