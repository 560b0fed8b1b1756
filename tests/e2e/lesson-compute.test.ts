/**
 * Every lesson view computes its figures after a run, and its Compute (where it has one) computes
 * them again: after a two-step tiny run of each template, the view's figures arrive by themselves
 * (BiGAN too: its reference classifier is prebuilt by `npm run judges`, or trains first), with a
 * "Computing…" note meanwhile; a click on Compute brings a fresh set. The values are checked to
 * be numbers in their range; that they match `ganvas eval` is the lesson tests' job.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type App } from './harness';
import { trainTiny, withTrainingSession } from './lesson-runs';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Template, its view, and a figure each must show (a share in [0, 1] or a finite number). */
const VIEWS: [string, string, string][] = [
  ['gan-2d', 'gan-2d', 'withinShare'],
  ['infogan', 'infogan', 'accuracy'],
  ['vae-gan', 'vae-gan', 'reconstructionMse'],
  ['bigan', 'bigan', 'agreement'],
  ['triple-gan', 'triple-gan', 'accuracy'],
  ['dann', 'dann', 'figuresStep'],
  ['feature-disentangle', 'feature-disentangle', 'figuresStep'],
  ['photo-editing', 'photo-editing', 'figuresStep'],
  ['super-resolution', 'super-resolution', 'figuresStep'],
  ['inpainting', 'inpainting', 'figuresStep'],
];

const titleOf = (id: string) => (JSON.parse(readFileSync(join(ROOT, 'templates', `${id}.json`), 'utf8')) as { meta: { title: string } }).meta.title;

async function figureValue(page: Page, view: string, key: string, timeout: number): Promise<unknown> {
  const el = page.locator(`[data-lesson-view="${view}"] [data-figure="${key}"]`).first();
  await el.waitFor({ state: 'attached', timeout });
  return JSON.parse((await el.getAttribute('data-value')) ?? 'null');
}

describe('every lesson view computes after a run', () => {
  for (const [template, view, key] of VIEWS) {
    it(`${view}: figures after a tiny run, and again on Compute`, async () => {
      await withTrainingSession(app, async ({ page }) => {
        await trainTiny(page, titleOf(template), 2);
        await page.locator(`[data-lesson-view="${view}"]`).waitFor({ state: 'visible', timeout: 60_000 });
        // Figures come by themselves after the run (the judge may train first: minutes at most).
        const first = await figureValue(page, view, key, 900_000);
        // Views that refresh as training goes on: until their figures are the last step's.
        if (key === 'figuresStep') await expect.poll(() => figureValue(page, view, key, 60_000), { timeout: 900_000 }).toBe(2);
        else {
          expect(typeof first).toBe('number');
          expect(Number.isFinite(first as number)).toBe(true);
        }
        const figures = page.locator(`[data-lesson-view="${view}"]`).getByRole('region', { name: 'Lesson figures' });
        if (await figures.count()) {
          const compute = figures.getByRole('button', { name: /^Compute/ });
          await compute.click();
          // Busy while the worker computes, then the figures again.
          await expect.poll(() => figures.getAttribute('aria-busy'), { timeout: 900_000 }).toBe('false');
          expect(typeof (await figureValue(page, view, key, 60_000))).toBe('number');
          expect(await figures.getByRole('alert').count()).toBe(0);
        }
      });
    }, 1_200_000);
  }
});
