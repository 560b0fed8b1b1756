/**
 * Random streams' states are four unsigned 32-bit words, as checkpoints store and check them, and
 * the signed form of the same bits (older checkpoints) restores the same stream.
 */
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../../src/data/checkpoint-file';
import { Rng } from '../../../src/util/rng';

const unsigned = (s: readonly number[]) => s.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff);

describe('random stream state', () => {
  it('is unsigned, also for a forked stream that has drawn nothing yet', () => {
    const forks = Array.from({ length: 200 }, (_, i) => new Rng(i + 1).fork(`node${i}/order`));
    for (const r of forks) expect(unsigned(r.getState().s)).toBe(true);
    const manifest = {
      format: 'ganvas-checkpoint', version: 1, planHash: 'ab', title: 't', seed: 1, step: 0, totalSteps: 1, backend: 'cpu',
      weightSpecs: [], weightsManifest: [], optimizers: {},
      rng: { streams: Object.fromEntries(forks.map((r, i) => [`s${i}`, r.getState()])), nodes: {} },
    };
    expect(() => validateManifest(manifest)).not.toThrow();
  });

  it('the signed form of a state restores the same draws', () => {
    const a = new Rng(7).fork('z');
    const state = a.getState();
    const signed = { ...state, s: state.s.map((w) => w | 0) as typeof state.s };
    const b = new Rng(1);
    b.setState(signed);
    expect(b.getState()).toEqual(state);
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(Array.from({ length: 5 }, () => a.nextUint32()));
  });
});
