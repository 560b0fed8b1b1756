/** Opening a data set by name: the one entry point the engine and the UI need. */
import { DATASET_NAMES } from '../graph/datasets';
import { FacesSource } from './faces/index';
import type { LoadedImages } from './images';
import { CustomImagesSource } from './images';
import { MnistMSource } from './mnist-m';
import { openMnist } from './mnist';
import { PointsSource, POINT_SETS, type PointSetName } from './points';
import { PrerenderedFile, prerenderedFileName } from './prerendered';
import { DEFAULT_DATA_SEED } from './seed';
import { SpeechSource } from './speech';
import type { DataEnv, DataSource } from './types';

export interface OpenOptions {
  /** Seed of the generated sets (textures, faces, speech, points); MNIST itself has none. Default 1. */
  seed?: number;
  /** For name 'custom': the images, from `loadImages` (or `loadImagesFromPath` in Node). */
  custom?: LoadedImages;
}

/** Every name `openDataset` accepts. */
export const OPENABLE_DATASETS = [...DATASET_NAMES, 'custom'];

export async function openDataset(name: string, env: DataEnv, opts: OpenOptions = {}): Promise<DataSource> {
  const seed = (opts.seed ?? DEFAULT_DATA_SEED) >>> 0;
  switch (name) {
    case 'mnist':
      return openMnist(env);
    case 'mnist-m':
      return withPrerendered(new MnistMSource(await openMnist(env), seed), env);
    case 'faces':
      return withPrerendered(new FacesSource(seed), env);
    case 'speech':
      return new SpeechSource(seed);
    case 'custom':
      if (!opts.custom) throw new Error('the custom data set needs images: load a folder or zip first');
      return new CustomImagesSource(opts.custom);
    default:
      if ((POINT_SETS as readonly string[]).includes(name)) return new PointsSource(name as PointSetName, seed);
      throw new Error(`unknown data set "${name}" (known: ${OPENABLE_DATASETS.join(', ')})`);
  }
}

/**
 * Points the generated sets of `source` at their prerendered files where the environment has them
 * (only the default seed is prerendered); a set without a usable file draws its examples as needed.
 */
async function withPrerendered(source: DataSource, env: DataEnv): Promise<DataSource> {
  if (!env.loadOptional) return source;
  for (const set of source.generated ?? []) {
    const file = prerenderedFileName(set.name, set.seed);
    const bytes = await env.loadOptional(file);
    if (!bytes) continue;
    try {
      set.cache.useFile(PrerenderedFile.parse(bytes, set.cache.shape(set.name, set.seed)), file);
    } catch (err) {
      console.warn(`${err instanceof Error ? err.message : String(err)}; drawing ${set.name} examples as needed (npm run prepare renders the file again)`);
    }
  }
  return source;
}
