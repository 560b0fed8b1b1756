/** Shared by the lesson-view tests: open a template, train it a few tiny steps, wait for its checkpoint. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { withPage, type App, type OpenOptions, type Session } from './harness';

export const trainingState = (page: Page) => page.evaluate(() => window.__ganvasTest!.state());

export async function trainTiny(page: Page, title: string, steps: number): Promise<void> {
  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
  await page.getByLabel('tiny steps').fill(String(steps));
  await page.getByRole('tab', { name: 'Lesson' }).click();
  // Lessons are about the figures, not the backend: WASM keeps these runs short (WebGPU is covered
  // by the training tests; here it would run on a software adapter).
  await page.getByRole('button', { name: 'Backend' }).click();
  await page.getByRole('menuitemradio', { name: /WASM/ }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).first().click();
  await expect.poll(async () => (await trainingState(page)).status, { timeout: 180_000 }).toBe('done');
  await expect.poll(async () => (await trainingState(page)).checkpoints.some((c) => c.step === steps), { timeout: 240_000 }).toBe(true);
  // The dock's samples show the last step, not the one before it (a sample in flight at the end).
  const samples = page.locator('canvas.samples-canvas');
  if (await samples.count()) await expect.poll(() => samples.first().getAttribute('data-step'), { timeout: 60_000 }).toBe(String(steps));
}

/** A page with the test hooks ready; on failure, the training state and a screenshot are kept. */
export function withTrainingSession(app: App, body: (s: Session) => Promise<void>, options: OpenOptions = {}): Promise<void> {
  return withPage(app, body, options);
}

/** A figure's raw value in a lesson view, waiting up to `timeout` ms for the view to compute it. */
async function lessonFigure(page: Page, view: string, key: string, timeout: number): Promise<unknown> {
  const el = page.locator(`[data-lesson-view="${view}"] [data-figure="${key}"]`).first();
  await el.waitFor({ state: 'attached', timeout });
  return JSON.parse((await el.getAttribute('data-value')) ?? 'null');
}

/**
 * The view's Compute (where it has one) computes its figures again: busy while the worker
 * computes, then `key` is a number again and no error is shown.
 */
export async function expectComputesAgain(page: Page, view: string, key: string): Promise<void> {
  const figures = page.locator(`[data-lesson-view="${view}"]`).getByRole('region', { name: 'Lesson figures' });
  if (!(await figures.count())) return;
  await figures.getByRole('button', { name: /^Compute/ }).click();
  await expect.poll(() => figures.getAttribute('aria-busy'), { timeout: 900_000 }).toBe('false');
  expect(typeof (await lessonFigure(page, view, key, 60_000)), `${view}: ${key} after Compute`).toBe('number');
  expect(await figures.getByRole('alert').count()).toBe(0);
}
