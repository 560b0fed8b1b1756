/**
 * 中文 and back, in the browser: InfoGAN trained two tiny steps, then every view the issue names
 * (the lesson panel with its figures, the inspector on a node, the schedule, the settings, the
 * training dock expanded with its stats, chart, samples and checkpoint, the gallery and the
 * shortcuts) read in English, in Chinese through the language switch, and in English again.
 * What is read: every visible text node, and the accessible names and tooltips (aria-label,
 * title, placeholder, alt) of visible elements, with the options of visible selects.
 *
 * In Chinese no string may keep an English word, apart from names and symbols that read the same
 * in both languages (WASM, Adam, MNIST, BCE, c1, G(E(x)), units, file names, …): the failure lists
 * the strings that did. Back in English every English string returns.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import type { MessageKey } from '../../src/ui/i18n/format';
import { zh } from '../../src/ui/i18n/zh';
import { artifactPath, openPage, startApp, type App, type Session } from './harness';

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
    // the app and its tools
    'ganvas', 'PyTorch', 'python', 'py', 'tf', 'js', 'LayersModel', 'json', 'bin', 'png', 'PNG', 'svg', 'SVG', 'zip', 'JPEG', 'Markdown', 'npm', 'run', 'judges', 'ckpt', 'IndexedDB',
    // backends and hardware
    'WASM', 'WebGPU', 'WebGL', 'GPU', 'CPU', 'SIMD', 'JavaScript', 'SwiftShader', 'Auto',
    // optimizers, layers, losses, methods, data sets
    'Adam', 'SGD', 'RMSprop', 'BCE', 'MSE', 'PCA', 'PSNR', 'SSIM', 'NN', 'DANN', 'GAN', 'InfoGAN', 'BiGAN', 'VAE', 'DCGAN', 'MLP', 'Net', 'ReLU', 'LeakyReLU', 'BatchNorm', 'MNIST', 'CelebA', 'LR',
    // units and keys
    'KB', 'MB', 'GB', 'dB', 'px', 'it', 'Ctrl', 'Shift', 'Enter', 'Esc', 'Space', 'Cmd',
    // formulas
    'log', 'argmin', 'exp', 'softmax', 'tanh', 'sigmoid', 'max', 'min',
    // InfoGAN's node ids and ports, shown as ids (‹G›, G.out)
    'L_real', 'L_fake', 'L_G', 'L_c', 'L_I', 'c23', 'zc', 'D_fake', 'out', 'features', 'logits',
  ],
);

/** The English words of a string that are not names or symbols. */
function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z][A-Za-z_]*[A-Za-z0-9]|[A-Za-z]{2,}/g) ?? []).filter((w) => /[A-Za-z]{2}/.test(w) && !SAME_IN_BOTH.has(w) && !/^[A-Za-z]\d+$/.test(w) && !/^(L_|c\d)/.test(w));
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
      if (!text || !el || el.closest('script, style, option') || !visible(el)) continue;
      out.push({ kind: 'text', text, where: where(el) });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (!visible(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = clean(el.getAttribute(attr) ?? '');
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
  const tab = (key: MessageKey) => page.getByRole('tab', { name: say(lang, key), exact: true });

  await tab('inspector.tab.lesson').click();
  await page.locator('[data-lesson-view="infogan"] [data-figure="accuracy"]').waitFor({ timeout: 300_000 });
  await page.locator('[data-lesson-view="infogan"] canvas[role="img"]').first().waitFor({ timeout: 120_000 });
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
      await page.screenshot({ path: artifactPath('e2e', 'i18n', 'english.png') });

      await switchTo(page, 'en', 'zh');
      const chinese = await readViews(page, 'zh');
      await page.screenshot({ path: artifactPath('e2e', 'i18n', 'chinese.png') });
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
