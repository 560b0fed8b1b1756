/** Run records: the CLI writes one the app can import, hostile ones are refused by field, and graph diffs name what changed. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { describeChange, diffGraphs } from '../../../src/runs/diff';
import { parseRunRecord, RUN_FILE, thinCurves } from '../../../src/runs/record';
import { loadTemplate } from '../helpers';

const quiet = { log: () => undefined, error: (s: string) => void process.stderr.write(`${s}\n`) };

describe('graph diff', () => {
  it('names a changed learning rate, a layer param, a new node, a removed wire and a run setting', () => {
    const a = loadTemplate('gan-2d');
    const b = structuredClone(a);
    b.phases[0].optimizer.lr = 5e-4;
    (b.nodes.find((n) => n.id === 'G')!.params.layers as { units?: number }[])[0].units = 64;
    b.nodes.push({ id: 'extra', kind: 'Noise', params: { dim: 2 }, position: { x: 0, y: 0 } });
    b.edges = b.edges.filter((e) => e.id !== 'z.z->G.x');
    b.run.seed = 8;
    b.nodes[0].position = { x: 999, y: 999 }; // layout is not a change
    const changes = diffGraphs(a, b);
    const lines = changes.map((c) => {
      const d = describeChange(c, a, b);
      return `${c.change} ${d.item}${d.path ? ` ${d.path}` : ''}${c.change === 'changed' ? `: ${d.before} → ${d.after}` : ''}`;
    });
    expect(lines).toEqual([
      'added ‹extra›',
      'changed ‹G› layers[0].units: 256 → 64',
      'removed wire z.z→G.x',
      'changed phase “D step” optimizer.lr: 0.001 → 0.0005',
      'changed run seed: 7 → 8',
    ]);
    expect(diffGraphs(a, structuredClone(a))).toEqual([]);
  });
});

describe('run records', () => {
  it('`ganvas train` writes run.json with the graph it trained, its curves, samples and checkpoint; it parses back', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ganvas-run-'));
    try {
      expect(await main(['train', 'gan-2d', '--size', 'tiny', '--steps', '4', '--every', '2', '--out', out], quiet)).toBe(0);
      const parsed = parseRunRecord(readFileSync(join(out, RUN_FILE), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error);
      const r = parsed.record;
      expect(r).toMatchObject({ source: 'cli', status: 'done', step: 4, settings: { size: 'tiny', steps: 4, learningRates: { d: 0.001, g: 0.001 } } });
      expect(r.document.run.size).toBe('tiny');
      expect(r.document.run.presets.tiny.steps).toBe(4);
      expect(r.curves.steps).toEqual([2, 4]);
      expect(r.curves.values.L_real).toHaveLength(2);
      expect(r.samples?.png).toMatch(/^data:image\/png;base64,/);
      expect(r.checkpoint?.path).toBe(join(out, 'checkpoint'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses files that are not run records, naming the field', () => {
    expect(parseRunRecord('{', 'x.json')).toMatchObject({ ok: false, error: expect.stringMatching(/x\.json is not JSON/) });
    expect(parseRunRecord('{"format":"ganvas"}')).toMatchObject({ ok: false, error: expect.stringMatching(/not a ganvas run record/) });
    const good = {
      format: 'ganvas-run', version: 1, id: 'r', source: 'cli', title: 't', startedAt: 1, status: 'done', step: 1,
      settings: { size: 'tiny', seed: 1, batchSize: 8, steps: 1, width: 1, backend: 'wasm', learningRates: {}, lossWeights: {} },
      document: loadTemplate('gan-2d'), curves: { steps: [1], values: { a: [0.5] } },
    };
    expect(parseRunRecord(JSON.stringify(good)).ok).toBe(true);
    expect(parseRunRecord(JSON.stringify({ ...good, curves: { steps: [1, 2], values: { a: [0.5] } } }))).toMatchObject({ ok: false, error: expect.stringMatching(/one value per step/) });
    expect(parseRunRecord(JSON.stringify({ ...good, samples: { step: 1, png: 'javascript:alert(1)' } }))).toMatchObject({ ok: false, error: expect.stringMatching(/samples\.png: a PNG data URL/) });
    expect(parseRunRecord(JSON.stringify({ ...good, document: { ...good.document, nodes: 'x' } }))).toMatchObject({ ok: false, error: expect.stringMatching(/^the run file: document\.nodes/) });
  });

  it('thins long curves evenly and keeps the last point', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => i + 1);
    const c = thinCurves({ steps, values: { a: steps.map((s) => s / 10) } }, 100);
    expect(c.steps).toHaveLength(100);
    expect(c.steps[0]).toBe(1);
    expect(c.steps[99]).toBe(1000);
    expect(c.values.a[99]).toBe(100);
  });
});
