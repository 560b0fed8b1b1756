/**
 * Training in the browser: the dock drives the Comlink worker on WebGPU (SwiftShader here, so tiny
 * sizes and few steps), the page stays responsive, WebGPU agrees with the CPU backend, and crashes,
 * reloads and diverging losses end in a clear message and a way to continue.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, startApp, withPage, type App, type OpenOptions, type Session } from './harness';

let app: App;
const report: string[] = [];

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
  if (report.length) console.log(`browser training:\n  ${report.join('\n  ')}`);
});

const withSession = (body: (s: Session) => Promise<void>, options: OpenOptions = {}) => withPage(app, body, options);

type HookState = ReturnType<NonNullable<Window['__ganvasTest']>['state']>;

const state = (page: Page): Promise<HookState> => page.evaluate(() => window.__ganvasTest!.state());
const dock = (page: Page) => page.getByRole('region', { name: 'Training' });

async function waitFor(page: Page, what: string, test: (s: HookState) => boolean, timeout = 120_000): Promise<HookState> {
  const started = Date.now();
  for (;;) {
    const s = await state(page);
    if (test(s)) return s;
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(s)}`);
    await page.waitForTimeout(250);
  }
}

async function openTemplate(page: Page, title: string, opts: { steps?: number } = {}): Promise<void> {
  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
  if (opts.steps) await page.getByLabel('tiny steps').fill(String(opts.steps));
}

type LongTaskWindow = { __longTasks: { start: number; duration: number }[]; __excluded: [number, number][] };

/** Records long tasks on the main thread from now on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as LongTaskWindow;
    w.__longTasks = [];
    w.__excluded = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

/** A screenshot, leaving its time out of the long-task count (capturing the page is not the page's work). */
async function screenshotExcluded(page: Page, path: string): Promise<void> {
  const from = await page.evaluate(() => performance.now());
  await page.screenshot({ path });
  await page.evaluate((t0) => void (window as unknown as LongTaskWindow).__excluded.push([t0, performance.now()]), from);
}

/** Canvas nodes showing a badge (`learning`, `NaN`) from the training highlight. */
const badged = (page: Page, text: string): Promise<number> =>
  page.evaluate((t) => [...document.querySelectorAll('.react-flow__node-graph .gnode-head')].filter((h) => getComputedStyle(h, '::after').content === `"${t}"`).length, text);

/** Durations of the long tasks seen, outside screenshots. */
const longTasks = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const w = window as unknown as LongTaskWindow;
    return w.__longTasks.filter((t) => !w.__excluded.some(([a, b]) => t.start + t.duration > a && t.start < b)).map((t) => t.duration);
  });

/** Variance of the luminance of the sample grid's opaque pixels (0 for a blank grid). */
async function sampleVariance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.samples-canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0) return 0;
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] !== 255) continue;
      const y = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
      n++;
      sum += y;
      sq += y * y;
    }
    return n ? sq / n - (sum / n) ** 2 : 0;
  });
}

describe('training in the browser', () => {
  it('trains InfoGAN (tiny) on WebGPU in the worker: badge, loss chart, samples, pause; the page never blocks for a second', async () => {
    await withSession(async ({ page }) => {
      await openTemplate(page, 'InfoGAN on MNIST', { steps: 500 });
      // Picked by hand: Auto would time the backends and train on WASM here (WebGPU is SwiftShader).
      await dock(page).getByRole('button', { name: 'Backend' }).click();
      await page.getByRole('menuitemradio', { name: /^✓? ?WebGPU/ }).click();
      await watchLongTasks(page);
      const started = Date.now();
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      await expect.poll(() => dock(page).locator('.backend-name').textContent(), { timeout: 60_000 }).toBe('WebGPU');

      const s = await waitFor(page, '3 iterations', (x) => x.step >= 3 && x.points >= 3);
      report.push(`InfoGAN tiny, WebGPU: 3 iterations ${((Date.now() - started) / 1000).toFixed(1)} s after Train`);
      expect(s.backend).toBe('webgpu');
      expect(s.status).toBe('running');

      // Points for every loss term (and phase total).
      const series = await page.evaluate(() => window.__ganvasTest!.series());
      for (const key of ['L_real', 'L_fake', 'L_G', 'L_c1', 'L_c23', 'd', 'g']) {
        expect(series.values[key]?.filter((v) => Number.isFinite(v)).length, key).toBeGreaterThanOrEqual(3);
      }
      await expect.poll(() => dock(page).locator('.chart-plot').getAttribute('data-points')).not.toBe('0');
      expect(await dock(page).locator('.chart-plot canvas').count()).toBeGreaterThan(0);
      expect(await dock(page).getByRole('list', { name: 'Chart legend' }).getByRole('button').count()).toBe(5);

      // The sample grid shows the generator's images, not a blank canvas.
      await expect.poll(() => sampleVariance(page), { timeout: 60_000 }).toBeGreaterThan(20);
      const variance = await sampleVariance(page);

      // The running phase is lit on the canvas.
      await expect.poll(() => badged(page, 'learning'), { timeout: 10_000 }).toBeGreaterThan(0);
      await screenshotExcluded(page, artifactPath('e2e', 'training-infogan-running.png'));

      await dock(page).getByRole('button', { name: 'Pause' }).click();
      await waitFor(page, 'paused', (x) => x.status === 'paused', 60_000);
      await page.waitForTimeout(500);
      const paused = await state(page);
      const shown = await dock(page).getByTestId('train-step').textContent();
      await page.waitForTimeout(4000);
      const later = await state(page);
      expect(later.step).toBe(paused.step);
      expect(await dock(page).getByTestId('train-step').textContent()).toBe(shown);
      // The pause saved a checkpoint at the step shown.
      await expect.poll(async () => (await state(page)).checkpoints[0]?.step).toBe(paused.step);

      const tasks = await longTasks(page);
      const longest = Math.max(0, ...tasks);
      report.push(`InfoGAN tiny, WebGPU: ${paused.step} iterations; sample variance ${variance.toFixed(0)}; ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms`);
      // Training runs in the worker, so the page never blocks for long; the figure itself goes in the
      // report above. The bound only catches training on the main thread (seconds per block), not a
      // busy machine (250 ms seen with two trainings running beside the tests).
      expect(longest).toBeLessThan(1000);
      await page.screenshot({ path: artifactPath('e2e', 'training-infogan-paused.png') });
    });
  });

  it('gives the same losses on WebGPU and on CPU (2 iterations, tiny) for the 2-D GAN, InfoGAN and DANN', async () => {
    await withSession(async ({ page }) => {
      for (const template of ['gan-2d', 'infogan', 'dann']) {
        const run = (backend: 'webgpu' | 'cpu') => page.evaluate(([t, b]) => window.__ganvasTest!.runTemplate(t, { backend: b as 'webgpu' | 'cpu', steps: 2 }), [template, backend] as const);
        const gpu = await run('webgpu');
        const cpu = await run('cpu');
        expect(gpu.load.backend).toBe('webgpu');
        expect(cpu.load.backend).toBe('cpu');
        expect(gpu.outcome.status).toBe('done');
        expect(cpu.outcome.status).toBe('done');
        expect(gpu.metrics.map((m) => m.step)).toEqual([1, 2]);
        expect(cpu.metrics.map((m) => m.step)).toEqual([1, 2]);
        let worst = 0;
        let worstKey = '';
        cpu.metrics.forEach((row, i) => {
          const keys = Object.keys(row.losses);
          expect(keys.length).toBeGreaterThan(1);
          for (const key of keys) {
            const a = gpu.metrics[i].losses[key];
            const b = row.losses[key];
            const d = Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);
            if (!(d <= worst)) {
              worst = Number.isNaN(d) ? Infinity : d;
              worstKey = `${key}@${row.step}`;
            }
          }
        });
        report.push(`${template}: WebGPU vs CPU max relative difference ${worst.toExponential(2)} (${worstKey}); WebGPU ${(gpu.trainMs / 1000).toFixed(1)} s, CPU ${(cpu.trainMs / 1000).toFixed(1)} s for 2 iterations`);
        expect(worst, template).toBeLessThan(1e-3);
      }
    });
  });

  it('keeps the graph when the worker dies and resumes from the last checkpoint; after a reload the checkpoint is listed and resumes at its step', async () => {
    await withSession(
      async ({ page }) => {
        await openTemplate(page, 'GAN on a 2-D mixture', { steps: 5000 });
        await dock(page).getByRole('button', { name: 'Expand the training dock' }).click();
        await dock(page).getByLabel('Checkpoint every N steps').fill('4');
        await page.getByRole('button', { name: 'Train', exact: true }).first().click();
        const first = await waitFor(page, 'a checkpoint', (x) => x.checkpoints.some((c) => c.step >= 4));
        expect(first.status).toBe('running');
        await expect.poll(async () => (await state(page)).step).toBeGreaterThan(first.checkpoints[0].step);
        // A learning rate edited while training goes to the worker at once.
        await page.getByRole('tab', { name: /^Schedule/ }).click();
        await page.getByRole('group', { name: 'Phase 1: D step' }).getByLabel('Learning rate').fill('0.0005');
        const edited = await waitFor(page, 'the new learning rate in the worker', (x) => x.live?.learningRates.d === 0.0005, 10_000);
        expect(edited.status).toBe('running');
        expect(edited.stale).toBe(false);
        // Autosave is debounced: wait until it holds the edit, so "unchanged" compares like with like.
        await expect.poll(() => page.evaluate(() => localStorage.getItem('ganvas.autosave') ?? '')).toContain('"lr":0.0005');
        const before = await page.evaluate(() => localStorage.getItem('ganvas.autosave'));
        const nodes = await page.locator('.react-flow__node-graph').count();

        // A crash: the page says so, the graph is untouched, the last checkpoint is offered.
        expect(await page.evaluate(() => window.__ganvasTest!.killWorker())).toBe(true);
        const alert = dock(page).getByRole('alert');
        await expect.poll(() => alert.textContent()).toMatch(/The training worker stopped.*Your graph is unchanged/);
        const crashed = await state(page);
        expect(crashed.status).toBe('failed');
        expect(await page.evaluate(() => localStorage.getItem('ganvas.autosave'))).toBe(before);
        expect(await page.locator('.react-flow__node-graph').count()).toBe(nodes);
        // The message offers the newest checkpoint the page knew of when the worker died (under load
        // the list may catch up a moment later, so read the step from the offer itself).
        const offer = alert.getByRole('button', { name: /^Resume from step \d+$/ });
        await offer.waitFor();
        const resumeStep = Number(/\d+/.exec((await offer.getAttribute('aria-label')) ?? (await offer.textContent()) ?? '')![0]);
        // A checkpoint saved before the crash; the list may have moved on since.
        expect(resumeStep).toBeGreaterThan(0);
        expect(resumeStep).toBeLessThanOrEqual(crashed.step);
        await page.screenshot({ path: artifactPath('e2e', 'training-crash.png') });
        // The run before the crash may have listed checkpoints further on than the offer; only
        // ones saved after the resume count as the resumed run's.
        const resumedAt = await page.evaluate(() => Date.now());
        await offer.click();
        const resumed = await waitFor(page, 'training after the crash', (x) => x.status === 'running' && x.step > resumeStep);
        expect(resumed.message).toBeNull();
        // It continues right after the offered checkpoint, or (when that one was pruned by the click)
        // after the newest one stored.
        await expect
          .poll(async () => {
            const steps = await page.evaluate(() => window.__ganvasTest!.series().steps);
            const stored = (await state(page)).checkpoints.map((c) => c.step);
            return [resumeStep, ...stored].some((s) => s >= resumeStep && steps.includes(s + 1));
          })
          .toBe(true);
        report.push(`2-D GAN: killed at step ${crashed.step}, resumed from the checkpoint at step ${resumeStep}`);

        // A reload mid-run: the checkpoints are still listed; the newest resumes at its step.
        // The list is newest first by time: wait until its head is one the resumed run saved.
        await waitFor(page, 'a newer checkpoint', (x) => !!x.checkpoints[0] && x.checkpoints[0].time > resumedAt && x.checkpoints[0].step >= resumeStep + 4);
        await page.reload();
        await page.waitForSelector('html[data-ready="true"]');
        await page.waitForFunction(() => !!window.__ganvasTest);
        const listed = await waitFor(page, 'the checkpoint list after the reload', (x) => x.checkpoints.length > 0, 30_000);
        expect(listed.status).toBe('idle');
        const newest = listed.checkpoints[0];
        expect(newest.step).toBeGreaterThanOrEqual(resumeStep + 4);
        const row = dock(page).getByRole('listitem', { name: `Checkpoint at step ${newest.step}` }).first();
        await row.waitFor();
        await page.screenshot({ path: artifactPath('e2e', 'training-after-reload.png') });
        await row.getByRole('button', { name: `Resume from step ${newest.step}` }).click();
        await waitFor(page, 'training after the reload', (x) => x.status === 'running' && x.step > newest.step);
        // The step counter can run ahead of the chart's series by a reading: wait for the series.
        await expect.poll(async () => (await page.evaluate(() => window.__ganvasTest!.series().steps)).includes(newest.step + 1)).toBe(true);
        const steps = await page.evaluate(() => window.__ganvasTest!.series().steps);
        expect(Math.max(...steps.filter((s) => s <= newest.step))).toBe(newest.step);
        report.push(`2-D GAN: reloaded, resumed from the checkpoint at step ${newest.step}`);
        await page.waitForTimeout(600);
        await page.screenshot({ path: artifactPath('e2e', 'training-gan2d-dark.png') });
        await dock(page).getByRole('button', { name: 'Stop' }).click();
        await waitFor(page, 'stopped', (x) => x.status === 'done', 60_000);
      },
      { colorScheme: 'dark' },
    );
  });

  it('starts the first run of an untimed graph at once on a provisional backend, times the backends once it pauses, and starts the next run on the timing', async () => {
    await withSession(async ({ page }) => {
      await openTemplate(page, 'DANN: MNIST → MNIST-M (gradient reversal)', { steps: 5000 });
      // The editor is still: Auto starts timing in the background; Train ends that timing.
      await expect.poll(() => page.evaluate(() => window.__ganvasTest!.timingUnderWay())).toBe(true);
      const pressed = Date.now();
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      // No timing stands between Train and the first loss, nor runs beside it.
      const first = await waitFor(page, 'the first loss', (x) => x.points > 0 || x.autoProgress !== null);
      expect(await page.evaluate(() => window.__ganvasTest!.timingUnderWay())).toBe(false);
      report.push(`DANN tiny, untimed device: first loss ${Date.now() - pressed} ms after Train (not a limit: the bench measures)`);
      expect(first.autoProgress).toBeNull();
      expect(first.auto?.provisional).toBe(true);
      // Every GPU adapter here is software: WASM, though DANN has convolutions.
      expect(first.auto?.chosen).toBe('wasm');
      expect(first.backend).toBe('wasm');
      const badge = page.getByRole('button', { name: 'Backend' });
      await badge.click();
      const why = page.getByRole('note', { name: 'Why this backend' });
      expect(await why.textContent()).toMatch(/Auto chose WASM\..*has not been timed on this device yet.*WASM: not timed yet.*WebGL: not timed yet/);
      await page.keyboard.press('Escape');

      // Paused, the backends are timed (in a worker of their own); the badge then shows the rates.
      await dock(page).getByRole('button', { name: 'Pause' }).click();
      const timed = await waitFor(page, 'the timing after the pause', (x) => !!x.auto && !x.auto.provisional, 180_000);
      const rates = timed.auto!.candidates.filter((c) => c.stepsPerSecond !== undefined);
      expect(rates.map((c) => c.backend)).toContain('wasm');
      expect(timed.auto!.chosen).toBe(rates.sort((a, b) => b.stepsPerSecond! - a.stepsPerSecond!)[0].backend);
      expect(timed.auto!.startedOn).toBe('wasm');
      expect(timed.status).toBe('paused');
      await badge.click();
      expect(await why.textContent()).toMatch(/WASM \d+(\.\d+)? it\/s/);
      await page.keyboard.press('Escape');

      // Stopped and started again: the run starts on the kept timing.
      await dock(page).getByRole('button', { name: 'Stop' }).click();
      await waitFor(page, 'stopped', (x) => x.status === 'done', 60_000);
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      const again = await waitFor(page, 'the second run', (x) => x.status === 'running' && x.points > 0);
      expect(again.auto?.cached).toBe(true);
      expect(again.auto?.provisional).toBeFalsy();
      expect(again.backend).toBe(timed.auto!.chosen);
      await dock(page).getByRole('button', { name: 'Stop' }).click();
      await waitFor(page, 'stopped', (x) => x.status === 'done', 60_000);
    });
  });

  it('pauses with a message naming the loss when DANN diverges (learning rate 1e30)', async () => {
    await withSession(async ({ page }) => {
      await openTemplate(page, 'DANN: MNIST → MNIST-M (gradient reversal)', { steps: 200 });
      await page.getByRole('tab', { name: /^Schedule/ }).click();
      await page.getByRole('group', { name: 'Phase 1: Train' }).getByLabel('Learning rate').fill('1e30');
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      const s = await waitFor(page, 'the NaN pause', (x) => x.message !== null, 180_000);
      expect(s.status).toBe('paused');
      expect(s.message?.title).toMatch(/Loss “.+” became NaN/);
      expect(s.message?.text).toMatch(/\(L_[a-z_]+\) of phase "Train" \(train\) became NaN or infinite at step \d+\. Try a lower learning rate/);
      const alert = dock(page).getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/became NaN/);
      // The loss node is marked on the canvas.
      expect(await badged(page, 'NaN')).toBe(1);
      report.push(`DANN lr 1e30: paused at step ${s.step}: ${s.message?.text.slice(0, 120)}`);
      await page.screenshot({ path: artifactPath('e2e', 'training-nan.png') });
    });
  });

  it('trains on WASM with threads on the cross-origin isolated page, matching the CPU backend', async () => {
    await withSession(async ({ page }) => {
      const threads: string[] = [];
      page.on('worker', (w) => void (w.url().startsWith('blob:') && threads.push(w.url())));
      const run = (backend: 'wasm' | 'cpu') => page.evaluate((b) => window.__ganvasTest!.runTemplate('infogan', { backend: b, steps: 2 }), backend);
      const wasm = await run('wasm');
      const cpu = await run('cpu');
      expect(wasm.load.backend).toBe('wasm');
      expect(wasm.load.crossOriginIsolated).toBe(true);
      // The threaded build starts its pthreads as blob workers.
      expect(threads.length).toBeGreaterThan(0);
      let worst = 0;
      cpu.metrics.forEach((row, i) => {
        for (const [key, b] of Object.entries(row.losses)) worst = Math.max(worst, Math.abs(wasm.metrics[i].losses[key] - b) / Math.max(Math.abs(b), 1e-6));
      });
      report.push(`infogan: WASM (${threads.length} pthread workers) vs CPU max relative difference ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-3);
    });
  });

  it('falls back to WebGL when WebGPU is not there, and says why', async () => {
    await withSession(
      async ({ page }) => {
        await openTemplate(page, 'GAN on a 2-D mixture', { steps: 3 });
        // WebGPU asked for by hand (Auto would not pick an adapter that is not there).
        await dock(page).getByRole('button', { name: 'Backend' }).click();
        await page.getByRole('menuitemradio', { name: /^✓? ?WebGPU/ }).click();
        await page.getByRole('button', { name: 'Train', exact: true }).first().click();
        const s = await waitFor(page, 'the run', (x) => x.status === 'done', 60_000);
        expect(s.backend).toBe('webgl');
        expect(s.tried[0]).toMatchObject({ name: 'webgpu', ok: false });
        const badge = dock(page).getByRole('button', { name: 'Backend' });
        expect(await badge.textContent()).toMatch(/WebGL.*fallback/);
        const reason = await dock(page).locator('.dock-fallback dd').textContent();
        expect(reason).toMatch(/^WebGPU: .+/);
        report.push(`without WebGPU: trained on WebGL; shown reason "${reason}"`);
      },
      { flags: (defaults) => defaults.filter((f) => f !== '--enable-unsafe-webgpu') },
    );
  });

  it('shows the problems and starts no worker when the graph is invalid', async () => {
    await withSession(async ({ page }) => {
      let workers = 0;
      page.on('worker', () => workers++);
      await page.getByRole('button', { name: 'Open GAN on a 2-D mixture', exact: true }).click();
      await page.getByRole('group', { name: 'Generator ‹G›', exact: true }).locator('.gnode-head').click();
      await page.keyboard.press('Delete');
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      await page.getByRole('region', { name: 'Problems' }).waitFor();
      await page.waitForTimeout(500);
      expect(workers).toBe(0);
      expect((await state(page)).status).toBe('idle');
    });
  });
});
