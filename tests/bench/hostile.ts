/**
 * Hostile input, measured: the command line's peak memory on zip and picture bombs (it must stay
 * under 300 MB), and how late the page answers while a large image set decodes in the decode
 * worker (it must stay under 200 ms), with the same set decoded on the page's thread beside it.
 *
 *   npx tsx tests/bench/hostile.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodePng } from '../../src/data/png';
import { serializeDocument } from '../../src/graph/load';
import { openPage, ROOT, startApp } from '../e2e/harness';
import { loadTemplate } from '../unit/helpers';
import { deflatedZeros, hugePng, makeZip } from '../unit/data/bombs';
import type { BenchRow } from './table';

const TIME = '/usr/bin/time';

/** Peak resident memory (MB) and seconds of `ganvas ARGS`, with its exit status and last line of stderr. */
function measureCli(args: string[]): { mb: number; seconds: number; status: number | null; said: string } {
  const r = spawnSync(TIME, ['-f', 'GANVAS_TIME %M %e', process.execPath, join(ROOT, 'bin/ganvas.mjs'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /GANVAS_TIME (\d+) ([\d.]+)/.exec(r.stderr);
  const said = r.stderr.split('\n').filter((l) => l && !l.startsWith('GANVAS_TIME') && !l.startsWith('Command exited')).pop() ?? '';
  return { mb: m ? Number(m[1]) / 1024 : NaN, seconds: m ? Number(m[2]) : NaN, status: r.status, said: said.slice(0, 140) };
}

export async function benchCliBombs(): Promise<BenchRow[]> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing (apt-get install time)`);
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-bombs-'));
  try {
    // InfoGAN reading the user's images instead of MNIST.
    const doc = loadTemplate('infogan');
    const data = doc.nodes.find((n) => n.kind === 'Dataset')!;
    data.params = { ...data.params, name: 'custom', size: [28, 28, 1] };
    const graph = join(dir, 'own-images.json');
    writeFileSync(graph, serializeDocument(doc));
    const good = encodePng(64, 64, new Uint8Array(64 * 64 * 4).fill(120));
    const gigabyte = deflatedZeros(1_000_000_000);
    const zeros60k = deflatedZeros(60_000);
    const files: [string, string, Uint8Array | null][] = [
      ['a good zip (3 small images), for comparison', 'good.zip', makeZip([0, 1, 2].map((i) => ({ name: `${i}.png`, data: good, method: 0, declaredSize: good.length })))],
      ['zip: one entry inflating to 1 GB (declared)', 'gigabyte.zip', makeZip([{ name: 'photo.png', data: gigabyte, method: 8, declaredSize: 1_000_000_000 }])],
      ['zip: one entry inflating to 1 GB, declared 1 KB', 'liar.zip', makeZip([{ name: 'photo.png', data: gigabyte, method: 8, declaredSize: 1_000 }])],
      ['zip: 20,000×20,000 PNG (1.6 GB of pixels)', 'pixels.zip', makeZip([{ name: 'huge.png', data: hugePng(20_000, 20_000), method: 0, declaredSize: 0 }])],
      ['zip: 15,000 entries of 60 KB zeros each', 'many.zip', makeZip(Array.from({ length: 15_000 }, (_, i) => ({ name: `${i}.png`, data: zeros60k, method: 8 as const, declaredSize: 60_000 })))],
      ['folder: one 20,000×20,000 PNG', 'folder', null],
    ];
    const rows: BenchRow[] = [];
    for (const [what, name, bytes] of files) {
      const path = join(dir, name);
      if (bytes) writeFileSync(path, bytes);
      else {
        mkdirSync(path);
        writeFileSync(join(path, 'huge.png'), hugePng(20_000, 20_000));
      }
      const m = measureCli(['train', graph, '--data', path, '--steps', '1', '--size', 'tiny', '--out', join(dir, 'run')]);
      rows.push({ input: what, 'peak memory MB': Math.round(m.mb), seconds: m.seconds, exit: m.status ?? 'signal', 'under 300 MB': m.mb < 300 ? 'yes' : 'NO', message: m.said });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDecodeResponsiveness(): Promise<BenchRow[]> {
  const app = await startApp();
  try {
    const session = await openPage(app);
    try {
      const { page } = session;
      await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
      const rows: BenchRow[] = [];
      for (const [count, side] of [[60, 1024], [16, 2048]] as const) {
        for (const where of ['worker', 'page'] as const) {
          const r = await page.evaluate(([c, s, w]) => window.__ganvasTest!.decodeImagesTimed(c, s, w), [count, side, where] as const);
          rows.push({
            set: `${count} PNGs of ${side}×${side} (${Math.round((count * side * side) / 1e6)} megapixels)`,
            'decoded in': where === 'worker' ? 'decode worker' : "page's own thread",
            seconds: Math.round(r.ms / 100) / 10,
            images: r.images,
            'longest task on the page (ms)': Math.round(r.longestTaskMs),
            'a 20 ms timer late by at most (ms)': Math.round(r.maxLateMs),
            'under 200 ms': r.longestTaskMs < 200 ? 'yes' : 'NO',
          });
        }
      }
      return rows;
    } finally {
      await session.close();
    }
  } finally {
    await app.close();
  }
}

export async function benchHostile(): Promise<BenchRow[]> {
  return [...(await benchCliBombs()), ...(await benchDecodeResponsiveness())];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printTable } = await import('./table');
  printTable('Command line on zip and picture bombs', await benchCliBombs());
  printTable('Page responsiveness while an image set decodes', await benchDecodeResponsiveness());
}
