/**
 * A newcomer's first minutes, measured in headless chromium on this machine:
 *
 * - Auto: what it chooses for gan-2d, InfoGAN and DANN at `small` (the size a template opens at),
 *   with each backend then timed on its own for longer (a backend with no result by its deadline
 *   is reported as below the rate that bounds), and Auto's pick as a share of the fastest.
 * - Time to first feedback: for every template at `tiny`, from pressing Train (backend on Auto)
 *   to the first loss reading and the first samples on screen — the first Train of a graph this
 *   size on this device (Auto starts on a provisional backend and times them when the run ends)
 *   and a later one (the timing is known).
 *
 *   npx tsx tests/bench/first-minutes.ts [auto|feedback]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { openPage, ROOT, startApp } from '../e2e/harness';
import { printTable, type BenchRow } from './table';

const AUTO_CASES = ['gan-2d', 'infogan', 'dann'];
const BACKENDS = ['wasm', 'webgl', 'webgpu'] as const;

const titleOf = (id: string) => (JSON.parse(readFileSync(join(ROOT, 'templates', `${id}.json`), 'utf8')) as { meta: { title: string } }).meta.title;
const rate = (r: number | undefined) => (r === undefined ? '' : r >= 10 ? r.toFixed(1) : r.toFixed(2));

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 60_000 });
  await page.getByRole('dialog', { name: 'Start from a template' }).getByRole('button', { name: 'Close templates' }).click();
}

export async function benchAuto(): Promise<BenchRow[]> {
  const app = await startApp();
  const session = await openPage(app);
  const rows: BenchRow[] = [];
  try {
    const { page } = session;
    await ready(page);
    for (const id of AUTO_CASES) {
      const auto = await page.evaluate((t) => window.__ganvasTest!.autoChoice(t, 'small'), id);
      const alone: Record<string, { stepsPerSecond?: number; below?: number; reason?: string }> = {};
      for (const b of BACKENDS) {
        // Three seconds of training after the warm-up; a software adapter gets at most 90 s in all.
        alone[b] = await page.evaluate(([t, backend]) => window.__ganvasTest!.timeBackend(t, 'small', backend as 'wasm', 3000, 90_000), [id, b] as const);
      }
      const fastest = BACKENDS.filter((b) => alone[b].stepsPerSecond !== undefined).sort((a, b) => alone[b].stepsPerSecond! - alone[a].stepsPerSecond!)[0];
      const chosenRate = alone[auto.chosen]?.stepsPerSecond;
      rows.push({
        template: `${id} small`,
        'Auto chose': auto.chosen,
        'choosing took s': (auto.ms / 1000).toFixed(1),
        'Auto saw (it/s)': auto.candidates.map((c) => `${c.backend} ${c.stepsPerSecond !== undefined ? rate(c.stepsPerSecond) : c.below !== undefined ? `<${rate(c.below)}` : '—'}`).join(', '),
        ...Object.fromEntries(BACKENDS.map((b) => [`${b} alone it/s`, alone[b].stepsPerSecond !== undefined ? rate(alone[b].stepsPerSecond) : alone[b].below !== undefined ? `< ${rate(alone[b].below)}` : `failed`])),
        fastest: fastest ?? '—',
        'Auto / fastest': fastest && chosenRate ? `${((100 * chosenRate) / alone[fastest].stepsPerSecond!).toFixed(0)}%` : '—',
      });
    }
  } finally {
    await session.close();
    await app.close();
  }
  return rows;
}

async function trainOnce(page: Page, title: string): Promise<{ lossMs: number; sampleMs: number | null; backend: string }> {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
  await page.getByLabel('tiny steps').fill('20');
  await page.getByLabel('tiny steps').press('Tab');
  const feedback = await page.evaluate(() => window.__ganvasTest!.timeTrainToFirstFeedback());
  const backend = (await page.evaluate(() => window.__ganvasTest!.state().backend)) ?? '?';
  await page.waitForFunction(() => ['done', 'failed'].includes(window.__ganvasTest!.state().status), null, { timeout: 600_000, polling: 500 });
  return { ...feedback, backend };
}

export async function benchFirstFeedback(): Promise<BenchRow[]> {
  const app = await startApp();
  const session = await openPage(app);
  const rows: BenchRow[] = [];
  try {
    const { page } = session;
    await ready(page);
    const ids = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    for (const id of ids) {
      const title = titleOf(id);
      try {
        // Train pressed at once: Auto has not timed a graph this size on this device yet.
        const first = await trainOnce(page, title);
        // The timing follows the run; then the same template opened again finds it.
        await page.waitForFunction(
          () => {
            const auto = window.__ganvasTest!.state().auto;
            return !!auto && !auto.provisional;
          },
          null,
          { timeout: 180_000, polling: 500 },
        );
        const later = await trainOnce(page, title);
        rows.push({
          template: `${id} tiny`,
          backend: later.backend,
          'first loss ms (first Train)': Math.round(first.lossMs),
          'first samples ms (first Train)': first.sampleMs === null ? '—' : Math.round(first.sampleMs),
          'first loss ms (timing known)': Math.round(later.lossMs),
          'first samples ms (timing known)': later.sampleMs === null ? '—' : Math.round(later.sampleMs),
          'within 5 s (both)': first.lossMs <= 5000 && later.lossMs <= 5000 ? 'yes' : 'no',
        });
      } catch (e) {
        rows.push({ template: `${id} tiny`, backend: '?', note: `failed: ${(e as Error).message.slice(0, 160)}` });
      }
    }
  } finally {
    await session.close();
    await app.close();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.argv[2];
  if (!only || only === 'auto') printTable('Auto: its choice vs each backend alone (small)', await benchAuto());
  if (!only || only === 'feedback') printTable('Train → first loss and first samples on screen (tiny, Auto)', await benchFirstFeedback());
}
