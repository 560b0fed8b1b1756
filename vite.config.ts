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

export default defineConfig({
  plugins: [react()],
  publicDir: 'public',
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
