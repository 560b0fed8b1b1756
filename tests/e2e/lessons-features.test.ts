/**
 * The feature lesson views in the page (Lesson tab): on a short tiny run each view renders its
 * figures and pictures, and its figures are the ones `ganvas eval` prints for the same checkpoint
 * (the page's WebGPU and Node's WASM may differ in the last bits, so within a tolerance).
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


const figure = async (page: Page, key: string): Promise<number> => JSON.parse((await page.locator(`[data-figure="${key}"]`).first().getAttribute('data-value', { timeout: 240_000 })) ?? 'null');

/** Downloads the dock's checkpoint at `step` and runs `ganvas eval` on it in Node. */
async function evalOfDownloaded(page: Page, template: string, step: number, count: number): Promise<Record<string, unknown>> {
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
  const code = await main(['eval', join('templates', `${template}.json`), '--checkpoint', dir, '--count', String(count)], { log: (l) => out.push(l), error: (l) => err.push(l) });
  expect(code, err.join('\n')).toBe(0);
  return JSON.parse(out.join('\n')).metrics;
}

/** The value at a dotted path of the eval JSON. */
const at = (metrics: Record<string, unknown>, path: string): number => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], metrics) as number;

describe('feature lesson views', () => {
  // [title, template/view, the view's count, figures compared with ganvas eval (key, tolerance), what must render]
  const cases: [string, string, number, [string, number][], string][] = [
    ['DANN: MNIST → MNIST-M (gradient reversal)', 'dann', 100, [['targetAccuracy', 0.02], ['sourceAccuracy', 0.02]], 'svg'],
    ['Feature disentangle: content and speaker', 'feature-disentangle', 240, [['speakerAccuracy.fromEs', 0.03], ['speakerAccuracy.fromEc', 0.03]], 'svg'],
    ['Super-resolution ×4 (SRGAN)', 'super-resolution', 32, [['bicubic.psnr', 0.05], ['network.psnr', 0.2]], 'canvas'],
    ['Image completion (inpainting)', 'inpainting', 32, [['holePsnr.meanFill', 0.05], ['holePsnr.generator', 0.2]], 'canvas'],
    ['Intelligent photo editing on faces', 'photo-editing', 8, [['reconstructionError.encoder', 0.002]], 'canvas'],
  ];
  for (const [title, view, count, compared, picture] of cases) {
    it(`${view}: figures and pictures after a tiny run, as ganvas eval prints them`, async () => {
      await withSession(async ({ page }) => {
        await trainTiny(page, title, 2);
        const host = page.locator(`[data-lesson-view="${view}"]`);
        await host.waitFor({ state: 'visible', timeout: 240_000 });
        await expect.poll(() => host.locator(picture).count(), { timeout: 120_000 }).toBeGreaterThan(0);
        await expect.poll(() => figure(page, 'figuresStep'), { timeout: 240_000 }).toBe(2);
        const shown = await Promise.all(compared.map(([key]) => figure(page, key)));
        const cli = await evalOfDownloaded(page, view, 2, count);
        compared.forEach(([key, tolerance], i) => expect(Math.abs(shown[i] - at(cli, key)), key).toBeLessThanOrEqual(tolerance));
      });
    }, 600_000);
  }
});
