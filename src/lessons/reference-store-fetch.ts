/**
 * Prebuilt reference judges for the training worker: the checkpoints `npm run judges` writes to
 * public/data/judges/<key>/, fetched from the page's own origin. A judge not there is trained in
 * the worker as before (and kept for the session); nothing is written back.
 */
import { MANIFEST_FILE, parseManifest, WEIGHTS_FILE } from '../engine/checkpoint';
import type { ReferenceStore } from './reference-judge';

export function fetchedReferenceStore(baseUrl: string): ReferenceStore {
  return {
    async load(key) {
      const base = new URL(`${encodeURIComponent(key)}/`, baseUrl);
      try {
        const manifest = await fetch(new URL(MANIFEST_FILE, base));
        if (!manifest.ok) return undefined;
        const weights = await fetch(new URL(WEIGHTS_FILE, base));
        if (!weights.ok) return undefined;
        return { manifest: parseManifest(await manifest.json()), weightData: await weights.arrayBuffer() };
      } catch {
        return undefined; // not built, or unreadable: the judge trains here
      }
    },
    save() {
      // The page keeps what it trains for the session only.
    },
  };
}
