/**
 * `npm run judges` (and `npm test` first): trains the lessons' reference judges once — BiGAN's
 * MNIST classifier and photo editing's face-attribute judge, 1,500 iterations each on WASM — and
 * keeps their checkpoints in public/data/judges/ (generated, git-ignored). `ganvas eval` and the
 * training worker read them there instead of training a judge on first use. A judge already
 * built for the same network is left as it is.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeDataEnv } from '../src/data/env-node';
import { chooseBackend } from '../src/engine/backend';
import { attributeJudge } from '../src/lessons/features/attribute-judge';
import { referenceClassifier } from '../src/lessons/generative/reference-classifier';
import { referenceStoreIn } from '../src/lessons/generative/reference-store-node';
import { configureReference } from '../src/lessons/reference-judge';

export const JUDGES_DIR = fileURLToPath(new URL('../public/data/judges/', import.meta.url));

export async function buildJudges(log: (line: string) => void = console.log): Promise<void> {
  await chooseBackend({ prefer: 'wasm', env: 'node' });
  // Loads what is there and still fits; trains and writes the rest.
  configureReference({ store: referenceStoreIn(JUDGES_DIR) });
  const dataEnv = nodeDataEnv();
  for (const [name, build] of [
    ['MNIST classifier (BiGAN)', async () => `${((await referenceClassifier(dataEnv)).testAccuracy * 100).toFixed(1)}% on held-out digits`],
    ['face-attribute judge (photo editing)', async () => `${(Math.min(...(await attributeJudge(dataEnv)).testAccuracy) * 100).toFixed(1)}% on its weakest attribute`],
  ] as const) {
    const started = Date.now();
    const how = await build();
    log(`judge ${name}: ${how} (${((Date.now() - started) / 1000).toFixed(0)} s, in ${join('public', 'data', 'judges')})`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildJudges();
