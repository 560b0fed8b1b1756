/**
 * The feature lesson views in the page (Lesson tab): on a short tiny run each view renders its
 * figures and pictures, and its figures are the ones `ganvas eval` prints for the same checkpoint
 * (the page's WebGPU and Node's WASM may differ in the last bits, so within a tolerance).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { encodePng } from '../../src/data/png';
import { CHECKPOINT_FORMAT } from '../../src/engine/checkpoint';
import { downloadOf, startApp, tempDir, type App, type Session } from './harness';
import { expectComputesAgain, trainingState, trainTiny, withTrainingSession } from './lesson-runs';

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
  // [title, template/view, the view's count (eval's default), figures compared with ganvas eval (key, tolerance), what must render]
  const cases: [string, string, number, [string, number][], string][] = [
    ['DANN: MNIST → MNIST-M (gradient reversal)', 'dann', 1000, [['targetAccuracy', 0.02], ['sourceAccuracy', 0.02]], 'svg'],
    ['Feature disentangle: content and speaker', 'feature-disentangle', 480, [['speakerAccuracy.fromEs', 0.03], ['speakerAccuracy.fromEc', 0.03]], 'svg'],
    ['Super-resolution ×4 (SRGAN)', 'super-resolution', 200, [['bicubic.psnr', 0.05], ['network.psnr', 0.2]], 'canvas'],
    ['Image completion (inpainting)', 'inpainting', 200, [['holePsnr.meanFill', 0.05], ['holePsnr.generator', 0.2]], 'canvas'],
    ['Intelligent photo editing on faces', 'photo-editing', 32, [['reconstructionError.encoder', 0.002]], 'canvas'],
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
        // One more iteration: the view measures again.
        await dock(page).getByRole('button', { name: 'Step', exact: true }).click();
        await expect.poll(() => figure(page, 'figuresStep'), { timeout: 240_000 }).toBe(3);
        await expectComputesAgain(page, view, 'figuresStep');
      });
    }, 600_000);
  }

  it('photo-editing: a painted stroke is fitted by Apply (stroke error falls), and an uploaded face is projected', async () => {
    await withSession(async ({ page }) => {
      await trainTiny(page, 'Intelligent photo editing on faces', 3);
      const host = page.locator('[data-lesson-view="photo-editing"]');
      const canvas = host.getByTestId('pe-stroke-canvas');
      await canvas.waitFor({ state: 'visible', timeout: 240_000 });
      const pixels = (picture: Locator) => picture.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
      const valueOf = async (testId: string): Promise<number> => JSON.parse((await host.getByTestId(testId).getAttribute('data-value')) ?? 'null');

      // A stroke across the face, with the mouse, in the default colour.
      const apply = host.getByRole('button', { name: 'Apply strokes' });
      expect(await apply.isDisabled()).toBe(true); // nothing painted yet
      const unpainted = await pixels(canvas);
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.45);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.45, { steps: 12 });
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.6, { steps: 4 });
      await page.mouse.up();
      const painted = await pixels(canvas);
      const changed = painted.filter((v, i) => v !== unpainted[i]).length;
      expect(changed).toBeGreaterThan(60); // the stroke shows on the canvas

      await expect.poll(() => apply.isEnabled(), { timeout: 60_000 }).toBe(true);
      const started = Date.now();
      await apply.click();
      await host.getByTestId('pe-stroke-result').waitFor({ state: 'visible', timeout: 180_000 });
      const [before, after, realBefore, realAfter] = await Promise.all(['pe-stroke-error-before', 'pe-stroke-error-after', 'pe-real-before', 'pe-real-after'].map(valueOf));
      console.log(`photo editing: Apply took ${Date.now() - started} ms; stroke error ${before} → ${after}; D looks real ${realBefore} → ${realAfter}`);
      expect(Number.isFinite(after)).toBe(true);
      expect(after).toBeLessThan(before);
      for (const p of [realBefore, realAfter]) expect(p > 0 && p < 1, `D's verdict ${p}`).toBe(true);
      // The result is another picture than the face painted on, G(z0) (the third projection).
      const result = await pixels(host.getByTestId('pe-stroke-result'));
      const unedited = await pixels(host.getByTestId('pe-projection').nth(2).locator('canvas'));
      expect(result.length).toBe(unedited.length);
      expect(result.some((v, i) => Math.abs(v - unedited[i]) > 2)).toBe(true);

      // An uploaded face: 64×64, four flat quadrants, scaled to the faces' 32×32.
      const quadrants: [number, number, number][] = [
        [220, 40, 40],
        [40, 200, 60],
        [50, 60, 210],
        [230, 220, 90],
      ];
      const rgba = new Uint8Array(64 * 64 * 4);
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) rgba.set([...quadrants[(y < 32 ? 0 : 2) + (x < 32 ? 0 : 1)], 255], (y * 64 + x) * 4);
      }
      const file = join(tempDir('ganvas-face-'), 'my-face.png');
      writeFileSync(file, encodePng(64, 64, rgba));
      await host.getByLabel('Upload a face').setInputFiles(file);
      const projections = host.getByTestId('pe-projections');
      await expect.poll(() => projections.getAttribute('data-source'), { timeout: 180_000 }).toBe('upload:my-face.png');
      const face = await pixels(host.getByTestId('pe-face'));
      const at = (x: number, y: number) => face.slice((y * 32 + x) * 4, (y * 32 + x) * 4 + 3);
      [at(8, 8), at(24, 8), at(8, 24), at(24, 24)].forEach((rgb, q) => rgb.forEach((v, c) => expect(Math.abs(v - quadrants[q][c]), `quadrant ${q}`).toBeLessThanOrEqual(2)));
      const errors = await Promise.all([0, 1, 2].map(async (i) => JSON.parse((await projections.getByTestId('pe-projection').nth(i).getAttribute('data-value')) ?? 'null')));
      console.log('uploaded face: projection errors', errors);
      for (const e of errors) expect(Number.isFinite(e) && e > 0).toBe(true);
      expect(await projections.locator('canvas').count()).toBeGreaterThanOrEqual(4);
    });
  }, 600_000);
});

