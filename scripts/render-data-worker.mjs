// A worker thread of scripts/render-data.ts: worker threads do not inherit tsx's loader, so this
// plain module registers it and loads the TypeScript entry, which does the work.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
