/**
 * Hostile input in the browser: the app trains under its Content-Security-Policy with no
 * violation; dropped hostile files are refused and the graph stays, also after a reload; a graph
 * that breaks rendering is replaced by the last good one and never autosaved; a few hundred
 * mutated documents through the page's open path leave it with a graph every time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPngText } from '../../src/data/png-text';
import { encodePng } from '../../src/data/png';
import { serializeDocument } from '../../src/graph/load';
import { loadTemplate } from '../unit/helpers';
import { dropFile, openPage, startApp, tempDir, waitReady, type App, type Session } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const now = (page: Page) => page.evaluate(() => window.__ganvasTest!.documentNow());
const autosaved = (page: Page) => page.evaluate(() => localStorage.getItem('ganvas.autosave') ?? '');
const canvasNodes = (page: Page) => page.locator('.react-flow__node-graph').count();
const toastText = (page: Page) => page.locator('.toast').textContent({ timeout: 10_000 });

async function session(path = ''): Promise<Session> {
  const s = await openPage(app, { path });
  await s.page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
  return s;
}

/** Opens a template from the gallery and waits until it is drawn and autosaved. */
async function openTemplate(page: Page, button: string, title: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => canvasNodes(page)).toBeGreaterThan(3);
  await expect.poll(() => autosaved(page), { timeout: 10_000 }).toContain(title);
}

describe('the Content-Security-Policy', () => {
  it('is sent and carried in the page, blocks eval and inline styles, and training runs under it with no violation', async () => {
    const s = await session();
    const workerReports: string[] = [];
    try {
      const { page } = s;
      page.on('worker', (w) => w.on('console', (m) => void (/Content Security Policy|Refused to/i.test(m.text()) && workerReports.push(`${w.url()}: ${m.text()}`))));
      await page.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
      });
      const response = await page.reload();
      await waitReady(page);
      await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
      const header = response!.headers()['content-security-policy'];
      expect(header).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
      expect(header).toContain("worker-src 'self' blob:");
      expect(header).toContain("style-src 'self'");
      expect(header).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
      const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
      expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
      const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
      // Loading the app breaks none of it.
      await page.waitForTimeout(500);
      expect(await violations()).toEqual([]);

      // The policy is live: an inline script and a stylesheet built at run time are refused.
      expect(
        await page.evaluate(() => {
          const w = window as unknown as { __ran?: boolean };
          const script = document.createElement('script');
          script.textContent = 'window.__ran = true';
          document.head.append(script);
          script.remove();
          return w.__ran ?? false;
        }),
      ).toBe(false);
      await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = 'body { outline: 1px solid red }';
        document.head.append(style);
        style.remove();
      });
      // Each is refused by both policies, the header's and the page's own <meta>.
      await expect.poll(async () => (await violations()).length).toBeGreaterThanOrEqual(4);
      const planted = await violations();
      expect(planted.filter((v) => v.startsWith('script-src')), planted.join(' | ')).toHaveLength(2);
      expect(planted.filter((v) => v.startsWith('style-src')), planted.join(' | ')).toHaveLength(2);
      expect(planted).toHaveLength(4);

      // Train in the dock (WebGPU, falling back as it may) and in fresh workers on WASM (threaded: blob workers) and WebGL.
      await openTemplate(page, 'Open GAN on a 2-D mixture', 'GAN on a 2-D mixture');
      const firstMetricMs = await page.evaluate(() => window.__ganvasTest!.timeTrainToFirstMetric(240_000));
      expect(firstMetricMs).toBeGreaterThan(0);
      await page.getByRole('region', { name: 'Training' }).getByRole('button', { name: 'Stop' }).click().catch(() => undefined);
      for (const backend of ['wasm', 'webgl'] as const) {
        const run = await page.evaluate((b) => window.__ganvasTest!.runTemplate('gan-2d', { backend: b, steps: 3 }), backend);
        expect(run.load.backend).toBe(backend);
        expect(run.metrics.length).toBe(3);
        for (const m of run.metrics) for (const v of Object.values(m.losses)) expect(Number.isFinite(v)).toBe(true);
      }
      expect((await violations()).slice(planted.length)).toEqual([]);
      expect(workerReports).toEqual([]);
      expect(s.errors.filter((e) => !/Content Security Policy|Refused to|unsafe-eval/.test(e))).toEqual([]);
      // The planted refusals are the only ones the console saw.
      expect(s.errors.filter((e) => /Content Security Policy|Refused to/.test(e)).length).toBeLessThanOrEqual(4);
    } finally {
      await s.close();
    }
  });
});

function hostileFiles(dir: string): { path: string; type: string; expect: RegExp }[] {
  const base = JSON.parse(serializeDocument(loadTemplate('infogan')));
  const files: { name: string; body: string | Uint8Array; type: string; expect: RegExp }[] = [];
  const doc = (edit: (d: any) => void) => {
    const d = structuredClone(base);
    edit(d);
    return JSON.stringify(d);
  };
  files.push({ name: 'constructor.json', body: doc((d) => (d.nodes[0].id = 'constructor')), type: 'application/json', expect: /reserved name/ });
  files.push({ name: 'proto.json', body: doc((d) => (d.nodes[1].id = '__proto__')), type: 'application/json', expect: /reserved name/ });
  files.push({ name: 'quote.json', body: doc((d) => (d.nodes[0].id = 'a"]\nb')), type: 'application/json', expect: /plain identifier/ });
  files.push({ name: 'rtl.json', body: doc((d) => (d.nodes[0].label = 'x\u202Egpj.exe')), type: 'application/json', expect: /U\+202E/ });
  files.push({ name: 'view.json', body: doc((d) => (d.meta.view = 'toString')), type: 'application/json', expect: /reserved name/ });
  files.push({ name: 'deep.json', body: `{"format":"ganvas","version":1,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, type: 'application/json', expect: /nests deeper than 64 levels at line 1/ });
  files.push({ name: 'nan.json', body: serializeDocument(loadTemplate('infogan')).replace(/"x": [-\d.]+/, '"x": NaN'), type: 'application/json', expect: /NaN is not a JSON number.* at line \d+, column \d+/ });
  files.push({ name: 'many.json', body: doc((d) => (d.nodes = Array.from({ length: 150_000 }, (_, i) => ({ id: `n${i}`, kind: 'Noise', position: { x: 0, y: 0 } })))), type: 'application/json', expect: /too large|more than ganvas opens/ });
  files.push({ name: 'huge-id.json', body: doc((d) => (d.nodes[0].id = 'n'.repeat(1_000_000))), type: 'application/json', expect: /1,000,000 characters/ });
  const picture = encodePng(2, 2, new Uint8Array(16).fill(200));
  files.push({ name: 'plain.png', body: picture, type: 'image/png', expect: /picture without a ganvas graph/ });
  files.push({ name: 'hostile.png', body: addPngText(picture, 'ganvas', doc((d) => (d.edges[0].id = 'e\u200B'))), type: 'image/png', expect: /plain identifier/ });
  return files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.body);
    return { path, type: f.type, expect: f.expect };
  });
}

describe('hostile files dropped on the page', () => {
  it('refuses each, keeps the graph, replaces a graph that breaks rendering by the last good one; after a reload the previous graph is there', async () => {
    const s = await session();
    try {
      const { page } = s;
      await openTemplate(page, 'Open GAN on a 2-D mixture', 'GAN on a 2-D mixture');
      const before = await now(page);
      const saved = await autosaved(page);
      for (const file of hostileFiles(tempDir('ganvas-hostile-'))) {
        await dropFile(page, file.path, file.type);
        await expect.poll(() => toastText(page), { timeout: 15_000 }).toMatch(file.expect);
        expect(await toastText(page)).toMatch(/^Not opened: .*The current graph is unchanged\.$/s);
        expect((await now(page)).text).toBe(before.text);
      }
      expect(await canvasNodes(page)).toBe(before.nodes);

      // A document the schema accepts but whose drawing fails (a render error planted for the test).
      const broken = loadTemplate('infogan');
      broken.meta.title = 'Broken on purpose';
      await page.evaluate(() => ((window as unknown as { __ganvasFailRender: unknown }).__ganvasFailRender = { title: 'Broken on purpose', panel: 'canvas' }));
      const path = join(tempDir('ganvas-hostile-'), 'broken.json');
      writeFileSync(path, serializeDocument(broken));
      await dropFile(page, path, 'application/json');
      await expect.poll(() => toastText(page), { timeout: 15_000 }).toMatch(/could not be shown \(canvas: a render error on purpose in the canvas\)\. The previous graph is back\./);
      expect((await now(page)).text).toBe(before.text);
      await expect.poll(() => canvasNodes(page)).toBe(before.nodes);
      expect(await page.locator('[data-testid="panel-error"]').count()).toBe(0);
      await page.waitForTimeout(400);
      expect(await autosaved(page)).toBe(saved);
      expect(await page.evaluate(() => localStorage.getItem('ganvas.autosave.previous') ?? '')).not.toContain('Broken on purpose');

      await page.reload();
      await waitReady(page);
      await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
      expect((await now(page)).text).toBe(before.text);
      await expect.poll(() => canvasNodes(page)).toBe(before.nodes);
      // React reports the planted error it caught; nothing else went to the console.
      expect(s.errors.filter((e) => !/on purpose|The above error occurred|react-error-boundary|ErrorBoundary/i.test(e))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('opens a shared link over an autosaved graph as one undoable step', async () => {
    const s = await session();
    try {
      const { page } = s;
      await openTemplate(page, 'Open GAN on a 2-D mixture', 'GAN on a 2-D mixture');
      const before = await now(page);
      const { encodeDocument } = await import('../../src/ui/files/share');
      const other = loadTemplate('dann');
      const p2 = await s.newPage(`/#doc=${encodeDocument(other)}`);
      await p2.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
      expect((await now(p2)).title).toBe(other.meta.title);
      await expect.poll(() => toastText(p2)).toMatch(/is one undo away/);
      await p2.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await p2.keyboard.press('Control+z');
      await expect.poll(async () => (await now(p2)).text).toBe(before.text);
    } finally {
      await s.close();
    }
  });
});

/** A small deterministic generator (mulberry32), so the browser fuzz is the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fuzzDocuments(count: number): string[] {
  const rnd = random(15);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const templates = ['gan-2d', 'infogan', 'dann', 'vae-gan', 'bigan'].map((t) => JSON.parse(serializeDocument(loadTemplate(t))));
  const strings = ['constructor', '__proto__', 'toString', 'a"b', 'a\nb', 'G\u200B', '\u202E', 'x'.repeat(300), '', 'ok', 'D', 'G', 'mnist'];
  const numbers = [0, -1, 1e9, 1e308, -1e308, 0.5, 4097, 2 ** 53];
  const edits: ((d: any) => void)[] = [
    (d) => (pick(d.nodes as any[]).id = pick(strings)),
    (d) => (pick(d.edges as any[]).source.port = pick(strings)),
    (d) => (pick(d.nodes as any[]).label = pick(strings)),
    (d) => {
      const n = pick(d.nodes as any[]);
      n.params = { ...n.params, [pick(['name', 'dim', 'k', 'width', 'featuresAt', 'layers', 'size'])]: pick([...strings, ...numbers]) };
    },
    (d) => {
      const nets = (d.nodes as any[]).filter((n) => Array.isArray(n.params?.layers));
      if (nets.length) pick(nets).params.layers[0] = pick([{ type: 'dense', units: 1e9 }, { type: 'conv2d', filters: 1e6, kernel: 3 }, { type: 'upsample', factor: 8 }]);
    },
    (d) => (d.meta.view = pick(strings)),
    (d) => (d.meta.title = pick(strings)),
    (d) => (d.run.presets[d.run.size].batchSize = pick(numbers)),
    (d) => (pick(d.phases as any[]).updates.push(pick(strings))),
    (d) => d.edges.splice(Math.floor(rnd() * d.edges.length), 1),
    (d) => (d.nodes = [...d.nodes, ...Array.from({ length: pick([10, 2_500]) }, (_, i) => ({ ...d.nodes[0], id: `copy${i}` }))]),
    (d) => {
      let v: unknown = 1;
      for (let k = pick([10, 80]); k > 0; k--) v = [v];
      d.meta.extra = v;
    },
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = structuredClone(pick(templates));
    d.meta.title = `fuzz ${i}`;
    const n = Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) {
      try {
        pick(edits)(d);
      } catch {
        /* an edit that does not apply to this document */
      }
    }
    let text = JSON.stringify(d);
    const r = rnd();
    if (r < 0.1) text = text.slice(0, Math.floor(rnd() * text.length));
    else if (r < 0.2) text = text.replace(/"x":(-?[\d.]+)/, '"x":NaN');
    else if (r < 0.25) text = `// a comment\n${text}`;
    out.push(text);
  }
  return out;
}

describe('mutated documents through the page’s open path', () => {
  it('300 documents: each opens or is refused, the page always holds a graph, and a reload brings back the last good one', async () => {
    const s = await session();
    try {
      const { page } = s;
      await openTemplate(page, 'Open GAN on a 2-D mixture', 'GAN on a 2-D mixture');
      const docs = fuzzDocuments(300);
      const result = await page.evaluate(async (texts) => {
        const hook = window.__ganvasTest!;
        const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        let opened = 0;
        let refused = 0;
        let longest = 0;
        let emptyCanvas = 0;
        for (let i = 0; i < texts.length; i++) {
          const t0 = performance.now();
          const ok = await hook.openText(`fuzz-${i}.json`, texts[i]);
          await frame();
          longest = Math.max(longest, performance.now() - t0);
          if (ok) opened++;
          else refused++;
          const doc = hook.documentNow();
          if (doc.nodes > 0 && document.querySelectorAll('.react-flow__node-graph').length === 0) emptyCanvas++;
        }
        return { opened, refused, longest, emptyCanvas, last: hook.documentNow() };
      }, docs);
      console.log(`browser fuzz: ${JSON.stringify({ tried: docs.length, opened: result.opened, refused: result.refused, emptyCanvas: result.emptyCanvas, longestMs: Math.round(result.longest) })}`);
      expect(result.opened + result.refused).toBe(300);
      expect(result.refused).toBeGreaterThan(50);
      expect(result.opened).toBeGreaterThan(20);
      expect(result.emptyCanvas).toBe(0);
      expect(result.longest).toBeLessThan(15_000);
      expect(await page.locator('[data-testid="panel-error"], [data-testid="app-error"]').count()).toBe(0);
      await page.waitForTimeout(500);
      await page.reload();
      await waitReady(page);
      await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
      expect((await now(page)).text).toBe(result.last.text);
      expect(s.errors.map((e) => e.slice(0, 300))).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
