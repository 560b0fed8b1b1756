import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { ROOT, templateNames, loadTemplate } from '../helpers';
import { serializeDocument } from '../../../src/graph/load';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ganvas CLI', () => {
  it('lists every template', async () => {
    const r = await run(['templates']);
    expect(r.code).toBe(0);
    for (const name of templateNames()) expect(r.out).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'));
  });

  it('check exits 0 for every template', async () => {
    for (const name of templateNames()) {
      const r = await run(['check', join(ROOT, 'templates', `${name}.json`)]);
      expect(r.code, `${name}: ${r.out}`).toBe(0);
      expect(r.out).toBe('');
    }
  });

  it('check prints one diagnostic per line and exits 1 on an error', async () => {
    const doc = structuredClone(loadTemplate('gan-2d'));
    doc.edges = doc.edges.filter((e) => e.target.node !== 'G');
    doc.nodes.find((n) => n.id === 'z')!.params.dim = 0;
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, serializeDocument(doc));
    const r = await run(['check', file]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines).toContain('error z: Noise ‹z›: dimension must be at least 1, not 0');
    expect(lines).toContain('error G.x: Generator ‹G›: input x is not connected (it needs a code, a vector, labels or an image)');
    expect(lines.every((l) => /^(error|warning) \S+: /.test(l))).toBe(true);
  });

  it('refuses a file that is not JSON, or not a document, in one line with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-'));
    writeFileSync(join(dir, 'a.json'), '{ nope');
    writeFileSync(join(dir, 'b.json'), '{"hello": 1}');
    const a = await run(['check', join(dir, 'a.json')]);
    const b = await run(['compile', join(dir, 'b.json')]);
    const c = await run(['check', join(dir, 'missing.json')]);
    for (const r of [a, b, c]) {
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
    }
    expect(a.err).toMatch(/is not valid JSON: .*line 1, column 3/);
    expect(b.err).toMatch(/is not a ganvas document/);
    expect(c.err).toMatch(/no such file/);
  });

  it('compile prints the plan as JSON and honours --size', async () => {
    const r = await run(['compile', join(ROOT, 'templates', 'infogan.json'), '--size', 'tiny']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.format).toBe('ganvas-plan');
    expect(plan.size).toBe('tiny');
    expect(plan.batchSize).toBe(8);
    expect((await run(['compile', 'infogan', '--size', 'huge'])).code).toBe(2);
    expect((await run(['compile', 'infogan', '--bogus'])).err).toMatch(/unknown option --bogus/);
  });

  it('--variant opens a one-click variant in check and compile, and names the ones there are when it is wrong', async () => {
    const full = JSON.parse((await run(['compile', 'vae-gan', '--size', 'tiny'])).out);
    const r = await run(['compile', 'vae-gan', '--size', 'tiny', '--variant', 'plain-vae']);
    expect(r.code, r.err).toBe(0);
    const plain = JSON.parse(r.out);
    // The plain VAE has no discriminator: one group and one phase fewer, same encoder and decoder.
    expect(full.groups.map((g: { id: string }) => g.id).sort()).toEqual(['D', 'E', 'G']);
    expect(plain.groups.map((g: { id: string }) => g.id).sort()).toEqual(['E', 'G']);
    expect(plain.phases.length).toBeLessThan(full.phases.length);
    expect(plain.title).toMatch(/plain VAE/i);
    expect((await run(['check', 'vae-gan', '--variant', 'plain-vae'])).code).toBe(0);
    const bad = await run(['check', 'vae-gan', '--variant', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('vae-gan: “VAE-GAN on faces” has no variant "nope" (it has plain-vae, paper-generator)');
    const listed = await run(['templates']);
    expect(listed.out).toMatch(/^\s+--variant plain-vae: /m);
  });

  it('unknown commands exit 2 with usage', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "frobnicate"/);
  });

  it('runs as an installed bin', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/ganvas.mjs'), 'check', 'gan-2d'], { encoding: 'utf8' });
    expect(out).toBe('');
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin/ganvas.mjs'), 'check', 'no-such-thing'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });
});
