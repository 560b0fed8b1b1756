/**
 * Browser (and web worker) data environment: fetches prebuilt binaries from the app's `/data/` folder,
 * where the build step put them (public/data/ is served at the site root). Prerendered examples are
 * optional: when one is not served, its data set draws the examples itself.
 */
import type { DataEnv } from './types';

export function browserDataEnv(baseUrl = '/data/'): DataEnv {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    async loadBinary(file: string): Promise<Uint8Array> {
      const url = `${base}${file}`;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async loadOptional(file: string): Promise<Uint8Array | null> {
      try {
        const response = await fetch(`${base}${file}`);
        // A dev server answers a missing file with its page: that is "not there" too.
        if (!response.ok || (response.headers.get('content-type') ?? '').startsWith('text/html')) return null;
        return new Uint8Array(await response.arrayBuffer());
      } catch {
        return null;
      }
    },
  };
}
