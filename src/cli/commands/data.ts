/**
 * `ganvas data NAME [--count N] [--out FILE.png] [--split train|test] [--seed S]`: writes a preview of
 * a data set — a grid of samples (spectrograms for speech, a scatter plot for 2-D sets) — and a
 * legend FILE.txt listing each cell's labels or attributes. For the user's own images:
 * `ganvas data custom --from FOLDER_OR_ZIP [--size HxWxC]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadImagesFromPath, nodeDataEnv } from '../../data/env-node';
import type { ImageSize, LoadedImages } from '../../data/images';
import { openDataset, OPENABLE_DATASETS } from '../../data/open';
import { encodePng } from '../../data/png';
import { POINT_SETS } from '../../data/points';
import { renderPreview } from '../../data/preview';
import { DEFAULT_DATA_SEED } from '../../data/seed';
import type { Split } from '../../data/types';
import { parseFlags } from '../flags';
import { EXIT } from '../io';

const USAGE =
  'usage: ganvas data NAME [--count N] [--out FILE.png] [--split train|test] [--seed S]' +
  ' (custom: --from FOLDER_OR_ZIP [--size HxWxC])';

function parseSize(text: string): ImageSize | null {
  const m = /^(\d+)x(\d+)(?:x([13]))?$/i.exec(text.trim());
  if (!m) return null;
  const size = { height: Number(m[1]), width: Number(m[2]), channels: Number(m[3] ?? 3) as 1 | 3 };
  return size.height >= 1 && size.width >= 1 && size.height <= 1024 && size.width <= 1024 ? size : null;
}

export async function dataCommand(argv: string[], out: { log(s: string): void; error(s: string): void }): Promise<number> {
  const parsed = parseFlags(argv, { count: 'number', out: 'string', split: 'string', seed: 'number', from: 'string', size: 'string' });
  if (!parsed.ok) {
    out.error(`${parsed.error}\n${USAGE}`);
    return EXIT.usage;
  }
  const { flags, positional } = parsed;
  if (positional.length !== 1) {
    out.error(positional.length === 0 ? `name a data set (${OPENABLE_DATASETS.join(', ')})\n${USAGE}` : `one data set at a time, got: ${positional.join(' ')}\n${USAGE}`);
    return EXIT.usage;
  }
  const name = positional[0];
  if (!OPENABLE_DATASETS.includes(name)) {
    out.error(`unknown data set "${name}" (known: ${OPENABLE_DATASETS.join(', ')})`);
    return EXIT.usage;
  }
  const split = (flags.split ?? 'train') as string;
  if (split !== 'train' && split !== 'test') {
    out.error(`--split must be train or test, not "${split}"`);
    return EXIT.usage;
  }
  const isPoints = (POINT_SETS as readonly string[]).includes(name);
  const count = (flags.count as number | undefined) ?? (isPoints ? 2000 : 64);
  const maxCount = isPoints ? 100_000 : 1024;
  if (!Number.isInteger(count) || count < 1 || count > maxCount) {
    out.error(`--count must be a whole number from 1 to ${maxCount}, not ${count}`);
    return EXIT.usage;
  }
  const seed = (flags.seed as number | undefined) ?? DEFAULT_DATA_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    out.error(`--seed must be a whole number from 0 to 4294967295, not ${seed}`);
    return EXIT.usage;
  }
  const file = resolve((flags.out as string | undefined) ?? `${name}.png`);
  if (!file.toLowerCase().endsWith('.png')) {
    out.error(`--out must name a .png file, not "${flags.out}"`);
    return EXIT.usage;
  }
  let custom: LoadedImages | undefined;
  if (name === 'custom') {
    if (typeof flags.from !== 'string') {
      out.error(`custom needs --from FOLDER_OR_ZIP\n${USAGE}`);
      return EXIT.usage;
    }
    const size = parseSize((flags.size as string | undefined) ?? '32x32x3');
    if (!size) {
      out.error(`--size must look like 32x32x3 (height x width x 1 or 3 channels), not "${flags.size}"`);
      return EXIT.usage;
    }
    try {
      custom = loadImagesFromPath(flags.from, size);
    } catch (err) {
      out.error(err instanceof Error ? err.message : String(err));
      return EXIT.failure;
    }
    out.log(custom.summary);
  } else if (flags.from !== undefined || flags.size !== undefined) {
    out.error('--from and --size are for the custom data set only');
    return EXIT.usage;
  }

  try {
    const source = await openDataset(name, nodeDataEnv(), { seed, custom });
    const preview = renderPreview(source, split as Split, count, seed);
    const legendFile = file.replace(/\.png$/i, '.txt');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, encodePng(preview.image.width, preview.image.height, preview.image.rgba));
    writeFileSync(legendFile, preview.legend.join('\n') + '\n');
    out.log(`wrote ${file} (${preview.image.width}×${preview.image.height}) and ${legendFile}`);
    return EXIT.ok;
  } catch (err) {
    out.error(err instanceof Error ? err.message : String(err));
    return EXIT.failure;
  }
}
