"""ganvas's random streams, exactly: xoshiro128** seeded by splitmix32, forked by name.

`--rng ganvas` draws every batch, noise vector, code and mask from these streams, so a run
starts from the same numbers as `ganvas train` with the same seed (bit for bit, as float32).
They are plain Python and therefore slower than torch's generators; `--rng torch` (the
default) uses torch.Generator streams seeded the same way instead.
"""
import math

MASK = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & MASK


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK


def _splitmix32(seed):
    state = seed & MASK

    def next_word():
        nonlocal state
        state = (state + 0x9E3779B9) & MASK
        z = state
        z = _imul(z ^ (z >> 16), 0x85EBCA6B)
        z = _imul(z ^ (z >> 13), 0xC2B2AE35)
        return (z ^ (z >> 16)) & MASK

    return next_word


def hash_string(text):
    """FNV-1a over UTF-16 code units, as JavaScript strings have them."""
    h = 0x811C9DC5
    units = text.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 0x01000193) & MASK
    return h


class Rng:
    """One stream. Its whole state is four 32-bit words and a cached normal."""

    def __init__(self, seed):
        if isinstance(seed, (list, tuple)):
            self.s = [int(w) & MASK for w in seed]
        else:
            word = _splitmix32(int(seed))
            self.s = [word(), word(), word(), word()]
            if not any(self.s):
                self.s[0] = 1
        self.spare_normal = None

    def fork(self, name):
        """An independent stream named `name`; forking does not advance this one."""
        first = _splitmix32((self.s[0] ^ hash_string(name)) & MASK)
        mix = _splitmix32((self.s[1] + hash_string(name + "#")) & MASK)
        a = first() ^ mix()
        b = first()
        c = mix()
        d = first() | 1
        return Rng([a, b, c, d])

    def next_uint32(self):
        s = self.s
        result = _imul(_rotl(_imul(s[1], 5), 7), 9)
        t = (s[1] << 9) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
        return result

    def next(self):
        """Uniform in [0, 1)."""
        return self.next_uint32() / 4294967296.0

    def uniform(self, lo, hi):
        return lo + (hi - lo) * self.next()

    def int(self, n):
        """Integer in [0, n)."""
        return math.floor(self.next() * n)

    def normal(self):
        """Standard normal (Box–Muller, keeping the second value for the next call)."""
        if self.spare_normal is not None:
            value = self.spare_normal
            self.spare_normal = None
            return value
        u = 0.0
        while u <= 1e-12:
            u = self.next()
        v = self.next()
        r = math.sqrt(-2.0 * math.log(u))
        self.spare_normal = r * math.sin(2.0 * math.pi * v)
        return r * math.cos(2.0 * math.pi * v)

    def shuffle(self, items):
        """In-place Fisher–Yates shuffle of a list."""
        for i in range(len(items) - 1, 0, -1):
            j = self.int(i + 1)
            items[i], items[j] = items[j], items[i]
        return items

    def get_state(self):
        return {"s": list(self.s), "spareNormal": self.spare_normal}

    def set_state(self, state):
        self.s = [int(w) & MASK for w in state["s"]]
        self.spare_normal = state.get("spareNormal")


class Streams:
    """Named streams forked from one seed (`train/NODE/NAME`), as ganvas's data feed keeps them."""

    def __init__(self, seed):
        self.root = Rng(seed)
        self.streams = {}

    def get(self, name):
        rng = self.streams.get(name)
        if rng is None:
            rng = self.streams[name] = self.root.fork(name)
        return rng

    def get_state(self):
        return {name: rng.get_state() for name, rng in self.streams.items()}

    def set_state(self, states):
        for name, state in states.items():
            self.get(name).set_state(state)
