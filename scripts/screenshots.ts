/**
 * `npm run screenshots [-- NAME…] [--seed N]`: pictures of each lesson view after its `small` results
 * run of seed N (default 1). For every template with a checkpoint under runs/results/TEMPLATE--seedN/
 * (written by `npm run results`), opens the
 * app in headless chromium, opens the template, loads the checkpoint file through the dock as a user
 * would, resumes it (a finished run stops at once), and saves the Lesson tab to
 * docs/lessons/TEMPLATE.png once the view's figures have arrived.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readCheckpoint } from '../src/engine/checkpoint-node';
import { openPage, ROOT, startApp, tempDir, type App } from '../tests/e2e/harness';

const RUNS = join(ROOT, 'runs', 'results');
const seedAt = process.argv.indexOf('--seed');
const SEED = seedAt >= 0 ? Number(process.argv[seedAt + 1]) : 1;
/** Where `npm run results` trained a template on the chosen seed. */
const runDir = (id: string) => join(RUNS, `${id}--seed${SEED}`);
const OUT = join(ROOT, 'docs', 'lessons');

interface TemplateInfo {
  id: string;
  title: string;
  view: string;
}

function templateInfo(id: string): TemplateInfo {
  const doc = JSON.parse(readFileSync(join(ROOT, 'templates', `${id}.json`), 'utf8')) as { meta: { title: string; view?: string } };
  return { id, title: doc.meta.title, view: doc.meta.view ?? id };
}

/** The CLI's checkpoint folder as the one file the dock's "Load a checkpoint file" takes. */
function packedCheckpoint(id: string): { file: string; step: number } {
  const checkpoint = readCheckpoint(join(runDir(id), 'checkpoint'));
  const file = join(tempDir('ganvas-shot-'), `${id}.ganvas-ckpt`);
  writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify(checkpoint.manifest)}\n`), Buffer.from(checkpoint.weightData)]));
  return { file, step: checkpoint.manifest.step };
}

const state = (page: Page) => page.evaluate(() => window.__ganvasTest!.state());

async function shoot(app: App, info: TemplateInfo): Promise<string> {
  const { file, step } = packedCheckpoint(info.id);
  const session = await openPage(app, { viewport: { width: 1600, height: 2600 } });
  try {
    const { page } = session;
    await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
    await page.getByRole('button', { name: `Open ${info.title}`, exact: true }).click();
    await page.getByRole('button', { name: 'Backend' }).click();
    await page.getByRole('menuitemradio', { name: /WASM/ }).click();
    const dock = page.getByRole('region', { name: 'Training' });
    await dock.getByRole('button', { name: 'Expand the training dock' }).click();
    await dock.locator('input[type="file"][aria-label="Checkpoint file"]').setInputFiles(file);
    await dock.getByRole('button', { name: `Resume from step ${step}` }).first().click();
    await page.waitForFunction(() => window.__ganvasTest!.state().status === 'done', null, { timeout: 300_000, polling: 1000 }).catch(async () => {
      throw new Error(`${info.id}: the run did not settle (state ${JSON.stringify(await state(page)).slice(0, 500)})`);
    });
    await page.getByRole('tab', { name: 'Lesson' }).click();
    const view = page.locator(`[data-lesson-view="${info.view}"]`);
    await view.waitFor({ state: 'visible', timeout: 60_000 });
    // The figures come from the worker's lesson(view), the code `ganvas eval` runs; pictures follow.
    const figures = view.locator('[data-figure]').first();
    // Some views compute their figures on request only (BiGAN's judge trains first): ask for them.
    await figures.waitFor({ state: 'attached', timeout: 30_000 }).catch(async () => {
      // Unless they are being computed already (the button then says "Computing…").
      const compute = view.getByRole('button', { name: 'Compute', exact: true }).first();
      if ((await compute.count()) && (await compute.isEnabled())) await compute.click();
    });
    await figures.waitFor({ state: 'attached', timeout: 900_000 });
    await page.waitForTimeout(5_000);
    await page.waitForFunction(() => !document.querySelector('[data-lesson-view] [aria-busy="true"]'), null, { timeout: 300_000 }).catch(() => undefined);
    if (session.errors.length) console.warn(`${info.id}: page errors:\n${session.errors.join('\n')}`);
    // The dock would cover the bottom of a tall view.
    await dock.getByRole('button', { name: 'Collapse the training dock' }).click().catch(() => undefined);
    await page.waitForTimeout(500);
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, `${info.id}.png`);
    await view.screenshot({ path });
    return path;
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a, i, all) => a !== '--seed' && all[i - 1] !== '--seed');
  const all = JSON.parse(readFileSync(join(ROOT, 'docs', 'results.json'), 'utf8')) as { id: string; variant?: string; seed: number }[];
  const ids = [...new Set(all.filter((r) => !r.variant && r.seed === SEED && (names.length === 0 || names.includes(r.id))).map((r) => r.id))];
  const missing = ids.filter((id) => !existsSync(join(runDir(id), 'checkpoint')));
  if (missing.length) console.warn(`no checkpoint under runs/results/ for ${missing.join(', ')}: run \`npm run results -- ${missing.join(' ')}\``);
  const app = await startApp();
  let failed = 0;
  try {
    for (const id of ids.filter((i) => !missing.includes(i))) {
      const started = Date.now();
      try {
        const path = await shoot(app, templateInfo(id));
        console.log(`${id}: ${path} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      } catch (e) {
        failed++;
        console.error(`${id}: ${(e as Error).message}`);
      }
    }
  } finally {
    await app.close();
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
