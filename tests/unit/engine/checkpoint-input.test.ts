/** Checkpoint files are hostile too: each bad field is refused by name, before the engine sees it. */
import { describe, expect, it } from 'vitest';
import { parseManifest, parseManifestText, unpackCheckpointBytes, type CheckpointManifest } from '../../../src/engine/checkpoint';

const good = (): CheckpointManifest => ({
  format: 'ganvas-checkpoint',
  version: 1,
  planHash: '0123456789abcdef',
  title: 'test',
  seed: 1,
  step: 10,
  totalSteps: 100,
  backend: 'cpu',
  weightSpecs: [{ name: 'G/dense/kernel', shape: [2, 3], dtype: 'float32' }],
  weightsManifest: [{ paths: ['weights.bin'], weights: [] }],
  rng: { streams: { 'noise:z': { s: [1, 2, 3, 4], spareNormal: null } }, nodes: { data: { batch: 8, stream: { epoch: 0, position: 8, orderRng: { s: [5, 6, 7, 8], spareNormal: 0.5 } } } } },
  optimizers: { d: { type: 'adam', iterations: 10 } },
  overrides: { learningRates: {}, lossWeights: {} },
});

const refusal = (edit: (m: any) => void): string => {
  const m = good() as any;
  edit(m);
  try {
    parseManifest(m);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('checkpoint manifests', () => {
  it('accepts a well-formed one as it is, unknown fields kept', () => {
    const m = { ...good(), extra: { by: 'another tool' } };
    expect(parseManifest(m)).toBe(m);
  });

  it('refuses steps of 1e308, −4 and 2.5, naming the field and the value', () => {
    expect(refusal((m) => (m.step = 1e308))).toBe('checkpoint manifest step: must be a whole number from 0 to 10,000,000 (found 1e+308)');
    expect(refusal((m) => (m.step = -4))).toBe('checkpoint manifest step: must be a whole number from 0 to 10,000,000 (found -4)');
    expect(refusal((m) => (m.step = 2.5))).toMatch(/^checkpoint manifest step: must be a whole number/);
    expect(refusal((m) => (m.step = 200))).toMatch(/step: 200 is past its total of 100 steps/);
  });

  it('refuses a garbage random state with a message, not "state.s is not iterable"', () => {
    expect(refusal((m) => (m.rng.streams['noise:z'].s = 'garbage'))).toMatch(/^checkpoint manifest rng\.streams\.noise:z\.s: must be a list of four 32-bit words/);
    expect(refusal((m) => (m.rng.streams['noise:z'].s = [0, 0, 0, 0]))).toMatch(/must not be all zero/);
    expect(refusal((m) => (m.rng.streams['noise:z'].s = [1, 2, 3, 2 ** 40]))).toMatch(/s\[3\]: must be a whole number from -2,147,483,648 to 4,294,967,295/);
    // Checkpoints written before the words were kept unsigned hold their signed form: still loadable.
    const signed = good();
    signed.rng.streams['noise:z'].s = [1, -2, 3, -994346126];
    expect(() => parseManifest(signed)).not.toThrow();
    expect(refusal((m) => (m.rng.nodes.data = { batch: 8, stream: 'x' }))).toMatch(/rng\.nodes\.data/);
    expect(refusal((m) => (m.rng = null))).toMatch(/rng/);
  });

  it('refuses weight lists too large for memory and weight data that does not match', () => {
    expect(refusal((m) => (m.weightSpecs = [{ name: 'w', shape: [1e9, 1e9], dtype: 'float32' }]))).toMatch(/weightSpecs: describe more than/);
    const header = new TextEncoder().encode(JSON.stringify(good()) + '\n');
    const file = new Uint8Array(header.length + 20);
    file.set(header);
    expect(() => unpackCheckpointBytes(file)).toThrow(/weight data has 20 bytes; the manifest describes 24/);
    const right = new Uint8Array(header.length + 24);
    right.set(header);
    expect(unpackCheckpointBytes(right).manifest.step).toBe(10);
  });

  it('refuses a header nested too deep or not JSON, with the place', () => {
    expect(() => parseManifestText('{"format": NaN}')).toThrow(/NaN is not a JSON number; write a number or null at line 1, column 12/);
    expect(() => parseManifestText('['.repeat(100_000))).toThrow(/nests deeper than 16 levels/);
  });
});
