/**
 * Editor page benchmark: the page's JavaScript (gzip, and that none of it is TF.js), the time to
 * interactive in headless chromium, and frames per second while dragging a node in a 300-node graph.
 *
 *   npx tsx tests/bench/ui.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { emptyDocument, type GraphDocument } from '../../src/graph/document';
import { encodeDocument } from '../../src/ui/files/share';
import { ensureBuilt, openPage, PRODUCTION_DIST, startApp, type App } from '../e2e/harness';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** A name every TF.js build contains (a kernel id), to prove the page carries none of it. */
const TFJS_MARKER = 'Conv2DBackpropInput';

/** The entry chunk named by index.html's <script src>. */
export function entryScript(dist = PRODUCTION_DIST): string {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const m = /<script[^>]+src="\/?([^"]+\.js)"/.exec(html);
  if (!m) throw new Error(`${join(dist, 'index.html')} names no script`);
  return m[1];
}

/** Chunks a chunk imports statically (`from"./x.js"`, `import"./x.js"`) and on demand (`import("./x.js")`). */
function chunkImports(dist: string, file: string): { static: string[]; dynamic: string[] } {
  const code = readFileSync(join(dist, file), 'utf8');
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  const at = (m: RegExpMatchArray) => dir + m[1].slice(2);
  return {
    static: [...code.matchAll(/(?:from|import)\s*["'`](\.\/[^"'`]+\.js)["'`]/g)].map(at),
    dynamic: [...code.matchAll(/import\s*\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g)].map(at),
  };
}

/**
 * What the page loads before it can run: the entry chunk and everything it imports statically
 * (transitively). Chunks loaded on demand (`import()`: the loss chart, the test hook) and the
 * worker are listed apart.
 */
export function pageScripts(dist = PRODUCTION_DIST): { entry: string; statics: string[]; lazy: string[] } {
  const entry = entryScript(dist);
  const statics = new Set<string>();
  const lazy = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (statics.has(file)) continue;
    statics.add(file);
    const imports = chunkImports(dist, file);
    todo.push(...imports.static);
    for (const d of imports.dynamic) lazy.add(d);
  }
  return { entry, statics: [...statics], lazy: [...lazy].filter((f) => !statics.has(f)) };
}

const gzipOf = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const hasTfjs = (dist: string, file: string) => readFileSync(join(dist, file)).includes(TFJS_MARKER);

export interface PageJavaScript {
  entry: { file: string; gzip: number };
  /** The entry and its static imports: what the page needs before it runs. */
  page: { files: string[]; raw: number; gzip: number; tfjs: boolean };
  lazy: { file: string; gzip: number; tfjs: boolean }[];
  /** Chunks that carry TF.js (the training worker's). */
  tfjsChunks: string[];
}

export function javascriptSize(dist = PRODUCTION_DIST): PageJavaScript {
  const { entry, statics, lazy } = pageScripts(dist);
  const page = { files: statics, raw: 0, gzip: 0, tfjs: false };
  for (const f of statics) {
    page.raw += readFileSync(join(dist, f)).length;
    page.gzip += gzipOf(dist, f);
    page.tfjs ||= hasTfjs(dist, f);
  }
  const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  return {
    entry: { file: entry, gzip: gzipOf(dist, entry) },
    page,
    lazy: lazy.map((file) => ({ file, gzip: gzipOf(dist, file), tfjs: hasTfjs(dist, file) })),
    tfjsChunks: assets.filter((f) => hasTfjs(dist, f)),
  };
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

const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** The page's JavaScript as bench rows: entry chunk, entry + static imports, each lazy chunk, where TF.js is. */
export function pageJavaScriptRows(js: PageJavaScript): BenchRow[] {
  return [
    { name: 'entry chunk (gzip)', value: kib(js.entry.gzip), unit: 'KiB', note: js.entry.file },
    {
      name: 'page JavaScript: entry + static imports (gzip)',
      value: kib(js.page.gzip),
      unit: 'KiB',
      note: `${js.page.files.length} file(s), ${Math.round(js.page.raw / 1024)} KiB raw, ${js.page.tfjs ? 'HOLDS TF.js' : 'no TF.js'}; budget 300 KiB`,
    },
    ...js.lazy.map((l) => ({ name: `  loaded on demand: ${l.file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '')}`, value: kib(l.gzip), unit: 'KiB', note: l.tfjs ? 'HOLDS TF.js' : 'no TF.js' })),
    { name: 'chunks holding TF.js', value: js.tfjsChunks.length, unit: '', note: js.tfjsChunks.join(', ') || 'none' },
  ];
}

/** The page-size rows alone (the production build, no browser): `npx tsx tests/bench/ui.ts --size`. */
export async function benchPageSize(): Promise<BenchRow[]> {
  await ensureBuilt('production');
  return pageJavaScriptRows(javascriptSize());
}

export async function runUiBench(): Promise<BenchRow[]> {
  await ensureBuilt('production');
  const app = await startApp();
  try {
    const js = javascriptSize();
    if (js.page.tfjs || js.lazy.some((l) => l.tfjs)) throw new Error('TF.js is in the page’s JavaScript');
    const tti = await timeToInteractive(app);
    const drag = await dragFps(app);
    return [
      ...pageJavaScriptRows(js),
      { name: 'time to interactive (headless chromium)', value: Math.round(median(tti)), unit: 'ms', note: `median of ${tti.map((t) => Math.round(t)).join(', ')} ms` },
      { name: 'drag in a 300-node graph', value: Math.round(drag.fps * 10) / 10, unit: 'fps', note: `${drag.moves} pointer moves, worst frame ${Math.round(drag.worstFrame)} ms` },
    ];
  } finally {
    await app.close();
  }
}

/** The name `npm run bench` calls. */
export const benchUi = runUiBench;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = process.argv.includes('--size') ? await benchPageSize() : await runUiBench();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit.padEnd(4)}  ${r.note ?? ''}`);
}
