/**
 * The graph features good recipes need, set the way a person would — in the inspector, the layer
 * stack and the schedule — on the Triple-GAN template: label smoothing, hard pseudo-labels with
 * their confidence as per-example weights, a weight average, a scaled tanh, spectral norm, instance
 * noise, an R1 penalty, a BatchNorm mode, a term schedule and gradient clipping. The saved file holds them all, the checker
 * has no error, and the graph trains with them in the worker.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentText } from '../../src/graph/load';
import { artifactPath, connect, saveDocument, startApp, withPage, type App, type Session } from './harness';

let app: App;
const report: string[] = [];

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  if (report.length) console.log(report.join('\n'));
  await app?.close();
});

const withSession = (body: (s: Session) => Promise<void>) => withPage(app, body);

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const handle = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const select = (page: Page, name: string) => node(page, name).locator('.gnode-head').click();
const inspector = (page: Page) => page.locator('.node-inspector');
const problemsPill = (page: Page) => page.getByRole('button', { name: /^Problems:/ });
const state = (page: Page) => page.evaluate(() => window.__ganvasTest!.state());

const SMOOTHED = 'Adversarial loss ‹labelled → 1›';
const PAIR_U = 'Pair ‹(x_u, C(x_u))›';
const LOSS_U = 'Adversarial loss ‹D: (x_u, C(x_u))›';
const D = 'Discriminator ‹D (labelled pair)›';
const G = 'Generator ‹G›';
const CE_GEN = 'Cross-entropy ‹C: CE on (G(z,y), y)›';

describe('graph features in the editor', () => {
  it('sets each feature in the inspector and the schedule, saves it, and trains with it', async () => {
    await withSession(async ({ page }) => {
      await page.getByRole('button', { name: 'Open Triple-GAN on MNIST with 100 labels', exact: true }).click();
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
      await page.getByRole('tab', { name: 'Inspect' }).click();

      // Loss and node params, drawn from their declarations.
      await select(page, SMOOTHED);
      await inspector(page).getByLabel('label smoothing', { exact: true }).fill('0.1');
      // The template's pseudo-labels are hard: soft takes the confidence output away, hard brings it back.
      await select(page, PAIR_U);
      await inspector(page).getByLabel('labels', { exact: true }).selectOption('soft');
      await expect.poll(() => handle(page, `output confidence of ${PAIR_U}`).count()).toBe(0);
      await inspector(page).getByLabel('labels', { exact: true }).selectOption('hard');
      await select(page, G);
      await inspector(page).getByLabel('weight average', { exact: true }).fill('0.99');
      await inspector(page).getByRole('listitem', { name: 'Layer 12: Tanh' }).getByLabel('scale s', { exact: true }).fill('0.9');

      // D's layers (Flatten, then Dense …): spectral norm on its first Dense, and instance noise as a new first layer.
      await select(page, D);
      const stack = inspector(page).getByRole('region', { name: 'Layer stack' });
      await stack.getByRole('listitem', { name: 'Layer 2: Dense' }).getByRole('checkbox', { name: 'spectral norm' }).check();
      await stack.getByLabel('Layer type to add', { exact: true }).selectOption('gaussianNoise');
      await stack.getByRole('button', { name: 'Add layer' }).click();
      for (let i = 7; i > 1; i--) await stack.getByRole('button', { name: `Move layer ${i} up` }).click();
      const noise = stack.getByRole('listitem', { name: 'Layer 1: Gaussian noise' });
      await noise.getByLabel('σ', { exact: true }).fill('0.2');
      await noise.getByLabel('anneal', { exact: true }).selectOption('linear');

      // Hard labels give a confidence output; it weights the fake-pair loss per example.
      await page.getByRole('button', { name: 'Fit View' }).click();
      await connect(page, `output confidence of ${PAIR_U}`, `input weights of ${LOSS_U}`);

      // An R1 penalty on D's scores of the labelled pairs.
      // Dropped below the fitted graph, where it covers no node whose handle the drag must grab.
      await page.getByRole('button', { name: /^R1 penalty:/ }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 120, y: 560 } });
      await node(page, 'R1 penalty ‹r1Penalty1›').waitFor();
      await page.getByRole('button', { name: 'Fit View' }).click();
      await connect(page, `output out of ${D}`, 'input logits of R1 penalty ‹r1Penalty1›');
      await select(page, 'R1 penalty ‹r1Penalty1›');
      await inspector(page).getByLabel('γ', { exact: true }).fill('1');

      // The schedule: R1 and clipping in D's phase, a late generated-pair term and G's BatchNorm fixed in C's.
      await page.getByRole('tab', { name: /Schedule/ }).click();
      const dPhase = page.getByRole('group', { name: 'Phase 1: D step' });
      await dPhase.getByRole('checkbox', { name: 'R1 penalty ‹r1Penalty1›' }).check();
      await dPhase.getByLabel('Clip gradient norm', { exact: true }).fill('5');
      const cPhase = page.getByRole('group', { name: 'Phase 3: C step' });
      await cPhase.getByLabel(`Weight schedule of ${CE_GEN} in C step`, { exact: true }).selectOption('step');
      await cPhase.getByLabel(`Schedule unit of ${CE_GEN} in C step`, { exact: true }).selectOption('progress');
      await cPhase.getByLabel(`at of ${CE_GEN} in C step`, { exact: true }).fill('0.5');
      await cPhase.getByLabel(`BatchNorm of ${G} in C step`, { exact: true }).selectOption('moving');
      await cPhase.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath('e2e', 'features-schedule.png') });
      // The term's use shows its schedule in the loss's inspector too.
      await page.getByRole('tab', { name: 'Inspect' }).click();
      await select(page, CE_GEN);
      await expect.poll(() => inspector(page).textContent()).toContain('C step: ×1, ×0 until 50% of training, then ×1');

      await expect.poll(() => problemsPill(page).getAttribute('aria-label')).toMatch(/^Problems: 0 errors/);
      await page.screenshot({ path: artifactPath('e2e', 'features-set.png') });

      const saved = await saveDocument(page);
      const loaded = loadDocumentText(saved.text);
      if (!loaded.ok) throw new Error(loaded.error);
      const doc = loaded.document;
      const params = (id: string) => doc.nodes.find((n) => n.id === id)!.params;
      expect(params('L_D_real').smoothing).toBe(0.1);
      expect(params('P_u').labels).toBe('hard');
      expect(params('G').ema).toBe(0.99);
      expect((params('G').layers as { type: string; scale?: number }[])[11]).toEqual({ type: 'tanh', scale: 0.9 });
      expect(params('r1Penalty1').gamma).toBe(1);
      const dLayers = params('D').layers as Record<string, unknown>[];
      expect(dLayers[0]).toEqual({ type: 'gaussianNoise', sigma: 0.2, anneal: 'linear' });
      expect(dLayers[1]).toEqual({ type: 'flatten' });
      expect(dLayers[2]).toMatchObject({ type: 'dense', spectralNorm: true });
      expect(doc.edges.filter((e) => e.target.node === 'L_D_u').map((e) => `${e.source.node}.${e.source.port}→${e.target.port}`).sort()).toEqual(['D_u.out→logits', 'P_u.confidence→weights']);
      expect(doc.edges.some((e) => e.source.node === 'D' && e.target.node === 'r1Penalty1' && e.target.port === 'logits')).toBe(true);
      const [d, , c] = doc.phases;
      expect(d.terms.map((t) => t.loss)).toContain('r1Penalty1');
      expect(d.clipNorm).toBe(5);
      expect(c.terms.find((t) => t.loss === 'L_C_gen')!.schedule).toEqual({ type: 'step', at: 0.5, before: 0, after: 1, unit: 'progress' });
      expect(c.batchNorm).toEqual({ G: 'moving' });

      // And it trains, double backprop included, in the worker.
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      const started = Date.now();
      for (;;) {
        const s = await state(page);
        if (s.status === 'failed') throw new Error(`training failed: ${JSON.stringify(s.message)}`);
        if (s.step >= 2) {
          report.push(`Triple-GAN tiny with every feature on ${s.backend}: 2 iterations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          break;
        }
        if (Date.now() - started > 240_000) throw new Error(`timed out training; state: ${JSON.stringify(s)}`);
        await page.waitForTimeout(250);
      }
    });
  });
});
