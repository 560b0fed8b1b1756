/**
 * A small seeded random number generator (xoshiro128**) whose whole state is four 32-bit words,
 * so it can be saved in a checkpoint and restored to continue the same sequence.
 *
 * One seed in the document drives data order, noise and initialisation; each consumer derives
 * its own stream with `fork(name)` so adding a consumer does not shift the others.
 */
export type RngState = [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Rng {
  private s: RngState;
  private spareNormal: number | null = null;

  constructor(seed: number | RngState) {
    if (Array.isArray(seed)) {
      // Words are kept unsigned (a restored state may hold the signed form of the same bits).
      this.s = seed.map((w) => w >>> 0) as RngState;
    } else {
      const next = splitmix32(seed);
      this.s = [next(), next(), next(), next()];
      if (this.s.every((w) => w === 0)) this.s[0] = 1;
    }
  }

  /** An independent stream named `name`, derived from this generator's current state. */
  fork(name: string): Rng {
    const next = splitmix32((this.s[0] ^ hashString(name)) >>> 0);
    const mix = splitmix32((this.s[1] + hashString(name + '#')) >>> 0);
    // `^` and `|` give signed words: the constructor keeps their bits as unsigned ones.
    return new Rng([next() ^ mix(), next(), mix(), next() | 1] as RngState);
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u <= 1e-12) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[] | Int32Array | Uint32Array): typeof items {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  getState(): { s: RngState; spareNormal: number | null } {
    return { s: [...this.s] as RngState, spareNormal: this.spareNormal };
  }

  setState(state: { s: RngState; spareNormal: number | null }): void {
    this.s = state.s.map((w) => w >>> 0) as RngState;
    this.spareNormal = state.spareNormal;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
