/**
 * PyTorch in and out of the page: Export ▸ PyTorch project gives a zip that trains with Python
 * (the same code the CLI writes), and a checkpoint that train.py wrote opens in the dock, where
 * the InfoGAN lesson view shows the c1 accuracy that `ganvas eval` and the project's evaluate.py
 * compute for it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { compilePlan } from '../../src/compiler/compile';
import { exportPytorch } from '../../src/export/pytorch/index';
import { runtimeFiles } from '../../src/export/pytorch/runtime-node';
import { loadTemplate } from '../unit/helpers';
import { exportProject, metricsOf, mustRun } from '../unit/export/helpers';
import { downloadOf, startApp, tempDir, type App } from './harness';
import { trainingState, withTrainingSession } from './lesson-runs';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const dock = (page: Page) => page.getByRole('region', { name: 'Training' });

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  expect(code, err.join('\n')).toBe(0);
  return out.join('\n');
}

describe('PyTorch projects from the page', () => {
  it('Export ▸ PyTorch project: a zip with the CLI’s code that trains three steps', async () => {
    await withTrainingSession(app, async ({ page }) => {
      await page.getByRole('button', { name: 'Open GAN on a 2-D mixture', exact: true }).click();
      await page.getByRole('button', { name: 'Export ▾' }).click();
      const { path } = await downloadOf(page, () => page.getByRole('menuitem', { name: /PyTorch project/ }).click());
      const files = unzipSync(new Uint8Array(readFileSync(path)));
      const dir = tempDir('ganvas-zip-');
      const names = Object.keys(files);
      const root = names[0].split('/')[0];
      for (const [name, bytes] of Object.entries(files)) {
        if (name.endsWith('/')) continue;
        const target = join(dir, name);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, bytes);
      }
      const project = join(dir, root);
      const compiled = compilePlan(loadTemplate('gan-2d'));
      if (!compiled.ok) throw new Error('gan-2d does not compile');
      const cliFiles = exportPytorch(compiled.plan, { runtime: runtimeFiles() });
      if (!cliFiles.ok) throw new Error('gan-2d does not export');
      for (const f of cliFiles.files.filter((x) => x.path.endsWith('.py'))) expect(readFileSync(join(project, f.path), 'utf8'), f.path).toBe(f.content);
      expect(names.some((n) => n.endsWith('data/ring8/train/x.npy'))).toBe(true);
      mustRun(project, ['train.py', '--steps', '3', '--every', '1', '--out', 'run']);
      const metrics = metricsOf(join(project, 'run'));
      expect(metrics).toHaveLength(3);
      for (const m of metrics) for (const v of Object.values(m.losses)) expect(Number.isFinite(v)).toBe(true);
    });
  });

  it('InfoGAN trained by train.py: ganvas eval, evaluate.py and the lesson view agree on c1 accuracy', async () => {
    const steps = 200;
    const compiled = compilePlan(loadTemplate('infogan'), { size: 'small', steps });
    if (!compiled.ok) throw new Error('infogan does not compile');
    const project = await exportProject(compiled.plan);
    mustRun(project, ['train.py', '--every', '50', '--out', 'run']);
    const torch = JSON.parse(mustRun(project, ['evaluate.py', '--checkpoint', 'run'])).metrics as { accuracy: number; examples: number };
    const ganvas = JSON.parse(await cli(['eval', 'infogan', '--checkpoint', join(project, 'run')])).metrics as { accuracy: number; examples: number };
    console.log(`InfoGAN small, ${steps} PyTorch steps: c1 accuracy ${torch.accuracy} (evaluate.py), ${ganvas.accuracy} (ganvas eval)`);
    expect(torch.examples).toBe(1000);
    expect(ganvas.examples).toBe(1000);
    expect(Math.abs(torch.accuracy - ganvas.accuracy)).toBeLessThanOrEqual(0.005);

    await withTrainingSession(app, async ({ page }) => {
      await page.getByRole('button', { name: 'Open InfoGAN on MNIST', exact: true }).click();
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('small', { exact: true }).click();
      await page.getByLabel('small steps').fill(String(steps));
      await page.getByRole('button', { name: 'Backend' }).click();
      await page.getByRole('menuitemradio', { name: /WASM/ }).click();
      await dock(page).getByRole('button', { name: 'Expand the training dock' }).click().catch(() => undefined);
      await dock(page).getByLabel('Checkpoint file', { exact: true }).setInputFiles(join(project, 'run', 'checkpoint.ganvas-ckpt'));
      await dock(page).getByRole('button', { name: `Resume from step ${steps}`, exact: true }).first().click();
      await expect.poll(async () => (await trainingState(page)).status, { timeout: 180_000 }).toBe('done');
      await page.getByRole('tab', { name: 'Lesson' }).click();
      const shown = JSON.parse((await page.locator('[data-figure="accuracy"]').getAttribute('data-value', { timeout: 180_000 })) ?? 'null') as number;
      console.log(`the lesson view shows ${shown}`);
      expect(Math.abs(shown - ganvas.accuracy)).toBeLessThanOrEqual(0.005);
    });
  });
});
