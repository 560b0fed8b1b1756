/**
 * A lesson's baseline (its one-click variant trained in the worker beside the run): the figure the
 * view shows is the one `ganvas train --variant` + `ganvas eval --variant` get for the same variant,
 * size and iterations.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { startApp, tempDir, type App } from './harness';
import { trainTiny, withTrainingSession } from './lesson-runs';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  expect(code, err.join('\n')).toBe(0);
  return out.join('\n');
}

describe('lesson baselines', () => {
  it('Triple-GAN: “classifier only” trained in the page scores what the CLI scores for that variant', async () => {
    const steps = 3;
    await withTrainingSession(app, async ({ page }) => {
      await trainTiny(page, 'Triple-GAN on MNIST with 100 labels', steps);
      const view = page.locator('[data-lesson-view="triple-gan"]');
      const baseline = view.getByRole('region', { name: 'Baseline' });
      await expect.poll(() => baseline.getByRole('heading').textContent(), { timeout: 60_000 }).toMatch(/classifier only/i);
      await baseline.getByRole('button', { name: 'Train the baseline' }).click();
      const figure = baseline.locator('[data-figure="baseline.accuracy"]');
      await figure.waitFor({ state: 'attached', timeout: 240_000 });
      const pageAccuracy = JSON.parse((await figure.getAttribute('data-value')) ?? 'null') as number;
      expect(await baseline.textContent()).toContain(`${steps} iterations in`);

      const dir = join(tempDir('ganvas-baseline-'), 'run');
      await cli(['train', 'triple-gan', '--variant', 'classifier-only', '--size', 'tiny', '--steps', String(steps), '--out', dir]);
      const printed = JSON.parse(await cli(['eval', 'triple-gan', '--variant', 'classifier-only', '--checkpoint', join(dir, 'checkpoint')])) as { metrics: { accuracy: number; adversarial: boolean } };
      expect(printed.metrics.adversarial).toBe(false);
      expect(pageAccuracy).toBeGreaterThanOrEqual(0);
      expect(Math.abs(pageAccuracy - printed.metrics.accuracy)).toBeLessThanOrEqual(0.01);
      // The run's own figure (G and D took part) is shown beside it.
      expect(await view.locator('[data-figure="accuracy"]').count()).toBe(1);
    });
  });

  it('VAE-GAN: the plain VAE trained in the page adds its reconstructions of the same faces and scores what the CLI scores', async () => {
    const steps = 2;
    await withTrainingSession(app, async ({ page }) => {
      await trainTiny(page, 'VAE-GAN on faces', steps);
      const view = page.locator('[data-lesson-view="vae-gan"]');
      await view.getByRole('img', { name: 'Inputs and their reconstructions, in pairs' }).waitFor({ state: 'visible', timeout: 120_000 });
      const baseline = view.getByRole('region', { name: 'Baseline' });
      await baseline.getByRole('button', { name: 'Train the baseline' }).click();
      const figure = baseline.locator('[data-figure="baseline.reconstructionMse"]');
      await figure.waitFor({ state: 'attached', timeout: 240_000 });
      const pageMse = JSON.parse((await figure.getAttribute('data-value')) ?? 'null') as number;
      // Input | plain VAE | VAE-GAN: 8 faces of 32 px, three per face, six to a row.
      const triples = view.getByRole('img', { name: "Inputs, the plain VAE's and the VAE-GAN's reconstructions" });
      await triples.waitFor({ state: 'visible', timeout: 60_000 });
      expect([await triples.getAttribute('width'), await triples.getAttribute('height')]).toEqual(['192', '128']);

      const dir = join(tempDir('ganvas-baseline-'), 'run');
      await cli(['train', 'vae-gan', '--variant', 'plain-vae', '--size', 'tiny', '--steps', String(steps), '--out', dir]);
      const printed = JSON.parse(await cli(['eval', 'vae-gan', '--variant', 'plain-vae', '--checkpoint', join(dir, 'checkpoint')])) as { metrics: { reconstructionMse: number; adversarial: boolean } };
      expect(printed.metrics.adversarial).toBe(false);
      expect(Math.abs(pageMse - printed.metrics.reconstructionMse) / printed.metrics.reconstructionMse).toBeLessThanOrEqual(0.02);
    });
  });
});
