/** The command line on hostile files: one line, the place named, no stack trace, the right exit code. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { addPngText } from '../../../src/data/png-text';
import { encodePng } from '../../../src/data/png';
import { serializeDocument } from '../../../src/graph/load';
import { ROOT, loadTemplate } from '../helpers';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'ganvas-hostile-cli-'));
const base = () => JSON.parse(serializeDocument(loadTemplate('gan-2d')));
const file = (name: string, body: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};
const doc = (edit: (d: any) => void) => {
  const d = base();
  edit(d);
  return JSON.stringify(d, null, 2);
};

describe('ganvas on hostile documents', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['constructor.json', doc((d) => (d.nodes[0].id = 'constructor')), /nodes\[0\] ‹constructor›\.id: "constructor" is a reserved name/],
    ['quote.json', doc((d) => (d.nodes[0].id = 'a"\nb')), /nodes\[0\] ‹a"\\nb›\.id: must be a plain identifier/],
    ['rtl.json', doc((d) => (d.nodes[1].label = 'G\u202Eevil')), /\.label: holds an invisible or control character \(U\+202E at character 2\)/],
    ['nan.json', serializeDocument(loadTemplate('gan-2d')).replace(/"x": [-\d.]+/, '"x": NaN'), /NaN is not a JSON number; write a number or null at line \d+, column \d+/],
    ['comment.json', `// notes\n${serializeDocument(loadTemplate('gan-2d'))}`, /comments are not allowed in JSON at line 1, column 1/],
    ['deep.json', `{"format":"ganvas","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, /nests deeper than 64 levels at line 1, column 87/],
    ['long-id.json', doc((d) => (d.nodes[0].id = 'n'.repeat(1_000_000))), /nodes\[0\]\.id: text of 1,000,000 characters is longer than 100,000/],
    ['picture.png', addPngText(encodePng(1, 1, new Uint8Array(4)), 'ganvas', doc((d) => (d.edges[0].id = 'e\u200B'))), /edges\[0\] ‹e\\u\{200B\}›\.id: must be a plain identifier/],
    ['big.json', new Uint8Array(50_000_000).fill(32), /is too large to be a graph document \(50 MB; at most 40 MB\)/],
  ];
  for (const [name, body, message] of cases) {
    it(`${name}: exit 2, one line naming the place, nothing raw`, async () => {
      const r = await run(['check', file(name, body)]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
      expect(r.err.length).toBeLessThan(500);
      expect(r.err).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u200B\u202E]|\n\s+at /);
    });
  }

  it('refuses a checkpoint with a step of 1e308, −4 or a garbage random state before building anything', async () => {
    for (const [edit, message] of [
      [(m: any) => (m.step = 1e308), /step: must be a whole number from 0 to 10,000,000 \(found 1e\+308\)/],
      [(m: any) => (m.step = -4), /step: must be a whole number from 0 to 10,000,000 \(found -4\)/],
      [(m: any) => (m.rng = { streams: { z: { s: 'garbage', spareNormal: null } }, nodes: {} }), /rng\.streams\.z\.s: must be a list of four 32-bit words/],
    ] as const) {
      const ckpt = join(dir, `ckpt-${Math.random().toString(36).slice(2)}`);
      mkdirSync(ckpt);
      const manifest: any = { format: 'ganvas-checkpoint', version: 1, planHash: 'ab', title: 't', seed: 1, step: 1, totalSteps: 10, backend: 'cpu', weightSpecs: [], weightsManifest: [], rng: { streams: {}, nodes: {} }, optimizers: {} };
      edit(manifest);
      writeFileSync(join(ckpt, 'manifest.json'), JSON.stringify(manifest));
      writeFileSync(join(ckpt, 'weights.bin'), new Uint8Array(0));
      const r = await run(['train', 'gan-2d', '--resume', ckpt, '--out', join(dir, 'out')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^cannot resume from .*manifest\.json: checkpoint manifest /);
      expect(r.err).toMatch(message);
    }
  });

  it('the real command line: exit 2 and one line on stderr for a hostile document', () => {
    const path = file('real.json', doc((d) => (d.nodes[0].id = '__proto__')));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/ganvas.mjs'), 'check', path], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/"__proto__" is a reserved name/);
    const unknown = spawnSync(process.execPath, [join(ROOT, 'bin/ganvas.mjs'), 'ch\u202Eeck'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command "ch\\u\{202E\}eck"/);
  });
});
