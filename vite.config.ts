import { randomBytes } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Cross-origin isolation: the training worker's WASM backend needs SharedArrayBuffer for threads,
 * and browsers allow that only on isolated pages. The dev server and the preview server both send it.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * TF.js's threaded WASM backend starts its pthread workers from the text of its module factory
 * (`factory.toString()`), outside the closure that declares `_scriptDir`. Unminified, the factory
 * guards the name with `typeof`; a minifier that knows the name is declared drops the guard, and
 * every pthread worker then dies with "… is not defined". In a browser worker `_scriptDir` is
 * always undefined, so the two uses are taken out before bundling.
 */
function tfjsWasmThreads(): Plugin {
  const uses: [string, string][] = [
    ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
    ['"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir', '"urlOrBlob":Module["mainScriptUrlOrBlob"]'],
  ];
  return {
    name: 'ganvas:tfjs-wasm-threads',
    transform(code, id) {
      if (!/tfjs-backend-wasm-threaded-simd\.js$/.test(id.split('?')[0])) return null;
      let out = code;
      for (const [from, to] of uses) {
        if (!out.includes(from)) this.warn(`tfjs-backend-wasm: expected text not found (${from.slice(0, 40)}…); WASM threads may fail`);
        out = out.split(from).join(to);
      }
      return { code: out, map: null };
    },
  };
}


/**
 * The app's Content-Security-Policy: only what it needs. Scripts, styles, workers and data come
 * from the app's own origin; `'wasm-unsafe-eval'` lets the training worker compile TF.js's WASM
 * backend (it allows WebAssembly, not `eval`); `blob:` workers are the threaded WASM backend's
 * pthreads, which load their code with `importScripts(blob:…)` — hence `blob:` in script-src too
 * (only code already running on the page can make a blob URL, so no document can use it); pictures may be `data:` (the icon) or `blob:` (diagram export, uploaded images).
 * No `'unsafe-eval'` and no inline scripts or styles: nothing a document holds can become code or
 * a stylesheet. The dev and preview servers send it with every page and worker, and the build
 * writes it into the page as a `<meta>` for static hosting.
 */
const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** Directives a `<meta>` policy cannot carry (browsers ignore them there). */
const HEADER_ONLY = ['frame-ancestors'];

function cspText(directives: Record<string, string[]> = CSP_DIRECTIVES, extra: Record<string, string[]> = {}): string {
  const all: Record<string, string[]> = { ...directives };
  for (const [k, v] of Object.entries(extra)) all[k] = [...(all[k] ?? []), ...v];
  return Object.entries(all)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** The policy as a header: also forbids framing the app. */
const CSP_HEADER = cspText(CSP_DIRECTIVES, { [HEADER_ONLY[0]]: ["'none'"] });
/** The policy as a `<meta http-equiv>` in the built page. */
const CSP_META = cspText();

/** The built page carries its policy in a `<meta>`, for hosts that send no headers. */
function cspMeta(): Plugin {
  return {
    name: 'ganvas:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' }],
  };
}

/**
 * The dev server injects styles and React's refresh preamble inline, and talks to the page over a
 * websocket: it gets the same policy plus a nonce made at each start (Vite puts it on the tags it
 * writes) and the websocket. Only the dev server; the build has no inline code at all.
 */
const devNonce = randomBytes(18).toString('base64url');
const devPolicy = cspText(CSP_DIRECTIVES, {
  'script-src': [`'nonce-${devNonce}'`],
  'style-src': [`'nonce-${devNonce}'`],
  'connect-src': ['ws:', 'wss:'],
});

export default defineConfig(({ command }) => ({
  plugins: [react(), cspMeta()],
  publicDir: 'public',
  ...(command === 'serve' ? { html: { cspNonce: devNonce } } : {}),
  server: { headers: { ...isolation, 'Content-Security-Policy': devPolicy } },
  preview: { headers: { ...isolation, 'Content-Security-Policy': CSP_HEADER } },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
}));
