import { randomBytes } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CSP_HEADER, CSP_META, cspText, CSP_DIRECTIVES } from './src/ui/csp';

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
