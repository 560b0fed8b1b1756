import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { dataCommand } from '../../../src/cli/commands/data';
import { REPO_ROOT } from '../../../src/data/env-node';

const dir = mkdtempSync(join(tmpdir(), 'ganvas-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const lines = { log: [] as string[], error: [] as string[] };
  return { io: { log: (s: string) => lines.log.push(s), error: (s: string) => lines.error.push(s) }, lines };
}

/** Grey-level statistics of a PNG file, decoded by pngjs. */
function pngStats(file: string) {
  const png = PNG.sync.read(readFileSync(file));
  let sum = 0;
  let sq = 0;
  const levels = new Set<number>();
  const n = png.width * png.height;
  let colourful = 0;
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2]];
    const v = (r + g + b) / 3 / 255;
    sum += v;
    sq += v * v;
    levels.add(Math.round(v * 255));
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) colourful++;
  }
  const mean = sum / n;
  return { width: png.width, height: png.height, mean, sd: Math.sqrt(sq / n - mean * mean), levels: levels.size, colourful: colourful / n };
}

describe('ganvas data (previews)', () => {
  it('writes an MNIST grid PNG with non-trivial pixels and a legend of labels', async () => {
    const out = join(dir, 'mnist.png');
    const { io, lines } = capture();
    expect(await dataCommand(['mnist', '--count', '20', '--out', out], io)).toBe(0);
    expect(lines.error).toEqual([]);
    const stats = pngStats(out);
    console.log(`mnist preview ${stats.width}×${stats.height}: mean ${stats.mean.toFixed(3)}, sd ${stats.sd.toFixed(3)}, ${stats.levels} grey levels`);
    expect(stats.sd).toBeGreaterThan(0.15);
    expect(stats.levels).toBeGreaterThan(50);
    const legend = readFileSync(join(dir, 'mnist.txt'), 'utf8').trim().split('\n');
    expect(legend.length).toBe(2 + 20);
    expect(legend[2]).toMatch(/row 0, col 0: #0 label \d/);
    expect(legend.slice(2).map((l) => l.split('label ')[1]).slice(0, 10)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('renders faces (attributes in the legend), speech spectrograms and a ring8 scatter plot', async () => {
    for (const [name, count] of [
      ['faces', 16],
      ['speech', 9],
      ['ring8', 800],
      ['mnist-m', 10],
    ] as const) {
      const out = join(dir, `${name}.png`);
      const { io } = capture();
      expect(await dataCommand([name, '--count', String(count), '--out', out, '--split', 'test', '--seed', '4'], io)).toBe(0);
      const stats = pngStats(out);
      console.log(`${name} preview ${stats.width}×${stats.height}: sd ${stats.sd.toFixed(3)}, colourful ${(stats.colourful * 100).toFixed(1)}%`);
      expect(stats.sd).toBeGreaterThan(name === 'ring8' ? 0.02 : 0.1);
      expect(stats.colourful).toBeGreaterThan(name === 'ring8' ? 0.001 : 0.1);
      const legend = readFileSync(join(dir, `${name}.txt`), 'utf8');
      if (name === 'faces') expect(legend).toMatch(/long_hair|smiling|glasses/);
      if (name === 'speech') expect(legend).toMatch(/speaker \d+, content \w+/);
      if (name === 'ring8') {
        expect(legend).toMatch(/σ = 0.05/);
        expect(legend).toMatch(/mode 7: 100 points/);
      }
    }
  });

  it('refuses bad arguments with exit code 2 and a one-line message', async () => {
    for (const argv of [[], ['nope'], ['mnist', '--split', 'val'], ['mnist', '--count', '0'], ['mnist', '--bogus'], ['mnist', '--out', 'x.jpg'], ['custom']]) {
      const { io, lines } = capture();
      expect(await dataCommand(argv, io)).toBe(2);
      expect(lines.error.length).toBe(1);
      expect(lines.error[0].split('\n')[0].length).toBeGreaterThan(10);
    }
    const { io, lines } = capture();
    await dataCommand(['nope'], io);
    expect(lines.error[0]).toMatch(/unknown data set "nope" \(known: mnist, mnist-m, faces/);
    expect(existsSync(join(dir, 'x.jpg'))).toBe(false);
  });

  it('previews a folder of your own images', async () => {
    const out = join(dir, 'custom.png');
    const folder = mkdtempSync(join(tmpdir(), 'ganvas-own-'));
    try {
      const png = new PNG({ width: 10, height: 10 });
      for (let i = 0; i < 100; i++) png.data.set([i * 2, 255 - i * 2, 60, 255], i * 4);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(folder, 'one.png'), PNG.sync.write(png));
      writeFileSync(join(folder, 'two.txt'), 'x');
      const { io, lines } = capture();
      expect(await dataCommand(['custom', '--from', folder, '--size', '16x16x3', '--out', out], io)).toBe(0);
      expect(lines.log[0]).toMatch(/1 image from folder .*; skipped 1 file: two.txt/);
      expect(pngStats(out).sd).toBeGreaterThan(0.05);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('src/data stays portable', () => {
  it('has no TF.js anywhere and no Node imports outside env-node.ts', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(d, entry.name));
        else if (entry.name.endsWith('.ts')) files.push(join(d, entry.name));
      }
    };
    walk(join(REPO_ROOT, 'src', 'data'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/@tensorflow/);
      expect(text, file).not.toMatch(/Math\.random/);
      if (!file.endsWith('env-node.ts')) expect(text, file).not.toMatch(/from ['"](node:|fs|path|url|os)['"/]/);
      if (!file.endsWith('env-node.ts')) expect(text, file).not.toMatch(/from ['"]\.\/env-node['"]/);
    }
  });
});
