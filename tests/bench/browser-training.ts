/**
 * Training in headless chromium on this machine: the time from pressing Train to the first loss
 * reading in the dock, and iterations per second per backend with a metric readback every
 * iteration, every 10 and one at the end (the cost of reporting), and the longest task and
 * event-loop gap on the page's main thread meanwhile. WebGPU and WebGL run on SwiftShader here
 * (no GPU), so their numbers say what the page costs, not what a GPU does.
 *
 *   npx tsx tests/bench/browser-training.ts
 */
import type { Page } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { openPage, startApp } from '../e2e/harness';
import { printTable, type BenchRow } from './table';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** `npx tsx tests/bench/browser-training.ts webgpu wasm` measures only those backends. */
const only = process.argv.slice(2).filter((a): a is (typeof BACKENDS)[number] => (BACKENDS as readonly string[]).includes(a));

/** Template, size, timed iterations per backend (SwiftShader is slow: fewer there). */
const CASES: { template: string; size: 'tiny' | 'small'; steps: Record<(typeof BACKENDS)[number], number> }[] = [
  { template: 'gan-2d', size: 'small', steps: { webgpu: 30, webgl: 20, wasm: 100, cpu: 40 } },
  { template: 'infogan', size: 'tiny', steps: { webgpu: 10, webgl: 4, wasm: 20, cpu: 10 } },
];

async function trainToFirstMetric(page: Page, title: string): Promise<{ ms: number; backend: string }> {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
  await page.getByLabel('tiny steps').fill('50');
  const ms = await page.evaluate(() => window.__ganvasTest!.timeTrainToFirstMetric());
  const backend = (await page.evaluate(() => window.__ganvasTest!.state().backend)) ?? '?';
  await page.locator('.dock-controls').getByRole('button', { name: 'Stop' }).click();
  await page.waitForFunction(() => window.__ganvasTest!.state().status === 'done', null, { timeout: 120_000 });
  return { ms, backend };
}

export async function benchBrowserTraining(): Promise<BenchRow[]> {
  const app = await startApp();
  const session = await openPage(app);
  const rows: BenchRow[] = [];
  try {
    const { page } = session;
    await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
    await page.getByRole('dialog', { name: 'Start from a template' }).getByRole('button', { name: 'Close templates' }).click();
    for (const [template, title] of [
      ['gan-2d', 'GAN on a 2-D mixture'],
      ['infogan', 'InfoGAN on MNIST'],
    ] as const) {
      const first = await trainToFirstMetric(page, title);
      rows.push({ measure: 'Train → first metric in the dock', template: `${template} tiny`, backend: first.backend, 'first metric ms': Math.round(first.ms) });
    }
    for (const c of CASES) {
      for (const backend of BACKENDS.filter((b) => !only.length || only.includes(b))) {
        try {
          const r = await page.evaluate(([t, b, size, steps]) => window.__ganvasTest!.benchTemplate(t, { backend: b, size, steps }), [c.template, backend, c.size, c.steps[backend]] as const);
          rows.push({
            measure: 'iterations/s, metrics on vs off',
            template: `${c.template} ${c.size}`,
            backend: `${r.backend === backend ? backend : `${backend} → ${r.backend}`}${r.backend === 'wasm' && r.isolated ? ' (threads)' : ''}`,
            'it/s, readback every it': Number(r.metricsOn.toFixed(2)),
            'it/s, every 10': Number(r.metricsEvery10.toFixed(2)),
            'it/s, one readback': Number(r.metricsOff.toFixed(2)),
            'every it vs every 10 (target within 5%)': `${(100 * (r.metricsOn / r.metricsEvery10 - 1)).toFixed(1)}%`,
            'reporting cost': `${(100 * (1 - r.metricsOn / r.metricsOff)).toFixed(0)}%`,
            'longest page task ms': Math.round(r.longestTaskMs),
            'longest page gap ms': Math.round(r.longestGapMs),
            iterations: r.steps,
            'load ms': Math.round(r.loadMs),
            'first metric ms': Math.round(r.firstMetricMs),
            ...(r.tried || r.kernels ? { note: [r.kernels, r.tried].filter(Boolean).join('; ') } : {}),
          });
        } catch (e) {
          rows.push({ measure: 'iterations/s, metrics on vs off', template: `${c.template} ${c.size}`, backend, note: `failed: ${(e as Error).message.slice(0, 160)}` });
        }
      }
    }
  } finally {
    await session.close();
    await app.close();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable('Browser training', await benchBrowserTraining());
}
