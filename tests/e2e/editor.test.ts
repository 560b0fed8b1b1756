/**
 * The editor in a real browser, driven the way a person would: by roles, labels and visible text.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentSchema } from '../../src/graph/document';
import { loadDocumentText, serializeDocument } from '../../src/graph/load';
import { artifactPath, connect, downloadOf, dragBetween, dropFile, openDocumentFile, ROOT, saveDocument, startApp, withPage, type App, type OpenOptions, type Session } from './harness';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Runs a test body in a fresh browser profile and checks that the page logged no errors. */
const withSession = (body: (s: Session) => Promise<void>, options: OpenOptions = {}) => withPage(app, body, { ...options, hooks: false });

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const handle = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const pane = (page: Page) => page.locator('.react-flow__pane');
const problemsPill = (page: Page) => page.getByRole('button', { name: /^Problems:/ });

async function startEmpty(page: Page): Promise<void> {
  await page.getByRole('dialog', { name: 'Start from a template' }).waitFor();
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByRole('dialog', { name: 'Start from a template' }).waitFor({ state: 'detached' });
  // The empty graph is drawn (a file dropped before lands on the canvas that goes away).
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
}

/** Drags a palette entry onto the canvas, its top-left corner at (x, y) within the canvas. */
async function placeFromPalette(page: Page, title: string, x: number, y: number): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${title}:`) }).dragTo(pane(page), { targetPosition: { x, y } });
}

async function select(page: Page, name: string): Promise<void> {
  await node(page, name).locator('.gnode-head').click();
}

/** Clicks empty canvas so keyboard shortcuts go to the editor, not a field. */
async function focusCanvas(page: Page): Promise<void> {
  const box = (await pane(page).boundingBox())!;
  await page.mouse.click(box.x + box.width - 30, box.y + 40);
}

function normalised(text: string) {
  const result = loadDocumentText(text);
  if (!result.ok) throw new Error(result.error);
  return DocumentSchema.parse(result.document);
}

describe('editor', () => {
  it('builds the 2-D GAN from the palette, saves it, and opens the file again after a reload', async () => {
    await withSession(async ({ page }) => {
      await startEmpty(page);
      await page.getByRole('button', { name: 'Zoom Out' }).click();
      await page.getByRole('button', { name: 'Zoom Out' }).click();

      const col = [20, 180, 340, 500];
      const row = [110, 250, 390];
      await placeFromPalette(page, 'Dataset', col[0], row[0]);
      // Double-click on empty canvas opens the search; Enter places the best match there.
      await pane(page).dblclick({ position: { x: col[0], y: row[2] } });
      await page.getByRole('dialog', { name: 'Add a node' }).getByLabel('Node to add').fill('noise');
      await page.keyboard.press('Enter');
      await placeFromPalette(page, 'Generator', col[1], row[2]);
      await placeFromPalette(page, 'Discriminator', col[2], row[0]);
      await placeFromPalette(page, 'Discriminator', col[2], row[2]);
      for (const name of ['Dataset ‹dataset1›', 'Noise ‹noise1›', 'Generator ‹generator1›', 'Discriminator ‹discriminator1›', 'Discriminator ‹discriminator2›']) {
        await node(page, name).waitFor();
      }

      // A wire dropped on empty canvas offers only the kinds that can take it, and connects the pick.
      const paneBox = (await pane(page).boundingBox())!;
      await dragBetween(page, handle(page, 'output out of Discriminator ‹discriminator1›'), {
        boundingBox: async () => ({ x: paneBox.x + col[3], y: paneBox.y + row[0], width: 0, height: 0 }),
      });
      const quickAdd = page.getByRole('dialog', { name: 'Add a node' });
      await quickAdd.waitFor();
      const offered = await quickAdd.getByRole('option').allTextContents();
      expect(offered.some((o) => o.startsWith('Adversarial loss'))).toBe(true);
      expect(offered.some((o) => o.startsWith('Generator'))).toBe(false);
      await quickAdd.getByLabel('Node to add').fill('adversarial');
      await page.keyboard.press('Enter');
      await node(page, 'Adversarial loss ‹adversarialLoss1›').waitFor();

      await placeFromPalette(page, 'Adversarial loss', col[3], row[1]);
      await placeFromPalette(page, 'Adversarial loss', col[3], row[2]);

      await select(page, 'Dataset ‹dataset1›');
      await page.getByLabel('name', { exact: true }).selectOption('ring8');
      await select(page, 'Adversarial loss ‹adversarialLoss2›');
      await page.getByLabel('target', { exact: true }).selectOption('fake');

      await page.getByRole('button', { name: 'Fit View' }).click();
      await connect(page, 'output x of Dataset ‹dataset1›', 'input x of Discriminator ‹discriminator1›');
      await connect(page, 'output z of Noise ‹noise1›', 'input x of Generator ‹generator1›');
      await connect(page, 'output out of Generator ‹generator1›', 'input x of Discriminator ‹discriminator2›');
      await connect(page, 'output weights of Discriminator ‹discriminator1›', 'input shares of Discriminator ‹discriminator2›');
      await connect(page, 'output out of Discriminator ‹discriminator2›', 'input logits of Adversarial loss ‹adversarialLoss2›');
      await connect(page, 'output out of Discriminator ‹discriminator2›', 'input logits of Adversarial loss ‹adversarialLoss3›');
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(7);
      await expect.poll(() => page.locator('.shape-edge.is-shares').count()).toBe(1);

      // Two phases: D learns from the real and fake verdicts, G from its own.
      await page.getByRole('tab', { name: /Schedule/ }).click();
      await page.getByRole('button', { name: '+ Add phase' }).click();
      const d = page.getByRole('group', { name: /^Phase 1:/ });
      await d.getByLabel('Phase name').fill('D step');
      await d.getByRole('checkbox', { name: 'Adversarial loss ‹adversarialLoss1›' }).check();
      await d.getByRole('checkbox', { name: 'Adversarial loss ‹adversarialLoss2›' }).check();
      await d.getByRole('checkbox', { name: 'Discriminator ‹discriminator1›' }).check();
      await page.getByRole('button', { name: '+ Add phase' }).click();
      const g = page.getByRole('group', { name: /^Phase 2:/ });
      await g.getByLabel('Phase name').fill('G step');
      await g.getByRole('checkbox', { name: 'Adversarial loss ‹adversarialLoss3›' }).check();
      await g.getByRole('checkbox', { name: 'Generator ‹generator1›' }).check();

      await expect.poll(() => problemsPill(page).getAttribute('aria-label')).toBe('Problems: 0 errors, 0 warnings');
      await expect(problemsPill(page).textContent()).resolves.toContain('No problems');
      await page.getByRole('tab', { name: 'Inspect' }).click();
      await page.screenshot({ path: artifactPath('e2e', 'journey-built.png') });

      await focusCanvas(page);
      const saved = await saveDocument(page);
      const doc = normalised(saved.text);
      expect(doc.nodes.map((n) => n.kind).sort()).toEqual(['AdversarialLoss', 'AdversarialLoss', 'AdversarialLoss', 'Dataset', 'Discriminator', 'Discriminator', 'Generator', 'Noise']);
      expect(doc.edges).toHaveLength(7);
      expect(doc.phases.map((p) => [p.name, p.terms.map((t) => t.loss), p.updates])).toEqual([
        ['D step', ['adversarialLoss1', 'adversarialLoss2'], ['discriminator1']],
        ['G step', ['adversarialLoss3'], ['generator1']],
      ]);

      // The autosave brings the graph back after a reload.
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]');
      await node(page, 'Generator ‹generator1›').waitFor();
      await expect(problemsPill(page).getAttribute('aria-label')).resolves.toBe('Problems: 0 errors, 0 warnings');

      // Start over, then open the saved file: the same document comes back.
      await page.getByRole('button', { name: 'Templates' }).click();
      await startEmpty(page);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
      await openDocumentFile(page, saved.path);
      await node(page, 'Generator ‹generator1›').waitFor();
      await focusCanvas(page);
      const again = await saveDocument(page);
      expect(normalised(again.text)).toEqual(doc);
      expect(again.text).toBe(saved.text);
    });
  });

  it('refuses labels going into an image port, and says why', async () => {
    await withSession(async ({ page }) => {
      await startEmpty(page);
      await placeFromPalette(page, 'Dataset', 30, 120);
      await placeFromPalette(page, 'Degrade', 380, 120);
      const from = handle(page, 'output label of Dataset ‹dataset1›');
      const to = handle(page, 'input x of Degrade ‹degrade1›');

      // While a wire is dragged, only the ports that can take it light up.
      await dragBetween(page, handle(page, 'output x of Dataset ‹dataset1›'), to, { release: false });
      expect(await to.getAttribute('class')).toContain('is-valid');
      await page.mouse.up();
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
      await focusCanvas(page);
      await page.keyboard.press('Control+z');
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0);

      await dragBetween(page, from, to, { release: false });
      expect(await to.getAttribute('class')).toContain('is-dim');
      const hint = page.locator('.wire-hint');
      await expect.poll(() => hint.textContent()).toContain('expects an image but gets labels of 10');
      await page.mouse.up();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toBe('Degrade ‹degrade1›: input x expects an image but gets labels of 10');
      await page.screenshot({ path: artifactPath('e2e', 'refused-connection.png') });
      expect(await page.locator('.react-flow__edge').count()).toBe(0);

      // A bad file is refused with its reason, and the graph stays.
      const bad = artifactPath('e2e', 'not-a-graph.json');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(bad, JSON.stringify({ format: 'ganvas', version: 1, meta: { title: 'x' }, nodes: 'oops' }));
      await focusCanvas(page);
      await openDocumentFile(page, bad);
      await expect.poll(() => alert.textContent()).toContain('Not opened: “not-a-graph.json”: nodes');
      await expect(alert.textContent()).resolves.toContain('The current graph is unchanged');
      expect(await page.locator('.react-flow__node').count()).toBe(2);
    });
  });

  it('undoes five edits back to the exact document, and redoes them', async () => {
    await withSession(async ({ page }) => {
      await page.getByRole('button', { name: 'Open GAN on a 2-D mixture' }).click();
      await node(page, 'Generator ‹G›').waitFor();
      await focusCanvas(page);
      const before = await saveDocument(page);

      // 1. Drag a node (one step, however many mouse moves).
      const g = node(page, 'Generator ‹G›').locator('.gnode-head');
      const box = (await g.boundingBox())!;
      await page.mouse.move(box.x + 20, box.y + 8);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 6, box.y + 8 + i * 4);
      await page.mouse.up();
      // 2. Change a param.
      await select(page, 'Noise ‹z›');
      await page.getByLabel('dimension', { exact: true }).fill('16');
      // 3. Delete a node (its edge and its place in the schedule go with it).
      await select(page, 'Adversarial loss ‹G: fake → 1›');
      await focusCanvasKeepingSelection(page);
      await page.keyboard.press('Delete');
      // 4. Add a node from the palette.
      await placeFromPalette(page, 'Stop gradient', 40, 60);
      // 5. Rename the document.
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByLabel('Title', { exact: true }).fill('My GAN');

      await focusCanvas(page);
      const after = await saveDocument(page);
      expect(after.text).not.toBe(before.text);
      const edited = normalised(after.text);
      expect(edited.meta.title).toBe('My GAN');
      expect(edited.nodes.find((n) => n.id === 'z')?.params.dim).toBe(16);
      expect(edited.nodes.some((n) => n.id === 'L_G')).toBe(false);
      expect(edited.nodes.some((n) => n.kind === 'StopGradient')).toBe(true);

      for (let i = 0; i < 5; i++) await page.keyboard.press('Control+z');
      const undone = await saveDocument(page);
      expect(undone.text).toBe(before.text);
      // What is left to undo is opening the template itself.
      expect(await page.getByRole('button', { name: 'Undo' }).getAttribute('title')).toMatch(/^Undo Open “GAN on a 2-D mixture”/);

      for (let i = 0; i < 5; i++) await page.keyboard.press('Control+Shift+z');
      const redone = await saveDocument(page);
      expect(redone.text).toBe(after.text);
    });
  });

  it('shares a template as a link that opens the same document', async () => {
    const template = readFileSync(`${ROOT}/templates/infogan.json`, 'utf8');
    // The opened template is a document of its own (a fresh id); the link carries that id along.
    const withoutId = (text: string) => {
      const doc = JSON.parse(text) as { meta: { id?: string } };
      const id = doc.meta.id;
      delete doc.meta.id;
      return { id, text: serializeDocument(normalised(JSON.stringify(doc))) };
    };
    const expected = serializeDocument(normalised(template));
    let link = '';
    let sharedId: string | undefined;
    await withSession(async ({ page }) => {
      await page.getByRole('button', { name: 'Open InfoGAN on MNIST' }).click();
      await focusCanvas(page);
      sharedId = withoutId((await saveDocument(page)).text).id;
      expect(sharedId).toMatch(/^[A-Za-z0-9_-]+$/);
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      link = await page.getByLabel('Share link').inputValue();
      expect(link).toMatch(/#doc=[A-Za-z0-9_-]+$/);
    });
    const hash = link.slice(link.indexOf('#'));
    await withSession(
      async ({ page }) => {
        await node(page, 'Generator ‹G›').waitFor();
        expect(page.url()).not.toContain('#doc=');
        await expect(page.getByRole('tabpanel').textContent()).resolves.toContain('InfoGAN');
        await focusCanvas(page);
        const saved = withoutId((await saveDocument(page)).text);
        expect(saved.text).toBe(expected);
        expect(saved.id).toBe(sharedId);
      },
      { path: `/${hash}` },
    );
  });

  it('exports a PNG diagram that opens back as the graph', async () => {
    await withSession(async ({ page }) => {
      await page.getByRole('button', { name: 'Open DANN: MNIST → MNIST-M (gradient reversal)', exact: true }).click();
      await node(page, 'Gradient reversal ‹GRL›').first().waitFor();
      await focusCanvas(page);
      const original = await saveDocument(page);
      await page.getByRole('button', { name: 'Export ▾' }).click();
      const png = await downloadOf(page, () => page.getByRole('menuitem', { name: /Diagram as PNG/ }).click());
      expect(readFileSync(png.path).subarray(1, 4).toString()).toBe('PNG');
      await page.getByRole('button', { name: 'Export ▾' }).click();
      const svg = await downloadOf(page, () => page.getByRole('menuitem', { name: 'Diagram as SVG' }).click());
      expect(svg.text).toContain('<svg');
      expect(svg.text).toContain('gradient reversed');
      expect(svg.text).not.toContain('react-flow');

      // Dropping the picture on the page opens the graph it carries; so does opening it.
      await page.getByRole('button', { name: 'Templates' }).click();
      await startEmpty(page);
      await dropFile(page, png.path, 'image/png');
      await node(page, 'Gradient reversal ‹GRL›').first().waitFor();
      await focusCanvas(page);
      expect((await saveDocument(page)).text).toBe(original.text);

      await page.getByRole('button', { name: 'Templates' }).click();
      await startEmpty(page);
      await openDocumentFile(page, png.path);
      await node(page, 'Gradient reversal ‹GRL›').first().waitFor();
      await focusCanvas(page);
      const reopened = await saveDocument(page);
      expect(reopened.text).toBe(original.text);
    });
  });
});

/** Moves keyboard focus to the canvas wrapper without clicking anything that changes the selection. */
async function focusCanvasKeepingSelection(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

export type { Locator };
