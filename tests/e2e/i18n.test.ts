/**
 * 中文 and back, in the browser: InfoGAN trained two tiny steps, then every view the issue names
 * (the lesson panel with its figures, the inspector on a node, the schedule, the settings, the
 * training dock expanded with its stats, chart, samples and checkpoint and its menus, the gallery,
 * the shortcuts, the share dialog, the lecture setup and the runs panel) read in English, in Chinese through the language switch, and in English again.
 * What is read: every visible text node, and the accessible names and tooltips (aria-label,
 * title, placeholder, alt) of visible elements, with the options of visible selects.
 *
 * In Chinese no string may keep an English word, apart from names and symbols that read the same
 * in both languages (WASM, Adam, MNIST, BCE, c1, G(E(x)), units, file names, …): the failure lists
 * the strings that did. Back in English every English string returns.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import type { MessageKey } from '../../src/ui/i18n/format';
import { zh } from '../../src/ui/i18n/zh';
import { artifactPath, openPage, ROOT, startApp, type App, type Session } from './harness';

const INFOGAN = JSON.parse(readFileSync(join(ROOT, 'templates', 'infogan.json'), 'utf8')) as { nodes: { id: string; params: Record<string, unknown> }[] };

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

type Lang = 'en' | 'zh';
const TABLES = { en, zh } as const;
const say = (lang: Lang, key: MessageKey): string => {
  const m = TABLES[lang][key] as string | { other: string };
  return typeof m === 'string' ? m : m.other;
};

/**
 * Words that read the same in both languages: names of backends, optimizers, data sets, losses,
 * file formats and tools, units, the templates' node ids and symbols. A word is a run of two or
 * more Latin letters; anything else (numbers, single letters, Greek, formulas' punctuation) is
 * never English.
 */
const SAME_IN_BOTH = new Set(
  [
    // the app, its tools and file formats
    'ganvas', 'PyTorch', 'python', 'py', 'tf', 'js', 'LayersModel', 'json', 'bin', 'png', 'PNG', 'svg', 'SVG', 'zip', 'JPEG', 'Markdown', 'npm', 'run', 'judges', 'ckpt', 'IndexedDB', 'React', 'Flow',
    // backends and hardware
    'WASM', 'WebGPU', 'WebGL', 'GPU', 'CPU', 'SIMD', 'JavaScript', 'SwiftShader',
    // methods, layers, losses, metrics and data sets, as the lecture writes them
    'Adam', 'SGD', 'RMSprop', 'BCE', 'CE', 'MSE', 'KL', 'PCA', 'PSNR', 'SSIM', 'NN', 'DANN', 'GAN', 'InfoGAN', 'BiGAN', 'VAE', 'Triple', 'DCGAN', 'SRGAN', 'SRResNet', 'GRL', 'MLP', 'Net', 'ReLU',
    'LeakyReLU', 'Tanh', 'Sigmoid', 'Dropout', 'BatchNorm', 'MNIST', 'CelebA', 'LR', 'HR', 'SR', 'logit', 'logits', 'softmax', 'tanh', 'sigmoid', 'argmax', 'argmin', 'log', 'exp', 'max', 'min',
    // convolution padding modes, shown as in the code
    'same', 'valid',
    // people
    'Mescheder',
    // units, keys, the language's own name
    'KB', 'MB', 'GB', 'dB', 'px', 'ID', 'Ctrl', 'Shift', 'Enter', 'Esc', 'Space', 'Cmd', 'Delete', 'Backspace', 'English',
    // node ids of the templates shown in the gallery (DANN's Cy, Cd; the speech model's decoder), and
    // InfoGAN's lesson naming the node kind its Q is (“Head 节点”)
    'Cy', 'Cd', 'Dec', 'Head',
    // InfoGAN's own names: its node ids and the layer its features are read at
    ...INFOGAN.nodes.map((n) => n.id),
    ...INFOGAN.nodes.flatMap((n) => ((n.params as { layers?: { name?: string }[] }).layers ?? []).flatMap((l) => (l.name ? [l.name] : []))),
    // port names: identifiers, as the canvas shows them
    'out', 'features', 'weights', 'shares', 'label', 'labels', 'domain', 'loss', 'code', 'prediction', 'pair', 'confidence', 'mask', 'eps',
  ],
);

/** The English words of a string that are not names or symbols (identifiers like L_c1, D_fake.out, one-hot and `code` are symbols). */
function englishWords(text: string): string[] {
  const words = text.replace(/`[^`]*`/g, ' ').replace(/one-hot/g, ' ').replace(/[\p{L}\w′]*_[\p{L}\w′]*/gu, ' ').replace(/\b\w+\.\w+\b/g, ' ');
  return (words.match(/[A-Za-z]+\d*/g) ?? []).filter((w) => /^[A-Za-z]{2,}/.test(w) && !SAME_IN_BOTH.has(w) && !/^out\d+$/.test(w));
}

interface Item {
  kind: string;
  text: string;
  where: string;
}

/** What the page says now: visible text nodes, and accessible names and tooltips of visible elements. */
function readPage(page: Page): Promise<Item[]> {
  return page.evaluate(() => {
    const out: { kind: string; text: string; where: string }[] = [];
    const visible = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && (el as HTMLElement).getClientRects().length > 0;
    const where = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 4; e = e.parentElement) parts.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].slice(0, 2).join('.') : ''));
      return parts.join(' > ');
    };
    const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = clean(n.textContent ?? '');
      const el = n.parentElement;
      // Code spans are formulas and identifiers; a text field's text is what is being edited (the English source, in Settings).
      // React Flow's attribution link is the library's own (its words are fixed).
      if (!text || !el || el.closest('script, style, option, code, textarea, .react-flow__attribution') || !visible(el)) continue;
      out.push({ kind: 'text', text, where: where(el) });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (!visible(el) || el.closest('.react-flow__attribution')) continue;
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = clean(el.getAttribute(attr) ?? '');
        // A placeholder is not shown while its field holds a value.
        if (attr === 'placeholder' && (el as HTMLInputElement).value) continue;
        if (v) out.push({ kind: attr, text: v, where: where(el) });
      }
    }
    for (const select of document.body.querySelectorAll('select')) {
      if (!visible(select)) continue;
      for (const option of select.options) if (clean(option.text)) out.push({ kind: 'option', text: clean(option.text), where: where(select) });
    }
    return out;
  });
}

/** The views the issue names, one after another, read in `lang`. */
async function readViews(page: Page, lang: Lang): Promise<Map<string, Item[]>> {
  const views = new Map<string, Item[]>();
  // The schedule tab's name ends with its count of phases.
  const tab = (key: MessageKey) => page.getByRole('tab', { name: new RegExp(`^${say(lang, key)}\\s*\\d*$`) });

  await tab('inspector.tab.lesson').click();
  await page.locator('[data-lesson-view="infogan"] [data-figure="accuracy"]').waitFor({ timeout: 300_000 });
  await page.locator('[data-lesson-view="infogan"] canvas[role="img"]').first().waitFor({ timeout: 120_000 });
  // Figures being computed say "Computing…" in place of "Compute": read the view at rest.
  await expect.poll(() => page.locator('[data-lesson-view="infogan"] [aria-busy="true"]').count(), { timeout: 300_000 }).toBe(0);
  views.set('lesson', await readPage(page));

  await page.locator('.react-flow__node[data-id="G"]').click();
  await tab('inspector.tab.node').click();
  await page.locator('.node-inspector').waitFor();
  views.set('inspector on G', await readPage(page));

  await page.locator('.react-flow__node[data-id="L_c1"]').click();
  await page.locator('.node-inspector').waitFor();
  views.set('inspector on a loss', await readPage(page));

  await tab('inspector.tab.schedule').click();
  views.set('schedule', await readPage(page));

  await tab('inspector.tab.settings').click();
  views.set('settings', await readPage(page));

  await page.getByRole('button', { name: say(lang, 'top.templates'), exact: true }).click();
  await page.getByRole('dialog', { name: say(lang, 'gallery.title') }).waitFor();
  views.set('gallery', await readPage(page));
  await page.getByRole('button', { name: say(lang, 'gallery.closeLabel'), exact: true }).click();

  await page.getByRole('button', { name: say(lang, 'top.shortcuts'), exact: true }).click();
  views.set('shortcuts', await readPage(page));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: say(lang, 'top.share'), exact: true }).click();
  await page.getByRole('dialog', { name: say(lang, 'overlays.shareTitle') }).waitFor();
  views.set('share', await readPage(page));
  await page.getByRole('button', { name: say(lang, 'overlays.closeShare'), exact: true }).click();

  await page.getByRole('button', { name: say(lang, 'lecture.open'), exact: true }).click();
  await page.getByRole('dialog', { name: say(lang, 'lecture.setupTitle') }).waitFor();
  views.set('lecture setup', await readPage(page));
  await page.getByRole('button', { name: say(lang, 'lecture.closeSetup'), exact: true }).click();

  await page.getByRole('button', { name: say(lang, 'runs.open'), exact: true }).click();
  await page.getByRole('button', { name: say(lang, 'runs.close'), exact: true }).waitFor();
  await page.getByRole('table', { name: say(lang, 'runs.listLabel') }).waitFor({ timeout: 30_000 });
  views.set('runs', await readPage(page));
  await page.getByRole('button', { name: say(lang, 'runs.close'), exact: true }).click();

  const dock = page.getByRole('region', { name: say(lang, 'dock.label'), exact: true });
  await dock.getByRole('button', { name: say(lang, 'dock.backend'), exact: true }).click();
  views.set('backend menu', await readPage(page));
  await page.keyboard.press('Escape');
  await dock.getByRole('button', { name: say(lang, 'dock.stepPhaseLabel'), exact: true }).click();
  views.set('step phase menu', await readPage(page));
  await page.keyboard.press('Escape');
  return views;
}

/** Strings made of English words (not names or symbols), once each, with where they were seen. */
function englishStrings(views: Map<string, Item[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [view, items] of views) for (const item of items) if (englishWords(item.text).length && !out.has(item.text)) out.set(item.text, `${view}: ${item.kind} in ${item.where}`);
  return out;
}

const allTexts = (views: Map<string, Item[]>) => new Set([...views.values()].flat().map((i) => i.text));

async function switchTo(page: Page, from: Lang, to: Lang): Promise<void> {
  await page.getByRole('combobox', { name: say(from, 'language.label'), exact: true }).selectOption(to);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(to === 'zh' ? 'zh-CN' : 'en');
}

/** Changes with the clock, not the language. */
const volatile = (text: string) => /\b(ago|now|second|minute|hour|yesterday)\b|\d+:\d\d/.test(text);

/** A screenshot under test-results/, copied to docs/classroom/ (as interface-NAME) when GANVAS_DOCS=1. */
async function shot(page: Page, name: string): Promise<void> {
  const path = artifactPath('e2e', 'i18n', name);
  await page.screenshot({ path });
  if (process.env.GANVAS_DOCS === '1') {
    mkdirSync(join(ROOT, 'docs', 'classroom'), { recursive: true });
    copyFileSync(path, join(ROOT, 'docs', 'classroom', `interface-${name}`));
  }
}

describe('the interface in Chinese and English', () => {
  it('switching to 中文 changes every visible string, nothing left in English; switching back brings the English back', async () => {
    const session: Session = await openPage(app, { viewport: { width: 1440, height: 900 } });
    const { page } = session;
    try {
      await page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
      await page.getByRole('button', { name: 'Open InfoGAN on MNIST', exact: true }).click();
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('radiogroup', { name: 'Size preset' }).getByText('tiny', { exact: true }).click();
      await page.getByLabel('tiny steps').fill('2');
      await page.getByLabel('tiny steps').press('Enter');
      await page.getByRole('button', { name: 'Backend' }).click();
      await page.getByRole('menuitemradio', { name: /WASM/ }).click();
      await page.getByRole('button', { name: 'Train', exact: true }).first().click();
      await expect.poll(() => page.evaluate(() => window.__ganvasTest!.state().status), { timeout: 300_000 }).toBe('done');
      await expect.poll(() => page.evaluate(() => window.__ganvasTest!.state().checkpoints.length), { timeout: 120_000 }).toBeGreaterThan(0);
      await page.locator('canvas.samples-canvas').waitFor({ timeout: 60_000 });

      const english = await readViews(page, 'en');
      const englishSeen = englishStrings(english);
      await shot(page, 'english.png');

      await switchTo(page, 'en', 'zh');
      const chinese = await readViews(page, 'zh');
      await shot(page, 'chinese.png');
      const left = englishStrings(chinese);
      const unchanged = [...englishSeen.keys()].filter((s) => allTexts(chinese).has(s));
      const report = [...left].map(([text, seen]) => `${JSON.stringify(text)}  (${seen}; ${englishWords(text).join(', ')})`);
      console.log(
        `i18n: ${englishSeen.size} English strings read in ${[...english.values()].flat().length} items over ${english.size} views; ` +
          `in Chinese ${[...chinese.values()].flat().length} items, ${unchanged.length} unchanged, ${left.size} with English words left`,
      );
      expect(report, `strings still in English after switching to 中文:\n  ${report.join('\n  ')}`).toEqual([]);
      expect(unchanged).toEqual([]);
      expect(englishSeen.size).toBeGreaterThan(150);

      await switchTo(page, 'zh', 'en');
      const back = allTexts(await readViews(page, 'en'));
      const missing = [...englishSeen.keys()].filter((s) => !back.has(s) && !volatile(s));
      expect(missing, `English strings that did not come back:\n  ${missing.join('\n  ')}`).toEqual([]);
      expect(session.errors).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: artifactPath('e2e', 'i18n', 'failure.png') }).catch(() => undefined);
      throw e;
    } finally {
      await session.close();
    }
  });
});
