/**
 * Browser test harness: builds the app once with its test hooks (into dist-test/, reused while the
 * sources are unchanged; `npm run build` makes dist/ without them),
 * serves it with `vite preview` on a free localhost port (with the cross-origin isolation headers
 * from vite.config.ts), and drives Debian's chromium through playwright-core.
 *
 *   const app = await startApp();
 *   const session = await openPage(app);          // fresh browser profile, page at the app
 *   ...
 *   expect(session.errors).toEqual([]);           // console errors and uncaught exceptions
 *   await session.close(); await app.close();
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Download, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The test build (with `window.__ganvasTest`), what the browser tests open. */
export const DIST = join(ROOT, 'dist-test');
/** The production build, what `npm run build` makes and the page-size benchmark measures. */
export const PRODUCTION_DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-unsafe-webgpu',
];

const LOCK = join(ROOT, 'node_modules', '.ganvas-build.lock');
const BUILD_INPUTS = ['index.html', 'vite.config.ts', 'package-lock.json', 'src', 'workers', 'templates', 'public'];

function listFiles(path: string, out: string[] = []): string[] {
  if (!existsSync(path)) return out;
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) listFiles(join(path, name), out);
  } else out.push(path);
  return out;
}

/** A fingerprint of everything the build reads (paths, sizes, modification times). */
export function buildFingerprint(): string {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) {
    for (const file of listFiles(join(ROOT, input))) {
      const st = statSync(file);
      hash.update(`${relative(ROOT, file)}\0${st.size}\0${st.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the test build (or the production one) unless it is up to date; safe when several test
 * files ask at once.
 */
export async function ensureBuilt(build: 'test' | 'production' = 'test'): Promise<string> {
  const dist = build === 'test' ? DIST : PRODUCTION_DIST;
  const STAMP = join(dist, '.build-stamp');
  const want = buildFingerprint();
  const fresh = () => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === want;
  if (fresh()) return dist;
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (fresh()) return dist;
      // A lock older than five minutes belongs to a run that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() - started > 300_000) throw new Error('timed out waiting for another build of dist/');
      await sleep(250);
    }
  }
  try {
    if (!fresh()) {
      const args = [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir'];
      const env = build === 'test' ? { ...process.env, VITE_TEST_HOOKS: '1' } : { ...process.env, VITE_TEST_HOOKS: '' };
      await promisify(execFile)(process.execPath, args, { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024 });
      writeFileSync(STAMP, want);
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return dist;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface App {
  url: string;
  close(): Promise<void>;
}

/** Builds if needed and serves the test build with `vite preview` on a free localhost port. */
export async function startApp(): Promise<App> {
  const dist = await ensureBuilt();
  const { preview } = await import('vite');
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: dist },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  return {
    url,
    close: () => server.close(),
  };
}

/** Collects console errors and uncaught page errors; the returned array fills as they happen. */
export function collectConsoleErrors(page: Page, errors: string[] = []): string[] {
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return errors;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen on any page of this session. */
  errors: string[];
  /** Opens another page in the same profile (sharing its storage). */
  newPage(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path (and hash) to open, relative to the app's URL. */
  path?: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Wait for the editor to be interactive (default true). */
  waitReady?: boolean;
  /** Chromium's command line, from the default flags (e.g. without WebGPU). */
  flags?: (defaults: readonly string[]) => string[];
}

/** Launches headless chromium with a fresh user-data-dir and opens the app in it. */
export async function openPage(app: App, options: OpenOptions = {}): Promise<Session> {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`);
  const profile = mkdtempSync(join(tmpdir(), 'ganvas-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: options.flags ? options.flags(CHROMIUM_FLAGS) : CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 1280, height: 720 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const errors: string[] = [];
  const open = async (path = '') => {
    const page = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
    collectConsoleErrors(page, errors);
    await page.goto(new URL(path, app.url).href);
    if (options.waitReady ?? true) await waitReady(page);
    return page;
  };
  const page = await open(options.path);
  return {
    context,
    page,
    errors,
    newPage: (path?: string) => open(path),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh page for one test: `body` runs once the test hooks are there (unless `hooks` is false),
 * then the page must have logged no errors. On a failure the training state is printed and a
 * screenshot named after the test is kept (under `folder` in test-results/e2e/).
 */
export async function withPage(app: App, body: (s: Session) => Promise<void>, options: OpenOptions & { hooks?: boolean; folder?: string } = {}): Promise<void> {
  const { hooks = true, folder, ...open } = options;
  const session = await openPage(app, open);
  try {
    if (hooks) await session.page.waitForFunction(() => !!window.__ganvasTest, null, { timeout: 30_000 });
    await body(session);
    expect(session.errors).toEqual([]);
  } catch (e) {
    const state = await session.page.evaluate(() => window.__ganvasTest?.state() ?? null).catch(() => null);
    if (state) console.error('state at failure:', JSON.stringify(state).slice(0, 2000));
    const name = `failure-${expect.getState().currentTestName?.replace(/\W+/g, '-').slice(0, 80)}.png`;
    await session.page.screenshot({ path: artifactPath(...['e2e', ...(folder ? [folder] : []), name]) }).catch(() => undefined);
    throw e;
  } finally {
    await session.close();
  }
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
}

/** A path under test-results/ (created), for screenshots and other artifacts. */
export function artifactPath(...parts: string[]): string {
  const path = join(ARTIFACTS, ...parts);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** Runs `action` and returns the file it makes the page download. */
export async function downloadOf(page: Page, action: () => Promise<unknown>): Promise<{ download: Download; path: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), action()]);
  const path = artifactPath('downloads', `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return { download, path, text: readFileSync(path, 'utf8') };
}

/** Saves the open document with Ctrl+S and returns the file's text. */
export async function saveDocument(page: Page): Promise<{ path: string; text: string }> {
  return downloadOf(page, () => page.keyboard.press('Control+s'));
}

/**
 * Opens a file through Ctrl+O and the browser's file chooser. The chooser's interception is
 * switched on by the listener, asynchronously: a key press that overtakes it opens a native
 * chooser the test never sees, so an unanswered press is tried again.
 */
export async function openDocumentFile(page: Page, path: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 15_000 }).catch(() => null);
    await page.keyboard.press('Control+o');
    const opened = await chooser;
    if (opened) return opened.setFiles(path);
    if (attempt === 3) throw new Error('Ctrl+O opened no file chooser in three tries');
  }
}

type Box = { x: number; y: number; width: number; height: number };
type Boxed = { boundingBox(): Promise<Box | null> };

/**
 * An element's box once it has stopped moving: a node just dropped or a view just fitted is
 * measured and placed over the next frames, and on a busy machine a box read before that sends
 * the drag to where the handle no longer is.
 */
async function settledBox(page: Page, target: Boxed): Promise<Box | null> {
  let box = await target.boundingBox();
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(60);
    const next = await target.boundingBox();
    if (box && next && next.x === box.x && next.y === box.y && next.width === box.width && next.height === box.height) return next;
    box = next;
  }
  return box;
}

/** Drags from one element's centre to another's with real mouse events. */
export async function dragBetween(page: Page, from: Boxed, to: Boxed, options: { steps?: number; release?: boolean } = {}): Promise<void> {
  const a = await settledBox(page, from);
  const b = await settledBox(page, to);
  if (!a || !b) throw new Error('drag: an element is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 4, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: options.steps ?? 12 });
  if (options.release ?? true) await page.mouse.up();
}

/**
 * Draws an edge from one handle to another (by their accessible labels) and waits for it to
 * appear: a drag that draws nothing fails here, naming both handles.
 */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  await dragBetween(page, page.getByLabel(from, { exact: true }), page.getByLabel(to, { exact: true }));
  await expect.poll(() => edges.count(), { message: `an edge from “${from}” to “${to}”` }).toBe(before + 1);
}

/** Drops a file onto the page, as dragging it from the desktop would. */
export async function dropFile(page: Page, path: string, type: string): Promise<void> {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const base64 = readFileSync(path).toString('base64');
  await page.evaluate(
    ({ base64, name, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      const target = document.querySelector('.react-flow__pane') ?? document.body;
      for (const kind of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: data }));
    },
    { base64, name, type },
  );
}

export function tempDir(prefix = 'ganvas-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
