/**
 * A newcomer's first minutes, in a real browser, by roles and visible text: a GAN built from the
 * palette's defaults learns the ring and Auto says why it trains on what it does; clicked nodes
 * land apart and pastes clear of their originals; a template opened over unsaved work offers
 * Undo; checkpoints follow the document through renames (copies start empty, old title-keyed ones
 * still show); a run stays with its document and asks before it is left; the opening view of a
 * big template is readable. Bounded by training steps, not by tight timeouts.
 *
 * Pictures go to test-results/e2e/newcomer/, or to docs/newcomer/ with GANVAS_DOCS=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modeCoverage } from '../../src/analysis/modes';
import { MIXTURES } from '../../src/data/points';
import { artifactPath, connect, ROOT, startApp, type App, type Session } from './harness';
import { trainingState, withTrainingSession } from './lesson-runs';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});


function picture(name: string): string {
  if (!process.env.GANVAS_DOCS) return artifactPath('e2e', 'newcomer', name);
  const dir = join(ROOT, 'docs', 'newcomer');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const dock = (page: Page) => page.getByRole('region', { name: 'Training' });
const state = trainingState;

async function startEmpty(page: Page): Promise<void> {
  await page.getByRole('dialog', { name: 'Start from a template' }).waitFor();
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByRole('dialog', { name: 'Start from a template' }).waitFor({ state: 'detached' });
}

async function openTemplate(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
}

async function select(page: Page, name: string): Promise<void> {
  await node(page, name).locator('.gnode-head').click();
}

/** The graph nodes' boxes on screen, by accessible name. */
async function nodeBoxes(page: Page): Promise<{ name: string; x: number; y: number; width: number; height: number }[]> {
  return page.locator('.react-flow__node-graph').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('aria-label') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

function overlapping(boxes: Awaited<ReturnType<typeof nodeBoxes>>): string[] {
  const out: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.push(`${a.name} on ${b.name}`);
    }),
  );
  return out;
}

async function setSteps(page: Page, size: 'tiny' | 'small', steps: number): Promise<void> {
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Size preset' }).getByText(size, { exact: true }).click();
  await page.getByLabel(`${size} steps`).fill(String(steps));
  await page.getByLabel(`${size} steps`).press('Tab');
}

async function chooseBackend(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Backend' }).click();
  await page.getByRole('menuitemradio', { name }).click();
}

/** The top bar's Undo (a message may carry an Undo of its own). */
const undo = (page: Page) => page.getByRole('group', { name: 'History' }).getByRole('button', { name: 'Undo' }).click();

const checkpointRows = (page: Page) => dock(page).getByRole('listitem', { name: /^Checkpoint at step/ });

describe('a newcomer’s first minutes', () => {
  it('a GAN from the palette’s defaults covers the ring in 2,000 steps; Auto trains on the fastest backend and says why', async () => {
    await withTrainingSession(
      app,
      async ({ page }) => {
        await startEmpty(page);
        // Clicked palette items land in view, each on a free spot.
        for (const title of ['Dataset', 'Noise', 'Generator', 'Discriminator', 'Discriminator', 'Adversarial loss', 'Adversarial loss', 'Adversarial loss']) {
          await page.getByRole('button', { name: new RegExp(`^${title}:`) }).click();
        }
        await expect.poll(() => page.locator('.react-flow__node-graph').count()).toBe(8);
        expect(overlapping(await nodeBoxes(page))).toEqual([]);
        await page.getByRole('button', { name: 'Fit View' }).click();

        await select(page, 'Dataset ‹dataset1›');
        await page.getByLabel('name', { exact: true }).selectOption('ring8');
        await select(page, 'Adversarial loss ‹adversarialLoss2›');
        await page.getByLabel('target', { exact: true }).selectOption('fake');
        await connect(page, 'output weights of Discriminator ‹discriminator1›', 'input shares of Discriminator ‹discriminator2›');
        await connect(page, 'output x of Dataset ‹dataset1›', 'input x of Discriminator ‹discriminator1›');
        // The networks are sized for the data once it is wired in, and the message says how.
        await expect.poll(() => page.getByRole('status').textContent()).toContain('Sized for the data: Discriminator ‹discriminator1›: MLP for 2-D points');
        await connect(page, 'output z of Noise ‹noise1›', 'input x of Generator ‹generator1›');
        await connect(page, 'output out of Generator ‹generator1›', 'input x of Discriminator ‹discriminator2›');
        await connect(page, 'output out of Discriminator ‹discriminator1›', 'input logits of Adversarial loss ‹adversarialLoss1›');
        await connect(page, 'output out of Discriminator ‹discriminator2›', 'input logits of Adversarial loss ‹adversarialLoss2›');
        await connect(page, 'output out of Discriminator ‹discriminator2›', 'input logits of Adversarial loss ‹adversarialLoss3›');
        await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(7);

        // No phases yet: the Schedule tab suggests a D step and a G step from the losses.
        await page.getByRole('tab', { name: /Schedule/ }).click();
        const suggestion = page.getByRole('region', { name: 'Suggested schedule' });
        await expect.poll(() => suggestion.textContent()).toContain('D step');
        expect(await suggestion.textContent()).toContain('G step');
        await suggestion.getByRole('button', { name: 'Use this schedule' }).click();
        await page.getByRole('group', { name: 'Phase 2: G step' }).waitFor();
        await expect.poll(() => page.getByRole('button', { name: /^Problems:/ }).getAttribute('aria-label')).toBe('Problems: 0 errors, 0 warnings');

        await setSteps(page, 'small', 2000);
        await page.locator('.topbar-train').click();
        await expect.poll(async () => (await state(page)).status, { timeout: 1_200_000, interval: 2000 }).toBe('done');
        const s = await state(page);
        expect(s.step).toBe(2000);
        expect(s.auto?.chosen).toBe('wasm');

        // The samples shown are G's points after the last step: at least 7 of the 8 modes.
        await expect.poll(() => page.locator('canvas.samples-canvas').getAttribute('data-step'), { timeout: 60_000 }).toBe('2000');
        const shown = (await page.evaluate(() => window.__ganvasTest!.samplePoints()))!;
        const coverage = modeCoverage(shown.points, MIXTURES.ring8);
        console.info(`scratch GAN in the page: ${coverage.modesCovered}/8 modes, ${(coverage.withinShare * 100).toFixed(1)}% within 3σ after ${shown.step} steps on ${s.backend}`);
        expect(coverage.modesCovered).toBeGreaterThanOrEqual(7);
        await page.screenshot({ path: picture('scratch-gan-2000-steps.png') });

        // The badge names Auto's pick; its menu says why, with every backend's rate (timed while
        // the graph was drawn, or after the run: never beside it).
        await expect.poll(async () => (await state(page)).auto?.candidates.some((c) => c.stepsPerSecond !== undefined), { timeout: 180_000 }).toBe(true);
        const badge = page.getByRole('button', { name: 'Backend' });
        expect(await badge.textContent()).toContain('Auto · WASM');
        await badge.click();
        const why = page.getByRole('note', { name: 'Why this backend' });
        const text = (await why.textContent()) ?? '';
        expect(text).toContain('Auto chose WASM.');
        expect(text).toMatch(/WASM \d+(\.\d+)? it\/s/);
        expect(text).toMatch(/WebGL (\d|below)/);
        expect(text).toMatch(/WebGPU (\d|below)/);
        expect(text).toContain('CPU: not timed');
        console.info(`badge: ${text}`);
        await page.screenshot({ path: picture('auto-badge.png') });
        await page.keyboard.press('Escape');
      },
      { viewport: { width: 1600, height: 1000 } },
    );
  });

  it('pastes clear of the original; a template over unsaved work says so and offers Undo', async () => {
    await withTrainingSession(app, async ({ page }) => {
      await startEmpty(page);
      await page.getByRole('button', { name: /^Noise:/ }).click();
      await select(page, 'Noise ‹noise1›');
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await page.keyboard.press('Control+v');
      await expect.poll(() => page.locator('.react-flow__node-graph').count()).toBe(3);
      expect(overlapping(await nodeBoxes(page))).toEqual([]);

      await openTemplate(page, 'GAN on a 2-D mixture');
      const message = page.getByRole('status').filter({ hasText: 'in place of your unsaved graph' });
      await expect.poll(() => message.textContent()).toContain('Opened “GAN on a 2-D mixture” in place of your unsaved graph “Untitled graph”.');
      await node(page, 'Generator ‹G›').waitFor();
      await message.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => page.locator('.react-flow__node-graph').count()).toBe(3);
      await node(page, 'Noise ‹noise3›').waitFor();

      // Over a graph just opened from a template, nothing to say.
      await openTemplate(page, 'GAN on a 2-D mixture');
      await openTemplate(page, 'InfoGAN on MNIST');
      await node(page, 'Generator ‹G›').waitFor();
      expect(await page.getByRole('status').filter({ hasText: 'in place of' }).count()).toBe(0);
    });
  });

  it('checkpoints follow a document through a rename, copies start empty, title-keyed ones still show; a run stays with its document and asks before it is left', async () => {
    await withTrainingSession(app, async ({ page }) => {
      await page.getByRole('button', { name: 'Open GAN on a 2-D mixture', exact: true }).click();
      await chooseBackend(page, /WASM/);
      await setSteps(page, 'tiny', 3);
      await dock(page).getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(async () => (await state(page)).checkpoints.some((c) => c.step === 3), { timeout: 300_000 }).toBe(true);
      await checkpointRows(page).first().waitFor();

      // Renamed: the same document, the same checkpoints.
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByLabel('Title').fill('My first GAN');
      await page.getByLabel('Title').press('Tab');
      await expect.poll(() => page.locator('.doc-title').textContent()).toBe('My first GAN');
      await page.waitForTimeout(500);
      expect((await state(page)).checkpoints.length).toBeGreaterThan(0);
      await expect.poll(() => checkpointRows(page).count()).toBeGreaterThan(0);

      // The template opened again is a new document: no checkpoints, an empty dock.
      await openTemplate(page, 'GAN on a 2-D mixture');
      await expect.poll(async () => (await state(page)).checkpoints.length).toBe(0);
      const fresh = await state(page);
      expect(fresh.status).toBe('idle');
      expect(fresh.points).toBe(0);
      await expect.poll(() => dock(page).getByText('None yet for this graph.').count()).toBe(1);

      // A checkpoint kept the old way (by template and title) still shows, moved to this document.
      const legacy = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('ganvas');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const get = <T,>(store: string, op: (s: IDBObjectStore) => IDBRequest<T>) =>
          new Promise<T>((resolve, reject) => {
            const r = op(db.transaction(store, 'readwrite').objectStore(store));
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
        const infos = await get<{ id: string; docKey: string; step: number }[]>('checkpoint-info', (s) => s.getAll());
        const data = await get<{ id: string }>('checkpoint-data', (s) => s.get(infos[0].id));
        const id = `old-${Date.now()}`;
        await get('checkpoint-info', (s) => s.put({ ...infos[0], id, docKey: 'gan-2d/GAN on a 2-D mixture', step: 2 }));
        await get('checkpoint-data', (s) => s.put({ ...data, id }));
        return id;
      });
      expect(legacy).toMatch(/^old-/);
      await openTemplate(page, 'GAN on a 2-D mixture');
      await expect.poll(async () => (await state(page)).checkpoints.map((c) => c.step)).toEqual([2]);
      await dock(page).getByRole('listitem', { name: 'Checkpoint at step 2' }).waitFor();

      // Back to the renamed document (two undos: the two openings): its checkpoints come back.
      await undo(page);
      await undo(page);
      await expect.poll(() => page.locator('.doc-title').textContent()).toBe('My first GAN');
      await expect.poll(async () => (await state(page)).checkpoints.some((c) => c.step === 3)).toBe(true);

      // A running training asks before another document opens; "Keep training" keeps everything.
      await setSteps(page, 'tiny', 100_000);
      await dock(page).getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(async () => (await state(page)).status, { timeout: 120_000 }).toBe('running');
      await expect.poll(async () => (await state(page)).points, { timeout: 120_000 }).toBeGreaterThan(2);
      await openTemplate(page, 'Image completion (inpainting)');
      const ask = page.getByRole('alertdialog', { name: 'Training is running' });
      await ask.waitFor();
      expect(await ask.textContent()).toContain('its last state is kept as a checkpoint');
      await ask.getByRole('button', { name: 'Keep training' }).click();
      expect((await state(page)).status).toBe('running');
      expect(await page.locator('.doc-title').textContent()).toBe('My first GAN');

      // "Stop and open": the new document's dock is empty — no old curves, samples or status.
      await openTemplate(page, 'Image completion (inpainting)');
      await ask.getByRole('button', { name: /^Stop and open/ }).click();
      await expect.poll(() => page.locator('.doc-title').textContent()).toBe('Image completion (inpainting)');
      await expect.poll(async () => (await state(page)).status).toBe('idle');
      const left = await state(page);
      expect(left.points).toBe(0);
      expect(left.checkpoints).toEqual([]);
      expect(await dock(page).locator('canvas.samples-canvas').count()).toBe(0);
      expect(await dock(page).getByText('Finished').count()).toBe(0);
      await page.screenshot({ path: artifactPath('e2e', 'newcomer', 'left-run.png') });

      // The run left behind kept its last state as a checkpoint of its own document.
      await undo(page);
      await expect.poll(() => page.locator('.doc-title').textContent()).toBe('My first GAN');
      await expect.poll(async () => Math.max(...(await state(page)).checkpoints.map((c) => c.step)), { timeout: 60_000 }).toBeGreaterThan(3);
    });
  });

  it('opens a big template whole and readable at 1440×900: compact nodes with titles at 11 px or more', async () => {
    await withTrainingSession(
      app,
      async ({ page }) => {
        await page.getByRole('button', { name: 'Open InfoGAN on MNIST', exact: true }).click();
        await node(page, 'Generator ‹G›').waitFor();
        await page.waitForTimeout(800);
        const sizes = await page.evaluate(() => {
          const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
          const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
          const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
          const titles = [...document.querySelectorAll('.gnode-title')].map((el) => {
            const r = el.getBoundingClientRect();
            return { px: parseFloat(getComputedStyle(el).fontSize) * zoom, visible: r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom };
          });
          return { zoom, titles };
        });
        console.info(`InfoGAN opens at zoom ${sizes.zoom.toFixed(3)}; titles ${sizes.titles[0].px.toFixed(1)} px; ${sizes.titles.filter((t) => t.visible).length}/${sizes.titles.length} in view`);
        for (const t of sizes.titles) expect(t.px).toBeGreaterThanOrEqual(11);
        // Compact nodes below the readable zoom: the whole graph is in view.
        expect(sizes.titles.filter((t) => t.visible).length).toBe(sizes.titles.length);
        // The data comes in on the left: its node is in view.
        const data = (await node(page, 'Dataset ‹MNIST›').boundingBox().catch(() => null)) ?? (await page.locator('.react-flow__node-graph').first().boundingBox());
        const pane = (await page.locator('.react-flow__pane').boundingBox())!;
        expect(data!.x).toBeGreaterThanOrEqual(pane.x);
        await page.screenshot({ path: picture('infogan-opening-view.png') });
      },
      { viewport: { width: 1440, height: 900 } },
    );
  });
});
