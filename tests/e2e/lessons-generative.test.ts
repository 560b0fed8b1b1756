/**
 * The generative lesson views in the page (Lesson tab): on a short tiny run each view renders its
 * pictures, they change after training steps, and its figures are the ones `ganvas eval` prints
 * for the same checkpoint (the page's WebGPU and Node's WASM may differ in the last bits of a
 * logit, so shares are compared to within a point or two, not exactly).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { CHECKPOINT_FORMAT } from '../../src/engine/checkpoint';
import { downloadOf, startApp, tempDir, type App, type Session } from './harness';
import { trainingState, trainTiny, withTrainingSession } from './lesson-runs';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const withSession = (body: (s: Session) => Promise<void>) => withTrainingSession(app, body);

const state = trainingState;
const dock = (page: Page) => page.getByRole('region', { name: 'Training' });


/** A canvas's pixels, to tell whether a picture changed. */
const pixels = (page: Page, selector: string) => page.locator(selector).first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());

const figure = async (page: Page, key: string): Promise<unknown> => JSON.parse((await page.locator(`[data-figure="${key}"]`).getAttribute('data-value', { timeout: 180_000 })) ?? 'null');

/** Downloads the dock's checkpoint at `step` and runs `ganvas eval` on it in Node. */
async function evalOfDownloaded(page: Page, template: string, step: number): Promise<Record<string, unknown>> {
  await dock(page).getByRole('button', { name: 'Expand the training dock' }).click().catch(() => undefined);
  const { path } = await downloadOf(page, () => dock(page).getByRole('button', { name: `Download checkpoint at step ${step}` }).first().click());
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(10);
  const manifest = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
  expect(manifest.format).toBe(CHECKPOINT_FORMAT);
  const dir = join(tempDir('ganvas-lesson-'), 'checkpoint');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'weights.bin'), bytes.subarray(newline + 1));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['eval', template, '--checkpoint', dir], { log: (l) => out.push(l), error: (l) => err.push(l) });
  expect(code, err.join('\n')).toBe(0);
  return JSON.parse(out.join('\n')).metrics;
}

describe('generative lesson views', () => {
  it('2-D GAN: points over D’s surface, “Step D” redraws it; coverage figures as ganvas eval prints them', async () => {
    await withSession(async ({ page }) => {
      await trainTiny(page, 'GAN on a 2-D mixture', 3);
      const view = page.locator('[data-lesson-view="gan-2d"]');
      await expect.poll(() => view.locator('canvas').count(), { timeout: 60_000 }).toBe(1);
      const within = (await figure(page, 'withinShare')) as number;
      const modeShares = (await figure(page, 'modeShares')) as number[];
      expect(modeShares).toHaveLength(8);
      const cli = await evalOfDownloaded(page, 'gan-2d', 3);
      expect(Math.abs(within - (cli.withinShare as number))).toBeLessThanOrEqual(0.01);

      const before = await pixels(page, '[data-lesson-view="gan-2d"] canvas');
      await view.getByRole('button', { name: 'Step D' }).click();
      await expect.poll(() => pixels(page, '[data-lesson-view="gan-2d"] canvas'), { timeout: 60_000 }).not.toBe(before);
    });
  });

  it('InfoGAN: a 10-row traversal grid that changes with training; c1 accuracy as ganvas eval prints it', async () => {
    await withSession(async ({ page }) => {
      await trainTiny(page, 'InfoGAN on MNIST', 2);
      const grid = page.getByRole('img', { name: 'Latent traversal' });
      await grid.waitFor({ state: 'visible', timeout: 60_000 });
      // 10 rows of 28 px, c2 then c3 at five values each: 10 columns.
      expect(await grid.getAttribute('height')).toBe('280');
      expect(await grid.getAttribute('width')).toBe('280');
      const accuracy = (await figure(page, 'accuracy')) as number;
      expect(accuracy).toBeGreaterThanOrEqual(0);
      expect(accuracy).toBeLessThanOrEqual(1);
      const cli = await evalOfDownloaded(page, 'infogan', 2);
      expect(Math.abs(accuracy - (cli.accuracy as number))).toBeLessThanOrEqual(0.02);
      expect(await figure(page, 'categoriesUsed')).toBe(cli.categoriesUsed);

      const before = await grid.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
      await dock(page).getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(() => grid.evaluate((c) => (c as HTMLCanvasElement).toDataURL()), { timeout: 120_000 }).not.toBe(before);
    });
  });

  for (const [title, view, picture] of [
    ['VAE-GAN on faces', 'vae-gan', 'Inputs and their reconstructions, in pairs'],
    ['BiGAN on MNIST', 'bigan', 'Digits x and G(E(x)), in pairs'],
    ['Triple-GAN on MNIST with 100 labels', 'triple-gan', 'Class-conditional samples'],
  ] as const) {
    it(`${view}: its pictures render after a tiny run`, async () => {
      await withSession(async ({ page }) => {
        await trainTiny(page, title, 2);
        await page.locator(`[data-lesson-view="${view}"]`).waitFor({ state: 'visible', timeout: 30_000 });
        await page.getByRole('img', { name: picture }).waitFor({ state: 'visible', timeout: 60_000 });
      });
    });
  }
});
