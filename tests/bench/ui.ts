/**
 * Editor page benchmark: the page's JavaScript (gzip, and that none of it is TF.js), the time to
 * interactive in headless chromium, and frames per second while dragging a node in a 300-node graph.
 *
 *   npx tsx tests/bench/ui.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { emptyDocument, type GraphDocument } from '../../src/graph/document';
import { encodeDocument } from '../../src/ui/files/share';
import { DIST, openPage, startApp, type App } from '../e2e/harness';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** A name every TF.js build contains (a kernel id), to prove the page carries none of it. */
const TFJS_MARKER = 'Conv2DBackpropInput';

/** JS files the page loads: the entry script and what it imports, statically or on demand. */
export function pageScripts(dist = DIST): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const todo = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const m of code.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.\/[^"']+\.js)["']/g)) todo.push(dir + m[1].slice(2));
  }
  return [...seen];
}

export function javascriptSize(dist = DIST): { files: string[]; raw: number; gzip: number; tfjs: boolean } {
  const files = pageScripts(dist);
  let raw = 0;
  let gzip = 0;
  let tfjs = false;
  for (const f of files) {
    const bytes = readFileSync(join(dist, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    if (bytes.includes(TFJS_MARKER)) tfjs = true;
  }
  return { files, raw, gzip, tfjs };
}

/** 300 nodes: 75 chains of noise → generator → discriminator → loss, on a grid. */
export function bigGraph(chains = 75): GraphDocument {
  const doc = emptyDocument('300-node benchmark');
  const kinds = ['Noise', 'Generator', 'Discriminator', 'AdversarialLoss'];
  const ports: [string, string][] = [
    ['z', 'x'],
    ['out', 'x'],
    ['out', 'logits'],
  ];
  for (let c = 0; c < chains; c++) {
    const block = Math.floor(c / 25);
    const row = c % 25;
    kinds.forEach((kind, k) => {
      doc.nodes.push({ id: `${kind}${c}`, kind, params: {}, position: { x: (block * 4 + k) * 260, y: row * 170 } });
    });
    ports.forEach(([out, inp], k) => {
      const source = { node: `${kinds[k]}${c}`, port: out };
      const target = { node: `${kinds[k + 1]}${c}`, port: inp };
      doc.edges.push({ id: `${source.node}.${out}->${target.node}.${inp}`, source, target });
    });
  }
  return doc;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeToInteractive(app: App, runs = 3): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const session = await openPage(app);
    times.push(await session.page.evaluate(() => performance.getEntriesByName('ganvas:interactive')[0]?.startTime ?? NaN));
    await session.close();
  }
  return times;
}

async function dragFps(app: App, seconds = 3): Promise<{ fps: number; worstFrame: number; moves: number }> {
  const session = await openPage(app, { path: `/#doc=${encodeDocument(bigGraph())}` });
  const { page } = session;
  try {
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-graph').length === 300);
    await page.waitForTimeout(800);
    // Zoom so nodes are a realistic size to grab; every node stays in the DOM either way.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.waitForTimeout(300);
    const target = page.locator('.react-flow__node-graph .gnode-head').nth(40);
    const box = (await target.boundingBox())!;
    // A string, not a function: the script runner's helpers would not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__counting = true;
      const tick = (t) => {
        if (!window.__counting) return;
        window.__frames.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    await page.mouse.move(box.x + 10, box.y + 6);
    await page.mouse.down();
    const end = Date.now() + seconds * 1000;
    let moves = 0;
    while (Date.now() < end) {
      moves++;
      const t = moves / 20;
      await page.mouse.move(box.x + 10 + Math.sin(t) * 150 + moves * 0.05, box.y + 6 + Math.cos(t) * 90);
    }
    await page.mouse.up();
    const frames = (await page.evaluate('(() => { window.__counting = false; return window.__frames; })()')) as number[];
    const span = (frames[frames.length - 1] - frames[0]) / 1000;
    let worst = 0;
    for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i] - frames[i - 1]);
    if (session.errors.length) throw new Error(`page errors while dragging: ${session.errors.join('; ')}`);
    return { fps: (frames.length - 1) / span, worstFrame: worst, moves };
  } finally {
    await session.close();
  }
}

export async function runUiBench(): Promise<BenchRow[]> {
  const app = await startApp();
  try {
    const js = javascriptSize();
    if (js.tfjs) throw new Error('TF.js is in the page’s JavaScript');
    const tti = await timeToInteractive(app);
    const drag = await dragFps(app);
    return [
      { name: 'page JavaScript (gzip)', value: Math.round(js.gzip / 102.4) / 10, unit: 'KiB', note: `${js.files.length} file(s), ${Math.round(js.raw / 1024)} KiB raw, no TF.js` },
      { name: 'time to interactive (headless chromium)', value: Math.round(median(tti)), unit: 'ms', note: `median of ${tti.map((t) => Math.round(t)).join(', ')} ms` },
      { name: 'drag in a 300-node graph', value: Math.round(drag.fps * 10) / 10, unit: 'fps', note: `${drag.moves} pointer moves, worst frame ${Math.round(drag.worstFrame)} ms` },
    ];
  } finally {
    await app.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runUiBench();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(4)}  ${r.note ?? ''}`);
}
