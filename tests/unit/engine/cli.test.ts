/** `ganvas train`: arguments, exit codes, and what it writes. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainCommand } from '../../../src/cli/commands/train';
import { readCheckpoint } from '../../../src/engine/checkpoint-node';
import { ROOT, TEMPLATE_DIR, loadTemplate } from '../helpers';
import { applyVariant } from '../../../src/graph/variants';

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (s: string) => void out.push(s), error: (s: string) => void err.push(s) }, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'ganvas-train-'));
const template = (name: string) => join(TEMPLATE_DIR, `${name}.json`);

describe('ganvas train: arguments', () => {
  it('an unknown flag: exit 2 and a one-line message naming it', async () => {
    const { io, err } = captured();
    expect(await trainCommand([template('gan-2d'), '--stpes', '10'], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    expect(err[0]).toMatch(/^unknown option --stpes/);
  });

  it.each([
    [['--steps', 'ten'], /--steps must be a number/],
    [['--steps', '0'], /--steps must be a whole number/],
    [['--size', 'huge'], /--size must be one of tiny, small, full/],
    [['--backend', 'webgpu'], /--backend must be one of wasm, cpu/],
    [['--every'], /--every needs a value/],
    [['--steps', '1e308'], /--steps must be at most 10,000,000, not 1e\+308/],
    [['--steps', ''], /--steps must be a number/],
  ])('bad value %j: exit 2', async (flags, message) => {
    const { io, err } = captured();
    expect(await trainCommand([template('gan-2d'), ...flags], io)).toBe(2);
    expect(err[0]).toMatch(message);
  });

  it('--help prints the usage and exits 0', async () => {
    const { io, out } = captured();
    expect(await trainCommand(['--help'], io)).toBe(0);
    expect(out[0]).toMatch(/^usage: ganvas train FILE/);
  });

  it('not a document: exit 2', async () => {
    const dir = tmp();
    const file = join(dir, 'notes.json');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    const { io, err } = captured();
    expect(await trainCommand([file, '--out', dir], io)).toBe(2);
    expect(err[0]).toMatch(/not a ganvas document/);
    const missing = captured();
    expect(await trainCommand([join(dir, 'nope.json')], missing.io)).toBe(2);
    expect(missing.err[0]).toMatch(/no such file/);
  });

  it('a document that does not check: exit 1 (a graph failure, as check and compile say) with the checker’s errors', async () => {
    const doc = loadTemplate('gan-2d');
    doc.edges = doc.edges.filter((e) => e.target.node !== 'G');
    const dir = tmp();
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(doc));
    const { io, err } = captured();
    expect(await trainCommand([file, '--out', dir], io)).toBe(1);
    expect(err.join('\n')).toMatch(/^error G: .*input x/m);
  });

  it('the real command line: bad flag gives exit status 2', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/ganvas.mjs'), 'train', template('gan-2d'), '--bogus'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^unknown option --bogus/);
  });
});

describe('ganvas train: outputs', () => {
  it('writes metrics.jsonl, sample grids, a checkpoint and summary.json; --resume continues', async () => {
    const dir = tmp();
    const { io, out } = captured();
    const code = await trainCommand([template('infogan'), '--size', 'tiny', '--steps', '6', '--every', '2', '--out', dir, '--backend', 'wasm'], io);
    expect(code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['checkpoint', 'metrics.jsonl', 'run.json', 'samples-2.png', 'samples-4.png', 'samples-6.png', 'summary.json']);
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.step)).toEqual([2, 4, 6]);
    for (const l of lines) expect(Object.keys(l.losses).sort()).toEqual(['L_G', 'L_c1', 'L_c23', 'L_fake', 'L_real', 'd', 'g']);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ status: 'done', steps: 6, backend: 'wasm' });
    expect(summary.tensors.end).toBe(summary.tensors.start);
    expect(summary.stepsPerSecond).toBeGreaterThan(0);
    const png = readFileSync(join(dir, 'samples-6.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(out.some((l) => /^step 6\/6 /.test(l))).toBe(true);

    const resumed = captured();
    expect(await trainCommand([template('infogan'), '--size', 'tiny', '--steps', '8', '--every', '2', '--out', dir, '--resume', dir], resumed.io)).toBe(0);
    const after = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).step);
    expect(after).toEqual([2, 4, 6, 8]);
    expect(readCheckpoint(join(dir, 'checkpoint')).manifest.step).toBe(8);
  });

  it('NaN: exit 1, the message names the loss and the phase, the last good checkpoint stays', async () => {
    // Without its bounded features DANN blows up at lr 1e4 within a few steps.
    const doc = applyVariant(loadTemplate('dann'), 'unbounded-features');
    for (const p of doc.phases) p.optimizer.lr = 1e4;
    const dir = tmp();
    const file = join(dir, 'dann-hot.json');
    writeFileSync(file, JSON.stringify(doc));
    const { io, err } = captured();
    const code = await trainCommand([file, '--size', 'tiny', '--steps', '10', '--every', '1', '--out', dir], io);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/loss "digit loss \(source\)" \(L_y\) of phase "Train" \(train\) became NaN/);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ status: 'failed', error: { code: 'nan', phase: 'train', loss: 'L_y' } });
    expect(existsSync(join(dir, 'checkpoint', 'manifest.json'))).toBe(true);
    const saved = readCheckpoint(join(dir, 'checkpoint'));
    expect(saved.manifest.step).toBeLessThan(summary.steps);
    expect(new Float32Array(saved.weightData).every(Number.isFinite)).toBe(true);
  });

  it('the real command line: a training failure gives exit status 1', () => {
    // Without its bounded features DANN blows up at lr 1e4 within a few steps.
    const doc = applyVariant(loadTemplate('dann'), 'unbounded-features');
    for (const p of doc.phases) p.optimizer.lr = 1e4;
    const dir = tmp();
    const file = join(dir, 'dann-hot.json');
    writeFileSync(file, JSON.stringify(doc));
    let status = 0;
    try {
      execFileSync(process.execPath, [join(ROOT, 'bin/ganvas.mjs'), 'train', file, '--size', 'tiny', '--steps', '30', '--out', dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      expect((e as { stderr: string }).stderr).toMatch(/phase "Train"/);
    }
    expect(status).toBe(1);
  });
});
