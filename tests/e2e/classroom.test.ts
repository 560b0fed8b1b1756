/**
 * For the classroom and the lab, in the browser: a pinned look inside InfoGAN's generator output
 * that changes with each Step; lecture mode opened from a shared link (panels hidden, InfoGAN's
 * two phases walked with the keyboard); two gan-2d runs with different learning rates overlaid,
 * their graph diff naming the changed param; 中文 and back with every visible string changed.
 * Tiny sizes and few steps (SwiftShader on a busy machine): bounded by steps, not the clock.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, ROOT, startApp, withPage, type App, type Session } from './harness';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** A screenshot under test-results/, copied to docs/classroom/ when GANVAS_DOCS=1. */
async function shot(page: Page, name: string): Promise<void> {
  const path = artifactPath('e2e', 'classroom', name);
  await page.screenshot({ path });
  if (process.env.GANVAS_DOCS === '1') {
    mkdirSync(join(ROOT, 'docs', 'classroom'), { recursive: true });
    copyFileSync(path, join(ROOT, 'docs', 'classroom', name));
  }
}

const withSession = (body: (s: Session) => Promise<void>) => withPage(app, body, { viewport: { width: 1440, height: 900 }, folder: 'classroom' });

type HookState = ReturnType<NonNullable<Window['__ganvasTest']>['state']>;
const state = (page: Page): Promise<HookState> => page.evaluate(() => window.__ganvasTest!.state());

async function waitFor(page: Page, what: string, test: (s: HookState) => boolean, timeout = 300_000): Promise<HookState> {
  const started = Date.now();
  for (;;) {
    const s = await state(page);
    if (test(s)) return s;
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(s)}`);
    await page.waitForTimeout(250);
  }
}

async function openTemplate(page: Page, title: string, steps?: number): Promise<void> {
  const gallery = page.getByRole('dialog', { name: 'Start from a template' });
  if (!(await gallery.isVisible())) await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
  if (steps) {
    await page.getByLabel('tiny steps').fill(String(steps));
    await page.getByLabel('tiny steps').press('Enter');
  }
}

const controls = (page: Page) => page.getByRole('group', { name: 'Training controls' });

/** Pixels of a canvas as a compact fingerprint: its data URL. */
const canvasData = (page: Page, name: RegExp) => page.getByRole('img', { name }).evaluate((c) => (c as HTMLCanvasElement).toDataURL());

describe('for the classroom and the lab', () => {
  it('a pinned preview on InfoGAN’s G output shows a grid that changes after a Step, with the gradient each phase sends back', async () => {
    await withSession(async ({ page }) => {
      await openTemplate(page, 'InfoGAN on MNIST');
      await page.getByLabel('Generator ‹G›', { exact: true }).first().click();
      await page.getByRole('button', { name: 'Pin out', exact: true }).click();
      const card = page.getByRole('region', { name: 'Pinned wires' }).getByRole('region', { name: 'Inside ‹G› out' });
      await expect.poll(() => card.textContent()).toContain('Press Step or Train');

      await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
      await card.getByRole('img', { name: /Images on G\.out at step 1/ }).waitFor({ timeout: 300_000 });
      const first = await canvasData(page, /Images on G\.out at step 1/);
      const gradients = card.getByRole('list', { name: 'Gradients flowing back along this wire' }).getByRole('listitem');
      expect(await gradients.allTextContents()).toEqual([expect.stringMatching(/^D and Q step ‖∂L\/∂x‖ = \d/), expect.stringMatching(/^G step ‖∂L\/∂x‖ = \d/)]);
      await shot(page, 'wire-preview-step1.png');

      await waitFor(page, 'the step to end', (s) => s.status === 'paused');
      await controls(page).getByRole('button', { name: 'Step', exact: true }).click();
      await card.getByRole('img', { name: /Images on G\.out at step 2/ }).waitFor({ timeout: 300_000 });
      const second = await canvasData(page, /Images on G\.out at step 2/);
      expect(second).not.toBe(first);

      // A quick look: hovering an output port shows its card; the shared trunk's features are a PCA scatter by c1.
      const handle = page.getByLabel('output features of Discriminator ‹D (fake)›', { exact: true });
      await handle.hover();
      const hover = page.getByRole('region', { name: 'Inside ‹D (fake)› features' });
      await hover.getByRole('img', { name: /Scatter of D_fake\.features at step 2/ }).waitFor({ timeout: 120_000 });
      expect(await hover.textContent()).toContain('coloured by c1.c');
      await shot(page, 'wire-preview-step2-hover.png');
    });
  });

  it('lecture mode from a shared link hides what it says and steps through InfoGAN’s two phases with the keyboard', async () => {
    await withSession(async (session) => {
      const { page } = session;
      await openTemplate(page, 'InfoGAN on MNIST');
      await page.getByRole('button', { name: 'Lecture', exact: true }).click();
      const setup = page.getByRole('dialog', { name: 'Lecture mode' });
      await setup.getByLabel('training dock').check();
      await setup.getByLabel('notes').check();
      const link = await setup.getByLabel('Lecture link').inputValue();
      expect(link).toMatch(/#doc=[\w-]+&lecture=1&palette_hide=true&inspector_hide=true&dock_hide=true&minimap_hide=true&notes_hide=true&lang=en$/);
      await setup.getByRole('button', { name: 'Close lecture setup' }).click();

      const lecture = await session.newPage(link.slice(link.indexOf('#')));
      await lecture.getByLabel('Lecture', { exact: true }).waitFor();
      for (const hidden of ['.palette', '.inspector', '.dock', '.react-flow__minimap']) expect(await lecture.locator(hidden).first().isVisible(), hidden).toBe(false);
      expect(await lecture.locator('.topbar').isVisible()).toBe(false);
      expect(await lecture.getByLabel('Generator ‹G›', { exact: true }).first().isVisible()).toBe(true);
      const card = lecture.getByRole('region', { name: 'Phase walk-through' });
      expect(await card.textContent()).toContain('One iteration: 2 phases in turn');

      await lecture.keyboard.press('ArrowRight');
      await expect.poll(() => card.getAttribute('data-phase'), { timeout: 10_000 }).toBe('d');
      await expect.poll(() => card.getAttribute('aria-busy'), { timeout: 300_000 }).toBe('false');
      const formula = card.getByRole('table', { name: 'Loss of D and Q step' });
      const rows = await formula.getByRole('row').allTextContents();
      expect(rows[0]).toMatch(/^L =BCE\(D\(x\), 1\)\d/);
      expect(rows.at(-1)).toMatch(/total, as minimised\d/);
      expect(await lecture.locator('.react-flow__node[data-highlight-learning]').count()).toBeGreaterThan(0);
      await shot(lecture, 'lecture-phase-d.png');

      await lecture.keyboard.press(' ');
      await expect.poll(() => card.getAttribute('data-phase'), { timeout: 10_000 }).toBe('g');
      await expect.poll(() => card.getAttribute('aria-busy'), { timeout: 300_000 }).toBe('false');
      expect(await card.getByRole('table', { name: 'Loss of G step' }).getByRole('row').first().textContent()).toMatch(/^L =BCE\(D\(G\(z ⊕ c1 ⊕ c23\)\), 1\)\d/);
      await expect.poll(() => lecture.getByLabel('Lecture', { exact: true }).textContent(), { timeout: 30_000 }).toContain('step 1');
      await lecture.keyboard.press('ArrowLeft');
      await expect.poll(() => card.getAttribute('data-phase')).toBe('d');
      await shot(lecture, 'lecture-phase-g.png');
      await lecture.keyboard.press('Escape');
      await lecture.locator('.topbar').waitFor();
    });
  });

  it('two gan-2d runs with different learning rates overlay, and their graph diff names the changed param', async () => {
    await withSession(async ({ page }) => {
      await openTemplate(page, 'GAN on a 2-D mixture', 6);
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      await waitFor(page, 'the first run to finish', (s) => s.status === 'done' && s.step === 6);
      await page.getByRole('tab', { name: 'Schedule' }).click();
      const rate = page.getByRole('group', { name: 'Phase 1: D step' }).getByLabel('Learning rate');
      await rate.fill('0.0005');
      await rate.press('Enter');
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      await waitFor(page, 'the second run to start', (s) => s.status === 'running' || s.step < 6);
      await waitFor(page, 'the second run to finish', (s) => s.status === 'done' && s.step === 6);

      await page.getByRole('button', { name: 'Runs', exact: true }).click();
      const panel = page.getByRole('dialog', { name: /Runs of/ });
      const list = panel.getByRole('table', { name: 'Kept runs' });
      await expect.poll(() => list.getByRole('checkbox').count(), { timeout: 30_000 }).toBe(2);
      expect(await list.textContent()).toContain('d: 0.0005');
      for (const box of await list.getByRole('checkbox').all()) await box.check();
      const chart = panel.getByRole('img', { name: /of 2 runs over the steps/ });
      await chart.waitFor();
      expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
      const diff = panel.getByRole('region', { name: /What changed from/ });
      expect((await diff.textContent())?.replace(/\s+/g, ' ')).toContain('changed phase “D step” optimizer.lr: 0.001 → 0.0005');
      await shot(page, 'runs-side-by-side.png');
    });
  });
});
