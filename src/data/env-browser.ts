/**
 * Browser (and web worker) data environment: fetches prebuilt binaries from the app's `/data/` folder,
 * where the build step put them (public/data/ is served at the site root).
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
  };
}
