/**
 * Every template opens from the gallery with no error diagnostics, and so does every variant;
 * a screenshot of each is kept under test-results/e2e/templates/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentText } from '../../src/graph/load';
import { artifactPath, openPage, ROOT, startApp, type App, type Session } from './harness';

const TEMPLATES = readdirSync(join(ROOT, 'templates'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const result = loadDocumentText(readFileSync(join(ROOT, 'templates', file), 'utf8'), file);
    if (!result.ok) throw new Error(result.error);
    return { id: file.replace(/\.json$/, ''), doc: result.document };
  });

let app: App;
let session: Session;

beforeAll(async () => {
  app = await startApp();
  session = await openPage(app);
});

afterAll(async () => {
  await session?.close();
  await app?.close();
});

async function openFromGallery(page: Page, buttonName: string): Promise<void> {
  const gallery = page.getByRole('dialog', { name: 'Start from a template' });
  if (!(await gallery.isVisible())) await page.getByRole('button', { name: 'Templates', exact: true }).click();
  await gallery.getByRole('button', { name: buttonName, exact: true }).click();
  await gallery.waitFor({ state: 'detached' });
}

async function errorCount(page: Page): Promise<number> {
  const label = (await page.getByRole('button', { name: /^Problems:/ }).getAttribute('aria-label')) ?? '';
  const m = /(\d+) errors/.exec(label);
  if (!m) throw new Error(`no problem count in "${label}"`);
  return Number(m[1]);
}

/** Waits until the canvas shows `n` graph nodes, all measured and in view. */
async function waitForGraph(page: Page, n: number): Promise<void> {
  await expect.poll(() => page.locator('.react-flow__node-graph').count()).toBe(n);
  await page.waitForFunction(() => {
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement | null;
    return !!viewport && [...document.querySelectorAll('.react-flow__node-graph')].every((el) => (el as HTMLElement).style.visibility !== 'hidden');
  });
  await page.waitForTimeout(150);
}

describe('template gallery', () => {
  it('lists all eleven templates with a picture and a line about each', async () => {
    const { page } = session;
    const gallery = page.getByRole('dialog', { name: 'Start from a template' });
    await gallery.waitFor();
    expect(TEMPLATES).toHaveLength(11);
    for (const { doc } of TEMPLATES) {
      const card = gallery.getByRole('article', { name: doc.meta.title, exact: true });
      await expect(card.getByRole('img').count()).resolves.toBe(1);
      await expect(card.textContent()).resolves.toContain(doc.meta.description);
    }
    await page.screenshot({ path: artifactPath('e2e', 'templates', '00-gallery.png') });
  });

  for (const { id, doc } of TEMPLATES) {
    it(`opens ${id} with zero errors`, async () => {
      const { page } = session;
      await openFromGallery(page, `Open ${doc.meta.title}`);
      await waitForGraph(page, doc.nodes.length);
      expect(await errorCount(page)).toBe(0);
      // The lesson is in the side panel.
      if (doc.meta.lesson) await expect(page.getByRole('tabpanel').textContent()).resolves.toContain(doc.meta.title);
      await page.screenshot({ path: artifactPath('e2e', 'templates', `${id}.png`) });

      for (const variant of doc.variants) {
        await openFromGallery(page, `Open ${doc.meta.title}: ${variant.title}`);
        await expect.poll(() => page.locator('.doc-title').textContent()).toBe(`${doc.meta.title} — ${variant.title}`);
        await page.waitForTimeout(100);
        expect(await errorCount(page), `${id}: ${variant.title}`).toBe(0);
        await page.screenshot({ path: artifactPath('e2e', 'templates', `${id}--${variant.id}.png`) });
      }
    });
  }

  it('looks right in the dark theme too', async () => {
    const { page } = session;
    await openFromGallery(page, `Open ${TEMPLATES.find((t) => t.id === 'vae-gan')!.doc.meta.title}`);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.locator('.react-flow__node-graph').first().click();
    await page.screenshot({ path: artifactPath('e2e', 'templates', 'zz-dark-vae-gan.png') });
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(session.errors).toEqual([]);
  });
});
