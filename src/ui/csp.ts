/**
 * The app's Content-Security-Policy: only what it needs. Scripts, styles, workers and data come
 * from the app's own origin; `'wasm-unsafe-eval'` lets the training worker compile TF.js's WASM
 * backend (it allows WebAssembly, not `eval`); `blob:` workers are the threaded WASM backend's
 * pthreads; pictures may be `data:` (the icon) or `blob:` (diagram export, uploaded images).
 * No `'unsafe-eval'` and no inline scripts or styles: nothing a document holds can become code or
 * a stylesheet. vite.config.ts sends it with every page and worker, and writes it into the built
 * page as a `<meta>` for static hosting.
 */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
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

export function cspText(directives: Record<string, string[]> = CSP_DIRECTIVES, extra: Record<string, string[]> = {}): string {
  const all: Record<string, string[]> = { ...directives };
  for (const [k, v] of Object.entries(extra)) all[k] = [...(all[k] ?? []), ...v];
  return Object.entries(all)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** The policy as a header: also forbids framing the app. */
export const CSP_HEADER = cspText(CSP_DIRECTIVES, { [HEADER_ONLY[0]]: ["'none'"] });
/** The policy as a `<meta http-equiv>` in the built page. */
export const CSP_META = cspText();
