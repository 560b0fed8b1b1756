/**
 * Your own images: chosen in a custom Dataset's inspector, decoded on the page, listed with the
 * files skipped, kept when a later set is refused, and trained on in the worker.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/data/png';
import { openPage, startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

function png(seed: number): Buffer {
  const rgba = new Uint8Array(40 * 30 * 4).map((_, k) => (k % 4 === 3 ? 255 : (k * seed) % 251));
  return Buffer.from(encodePng(40, 30, rgba));
}

async function step(page: Page): Promise<number> {
  return page.evaluate(() => window.__ganvasTest!.state().step);
}

describe('your own images', () => {
  it('are chosen in the inspector, refused sets keep them, and the worker trains on them', async () => {
    const session = await openPage(app);
    const { page } = session;
    try {
      await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
      await page.getByRole('button', { name: 'Open Image completion (inpainting)', exact: true }).click();
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
      await page.getByLabel('tiny steps').fill('2');

      // The faces become your own images (the custom set's default size is the template's 32×32×3).
      await page.locator('.react-flow__node').filter({ hasText: 'faces' }).first().click();
      await page.getByRole('tab', { name: 'Inspect' }).click();
      await page.getByLabel('name', { exact: true }).selectOption('custom');
      const picker = page.getByRole('region', { name: 'Your images' });
      await expect.poll(() => picker.isVisible()).toBe(true);

      await picker.getByLabel('Choose images').setInputFiles([
        { name: 'a.png', mimeType: 'image/png', buffer: png(3) },
        { name: 'b.png', mimeType: 'image/png', buffer: png(7) },
        { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
      ]);
      await expect.poll(() => picker.getByRole('status').textContent()).toMatch(/2 images.*skipped 1 file: notes\.txt/);

      await picker.getByLabel('Choose images').setInputFiles([{ name: 'only.txt', mimeType: 'text/plain', buffer: Buffer.from('x') }]);
      await expect.poll(() => picker.getByRole('alert').textContent()).toMatch(/the images you had stay in use/);

      await page.getByRole('button', { name: 'Backend' }).click();
      await page.getByRole('menuitemradio', { name: /WASM/ }).click();
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      await expect.poll(() => step(page), { timeout: 120_000, interval: 500 }).toBeGreaterThanOrEqual(2);
      const state = await page.evaluate(() => window.__ganvasTest!.state());
      expect(state.backend).toBe('wasm');
      expect(state.message?.tone ?? 'none').not.toBe('error');
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
