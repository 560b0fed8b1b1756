"""Where a graph's inputs come from: data sets read from the exported files, noise, codes, masks,
reparameterisation ε and dropout masks, each node on its own named random stream.

Every process of a distributed run draws the same global batch from the same streams and keeps
its own shard of it (rows rank·B/W to (rank+1)·B/W), so N processes see exactly the batches one
process would, and only the shard's examples are read from disk.

Two kinds of streams (--rng):
  * "ganvas": the engine's own generators (rng.py), bit for bit the batches and noise of
    `ganvas train` with the same seed, and checkpoints that `ganvas train --resume` continues.
  * "torch": a torch.Generator per stream, seeded from the same seed and stream name (faster).
"""
import json
import math
import os

import numpy as np
import torch

from .rng import Rng, Streams


def js_round(x):
    """Math.round: halves go up (Python's round() goes to even)."""
    return math.floor(x + 0.5)


# ---------------------------------------------------------------------------------------------
# Streams


class GanvasStream:
    """One of the engine's streams, drawing in the engine's order (row-major, one value at a time)."""

    def __init__(self, rng):
        self.rng = rng

    def normal(self, count):
        return np.array([self.rng.normal() for _ in range(count)], dtype=np.float32)

    def uniform(self, count, lo, hi):
        return np.array([self.rng.uniform(lo, hi) for _ in range(count)], dtype=np.float32)

    def random(self, count):
        return np.array([self.rng.next() for _ in range(count)], dtype=np.float64)

    def integers(self, count, k):
        return np.array([self.rng.int(k) for _ in range(count)], dtype=np.int64)

    def permutation(self, pool):
        order = [int(i) for i in pool]
        self.rng.shuffle(order)
        return np.array(order, dtype=np.int64)

    # Scalars, for masks.
    def next(self):
        return self.rng.next()

    def uniform1(self, lo, hi):
        return self.rng.uniform(lo, hi)

    def int1(self, n):
        return self.rng.int(n)

    def get_state(self):
        return self.rng.get_state()

    def set_state(self, state):
        self.rng.set_state(state)


class TorchStream:
    """A torch.Generator seeded from (seed, stream name)."""

    def __init__(self, seed, name):
        fork = Rng(seed).fork(name)
        self.generator = torch.Generator().manual_seed((fork.next_uint32() << 32) | fork.next_uint32())

    def normal(self, count):
        return torch.randn(count, generator=self.generator).numpy()

    def uniform(self, count, lo, hi):
        return (torch.rand(count, generator=self.generator, dtype=torch.float64) * (hi - lo) + lo).float().numpy()

    def random(self, count):
        return torch.rand(count, generator=self.generator, dtype=torch.float64).numpy()

    def integers(self, count, k):
        return torch.randint(k, (count,), generator=self.generator).numpy()

    def permutation(self, pool):
        pool = np.asarray(pool)
        return pool[torch.randperm(len(pool), generator=self.generator).numpy()]

    def next(self):
        return float(torch.rand(1, generator=self.generator, dtype=torch.float64))

    def uniform1(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def int1(self, n):
        return math.floor(self.next() * n)

    def get_state(self):
        return self.generator.get_state().tolist()

    def set_state(self, state):
        self.generator.set_state(torch.tensor(state, dtype=torch.uint8))


class StreamSet:
    """The feed's streams by name ("train/NODE/NAME"), of one kind."""

    def __init__(self, seed, kind):
        if kind not in ("ganvas", "torch"):
            raise ValueError(f'--rng must be "ganvas" or "torch", not "{kind}"')
        self.seed = seed
        self.kind = kind
        self.ganvas = Streams(seed) if kind == "ganvas" else None
        self.streams = {}

    def get(self, name):
        stream = self.streams.get(name)
        if stream is None:
            stream = GanvasStream(self.ganvas.get(name)) if self.ganvas else TorchStream(self.seed, name)
            self.streams[name] = stream
        return stream

    def get_state(self):
        return {name: s.get_state() for name, s in self.streams.items()}

    def set_state(self, states):
        for name, state in states.items():
            self.get(name).set_state(state)


# ---------------------------------------------------------------------------------------------
# Data sets


class DataFiles:
    """The data sets the exporter wrote under data/: NAME/SPLIT/KEY.npy, row-major [n, ...].
    uint8 arrays hold k/255 (pixels, one-hot labels, 0/1 attributes), float32 arrays the value."""

    def __init__(self, folder):
        self.folder = folder
        self.arrays = {}
        self.memory = {}
        path = os.path.join(folder, "manifest.json")
        self.manifest = {}
        if os.path.exists(path):
            with open(path) as f:
                self.manifest = json.load(f)

    def use_images(self, name, images):
        """Serves `images` ([n, h, w, c] in [0, 1], e.g. from images.load_folder) as data set `name`;
        a folder of one's own images has no held-out part, so its test split is the same images."""
        self.memory[name] = np.asarray(images, dtype=np.float32)
        split = {"count": len(images), "keys": {"x": {"dtype": "float32", "shape": list(images.shape)}}}
        self.manifest[name] = {"title": "your images", "splits": {"train": split, "test": split}}

    def info(self, name):
        if name not in self.manifest:
            hint = " (pass a folder of images with --images DIR)" if name == "custom" else ""
            raise KeyError(f"{self.folder} has no data set {name!r}{hint} (it has {', '.join(self.manifest) or 'none'})")
        return self.manifest[name]

    def count(self, name, split):
        return self.info(name)["splits"][split]["count"]

    def _array(self, name, split, key):
        if name in self.memory:
            return self.memory[name]
        path = os.path.join(self.folder, name, split, f"{key}.npy")
        if path not in self.arrays:
            self.arrays[path] = np.load(path, mmap_mode="r")
        return self.arrays[path]

    def get(self, name, split, indices):
        """Examples `indices` of a split: {key: float32 array}, values as ganvas's data sets give them."""
        out = {}
        for key in self.info(name)["splits"][split]["keys"]:
            a = np.asarray(self._array(name, split, key)[np.asarray(indices)])
            out[key] = (a.astype(np.float64) / 255).astype(np.float32) if a.dtype == np.uint8 else a.astype(np.float32)
        return out

    def labels(self, name, split):
        """Class index of every example of a split (from its one-hot `label`)."""
        return np.asarray(self._array(name, split, "label")).argmax(1)

    def held_out(self, name, count, channels=None, value_range="-1..1"):
        """The first `count` test examples as NCHW images in the node's channels and range, and their classes."""
        n = min(count, self.count(name, "test"))
        rows = self.get(name, "test", np.arange(n))
        images = torch.from_numpy(convert_image(rows["x"], channels, value_range)).permute(0, 3, 1, 2).contiguous()
        labels = rows["label"].argmax(1) if "label" in rows else np.zeros(0, dtype=np.int64)
        return images, labels


def convert_image(x, channels, value_range):
    """[n, h, w, c] in [0, 1] to the node's channels (ITU-R 601 luma for grey) and range."""
    have = x.shape[-1]
    if channels is not None and channels != have:
        if have == 3 and channels == 1:
            x64 = x.astype(np.float64)
            x = (0.299 * x64[..., 0] + 0.587 * x64[..., 1] + 0.114 * x64[..., 2]).astype(np.float32)[..., None]
        elif have == 1 and channels == 3:
            x = np.repeat(x, 3, axis=-1)
        else:
            raise ValueError(f"cannot convert {have} channels to {channels}")
    if value_range == "-1..1":
        x = (x.astype(np.float64) * 2 - 1).astype(np.float32)
    return x


class BatchOrder:
    """Full batches of example indices in an order reshuffled every epoch; a batch that crosses an
    epoch boundary is completed from the next epoch (ganvas's BatchStream)."""

    def __init__(self, pool, batch, stream):
        self.pool = np.asarray(pool, dtype=np.int64)
        if len(self.pool) == 0:
            raise ValueError("no examples to draw batches from")
        self.batch = batch
        self.stream = stream
        self.epoch = -1
        self.position = 0
        self._new_epoch()

    def _new_epoch(self):
        self.order_state = self.stream.get_state()
        self.order = self.stream.permutation(self.pool)
        self.epoch += 1
        self.position = 0

    def next(self):
        out = np.empty(self.batch, dtype=np.int64)
        filled = 0
        while filled < self.batch:
            if self.position >= len(self.order):
                self._new_epoch()
            take = min(self.batch - filled, len(self.order) - self.position)
            out[filled : filled + take] = self.order[self.position : self.position + take]
            filled += take
            self.position += take
        if self.position >= len(self.order):
            self._new_epoch()
        return out

    def get_state(self):
        return {"epoch": self.epoch, "position": self.position, "orderRng": self.order_state}

    def set_state(self, state):
        self.stream.set_state(state["orderRng"])
        self._new_epoch()
        self.epoch = state["epoch"]
        self.position = state["position"]


# ---------------------------------------------------------------------------------------------
# Sources: one per node that draws


class Source:
    """A node's draws for one evaluation of a global batch; `shard` picks this process's rows."""

    #: Output port → dims (batch left out; three dims are an image in (H, W, C)).
    ports = {}

    def bind(self, stream, files):
        """`stream(name)` gives this node's named stream; `files` the exported data."""
        self.stream = stream
        self.files = files

    def draw(self, batch, shard, training=True):
        raise NotImplementedError

    def get_state(self):
        return None

    def set_state(self, state):
        pass


class Dataset(Source):
    def __init__(self, name, ports, split="train", channels=None, value_range="-1..1", domain=0):
        self.name, self.split, self.channels, self.value_range, self.domain = name, split, channels, value_range, domain
        self.ports = ports
        self.order = None

    def _order(self, batch):
        if self.order is None or self.order.batch != batch:
            self.order = BatchOrder(np.arange(self.files.count(self.name, self.split)), batch, self.stream("order"))
        return self.order

    def draw(self, batch, shard, training=True):
        rows = self.files.get(self.name, self.split, self._order(batch).next()[shard])
        return self._emit(rows, len(range(batch)[shard]), {p: p for p in self.ports if p != "domain"})

    def _emit(self, rows, n, keys):
        out = {}
        for port, key in keys.items():
            values = rows[key]
            out[port] = convert_image(values, self.channels, self.value_range) if len(self.ports[port]) == 3 else values
        if "domain" in self.ports:
            out["domain"] = np.full((n, 1), float(self.domain), dtype=np.float32)
        return out

    def get_state(self):
        return None if self.order is None else {"batch": self.order.batch, "stream": self.order.get_state()}

    def set_state(self, state):
        if state:
            self.order = BatchOrder(np.arange(self.files.count(self.name, self.split)), state["batch"], self.stream("order"))
            self.order.set_state(state["stream"])


class LabelledSubset(Dataset):
    """The first `per_class` train examples of each class are labelled, the rest unlabelled."""

    def __init__(self, name, ports, per_class, channels=None, value_range="-1..1"):
        super().__init__(name, ports, "train", channels, value_range)
        self.per_class = per_class
        self.labelled = self.unlabelled = None

    def _pools(self):
        labels = self.files.labels(self.name, "train")
        taken = {}
        labelled, unlabelled = [], []
        for i, c in enumerate(labels):
            if taken.get(c, 0) < self.per_class:
                taken[c] = taken.get(c, 0) + 1
                labelled.append(i)
            else:
                unlabelled.append(i)
        return labelled, unlabelled

    def _make(self, batch):
        labelled, unlabelled = self._pools()
        self.labelled = BatchOrder(labelled, batch, self.stream("labelled"))
        self.unlabelled = BatchOrder(unlabelled, batch, self.stream("unlabelled"))

    def draw(self, batch, shard, training=True):
        if self.labelled is None or self.labelled.batch != batch:
            self._make(batch)
        n = len(range(batch)[shard])
        a = self.files.get(self.name, "train", self.labelled.next()[shard])
        b = self.files.get(self.name, "train", self.unlabelled.next()[shard])
        out = self._emit(a, n, {"x_labelled": "x", "label": "label"})
        out.update(self._emit(b, n, {"x_unlabelled": "x"}))
        return out

    def get_state(self):
        if self.labelled is None:
            return None
        return {"batch": self.labelled.batch, "labelled": self.labelled.get_state(), "unlabelled": self.unlabelled.get_state()}

    def set_state(self, state):
        if state:
            self._make(state["batch"])
            self.labelled.set_state(state["labelled"])
            self.unlabelled.set_state(state["unlabelled"])


class Noise(Source):
    def __init__(self, dim, distribution="normal"):
        self.dim, self.distribution = dim, distribution
        self.ports = {"z": [dim]}

    def draw(self, batch, shard, training=True):
        s = self.stream("z")
        z = s.uniform(batch * self.dim, -1.0, 1.0) if self.distribution == "uniform" else s.normal(batch * self.dim)
        return {"z": z.reshape(batch, self.dim)[shard]}


class CategoricalCode(Source):
    def __init__(self, k):
        self.k = k
        self.ports = {"c": [k]}

    def draw(self, batch, shard, training=True):
        c = np.zeros((batch, self.k), dtype=np.float32)
        c[np.arange(batch), self.stream("c").integers(batch, self.k)] = 1
        return {"c": c[shard]}


class ContinuousCode(Source):
    def __init__(self, dim, lo=-1.0, hi=1.0):
        self.dim, self.lo, self.hi = dim, lo, hi
        self.ports = {"c": [dim]}

    def draw(self, batch, shard, training=True):
        return {"c": self.stream("c").uniform(batch * self.dim, self.lo, self.hi).reshape(batch, self.dim)[shard]}


class Epsilon(Source):
    """Reparameterisation's ε ~ N(0, 1)."""

    def __init__(self, dim):
        self.dim = dim
        self.ports = {"eps": [dim]}

    def draw(self, batch, shard, training=True):
        return {"eps": self.stream("eps").normal(batch * self.dim).reshape(batch, self.dim)[shard]}


class LayerDraws(Source):
    """What a network application's layers draw while training, in layer order from its stream:
    `layers` is [(index, "dropout", rate, dims) or (index, "noise", None, dims)]; dropout gives
    inverted masks (0 or 1/(1 − rate)), noise gives N(0, 1) values."""

    def __init__(self, layers):
        self.layers = layers
        self.ports = {f"layer{i}": dims for i, _, _, dims in layers}

    def draw(self, batch, shard, training=True):
        if not training:
            return {}
        s = self.stream("layers")
        out = {}
        for i, kind, rate, dims in self.layers:
            size = batch * int(np.prod(dims))
            if kind == "noise":
                out[f"layer{i}"] = s.normal(size).reshape(batch, *dims)[shard]
            else:
                u = s.random(size).reshape(batch, *dims)
                out[f"layer{i}"] = np.where(u < rate, 0.0, 1 / (1 - rate)).astype(np.float32)[shard]
        return out


class Mask(Source):
    """Hole masks [n, h, w, 1] (1 marks the hole): a centred square, random boxes or strokes."""

    def __init__(self, height, width, shape="centre", size=0.5):
        self.h, self.w, self.shape = height, width, shape
        if shape == "centre":
            self.params = {"size": max(1, js_round(size * height))}
        else:
            area = size * size
            self.params = {"min_coverage": min(0.5, area * 0.5), "max_coverage": min(0.95, max(area * 1.5, 0.1))}
        self.ports = {"mask": [height, width, 1]}

    def draw(self, batch, shard, training=True):
        masks = make_masks(batch, self.h, self.w, self.shape, self.stream("mask"), **self.params)
        return {"mask": masks[shard]}


def make_masks(n, h, w, kind, rng, size=None, count=None, width=None, min_coverage=0.05, max_coverage=0.6):
    out = np.zeros((n, h, w, 1), dtype=np.float32)
    for i in range(n):
        mask = out[i, :, :, 0]
        if kind == "centre":
            _centre_square(mask, size if size is not None else js_round(h / 2))
            continue
        for _ in range(100):
            mask[:] = 0
            if kind == "boxes":
                _random_boxes(mask, rng, count or 3)
            else:
                _random_strokes(mask, rng, count or 4, width)
            coverage = mask.sum(dtype=np.float64) / mask.size
            if min_coverage <= coverage <= max_coverage:
                break
        else:
            mask[:] = 0
            _centre_square(mask, js_round(math.sqrt((min_coverage + max_coverage) / 2 * h * w)))
    return out


def _centre_square(mask, size):
    h, w = mask.shape
    sh, sw = min(h, size), min(w, size)
    top, left = (h - sh) // 2, (w - sw) // 2
    mask[top : top + sh, left : left + sw] = 1


def _random_boxes(mask, rng, most):
    h, w = mask.shape
    for _ in range(1 + rng.int1(max(1, most))):
        bh = max(1, js_round(h * rng.uniform1(0.15, 0.45)))
        bw = max(1, js_round(w * rng.uniform1(0.15, 0.45)))
        top = rng.int1(h - bh + 1)
        left = rng.int1(w - bw + 1)
        mask[top : top + bh, left : left + bw] = 1


def _random_strokes(mask, rng, most, width=None):
    h, w = mask.shape
    side = min(h, w)
    for _ in range(1 + rng.int1(max(1, most))):
        radius = (width if width is not None else side * rng.uniform1(0.06, 0.12)) / 2
        x, y = rng.uniform1(0, w), rng.uniform1(0, h)
        angle = rng.uniform1(0, 2 * math.pi)
        for _ in range(3 + rng.int1(5)):
            angle += rng.uniform1(-1.2, 1.2)
            step = side * rng.uniform1(0.12, 0.3)
            nx = min(w, max(0, x + math.cos(angle) * step))
            ny = min(h, max(0, y + math.sin(angle) * step))
            _capsule(mask, x, y, nx, ny, radius)
            x, y = nx, ny


def _capsule(mask, ax, ay, bx, by, r):
    """Sets the pixels whose centres lie within r of the segment (ax, ay)–(bx, by)."""
    h, w = mask.shape
    x0, x1 = max(0, math.floor(min(ax, bx) - r)), min(w - 1, math.ceil(max(ax, bx) + r))
    y0, y1 = max(0, math.floor(min(ay, by) - r)), min(h - 1, math.ceil(max(ay, by) + r))
    if x1 < x0 or y1 < y0:
        return
    ex, ey = bx - ax, by - ay
    len2 = ex * ex + ey * ey or 1e-9
    px = np.arange(x0, x1 + 1)[None, :] + 0.5 - ax
    py = np.arange(y0, y1 + 1)[:, None] + 0.5 - ay
    t = np.clip((px * ex + py * ey) / len2, 0, 1)
    inside = (px - t * ex) ** 2 + (py - t * ey) ** 2 <= r * r
    mask[y0 : y1 + 1, x0 : x1 + 1][inside] = 1


# ---------------------------------------------------------------------------------------------
# The feed


class Feed:
    """Draws for the graph's nodes: {"NODE.PORT": tensor} for this process's shard, images NCHW."""

    def __init__(self, sources, seed, files, rng="torch", rank=0, world=1, device="cpu", prefix="train"):
        self.sources = sources
        self.streams = StreamSet(seed, rng)
        self.rank, self.world, self.device = rank, world, device
        for node, source in sources.items():
            source.bind(lambda name, node=node: self.streams.get(f"{prefix}/{node}/{name}"), files)

    def shard(self, batch):
        if batch % self.world:
            raise ValueError(f"the batch of {batch} does not split evenly over {self.world} processes")
        size = batch // self.world
        return slice(self.rank * size, (self.rank + 1) * size)

    def draw(self, nodes, batch, training=True):
        out = {}
        shard = self.shard(batch)
        for node in nodes:
            source = self.sources.get(node)
            if source is None:
                continue
            for port, values in source.draw(batch, shard, training).items():
                t = torch.from_numpy(np.ascontiguousarray(values))
                if t.dim() == 4:
                    t = t.permute(0, 3, 1, 2)
                out[f"{node}.{port}"] = t.contiguous().to(self.device)
        return out

    def get_state(self):
        """As ganvas saves it in a checkpoint's manifest (`rng`), for ganvas streams."""
        nodes = {}
        for node, source in self.sources.items():
            state = source.get_state()
            if state is not None:
                nodes[node] = state
        return {"streams": self.streams.get_state(), "nodes": nodes}

    def set_state(self, state):
        for node, s in state.get("nodes", {}).items():
            if node in self.sources:
                self.sources[node].set_state(s)
        self.streams.set_state(state.get("streams", {}))
