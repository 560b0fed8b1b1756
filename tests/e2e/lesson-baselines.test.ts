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
});
