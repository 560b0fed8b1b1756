/**
 * A graph that reads the user's own images, exported without them: train.py reads a folder
 * (--images), resizing as ganvas does (with Pillow, and with the built-in PNG reader without it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { encodePng } from '../../../src/data/png';
import { loadImages, type NamedBytes } from '../../../src/data/images';
import { serializeDocument } from '../../../src/graph/load';
import { loadTemplate } from '../helpers';
import { metricsOf, mustRun, TMP } from './helpers';

describe('your own images in an exported project', () => {
  const dir = join(TMP, 'own-images');
  const images = join(dir, 'images');
  mkdirSync(images, { recursive: true });
  const files: NamedBytes[] = [];
  for (let i = 0; i < 3; i++) {
    // Different sizes and a transparent corner, so cropping, scaling and compositing all count.
    const w = 40 + 9 * i;
    const h = 37 + 5 * i;
    const rgba = new Uint8Array(w * h * 4).map((_, k) => (k % 4 === 3 ? (k < 400 ? 90 : 255) : (k * (i + 3)) % 251));
    const bytes = encodePng(w, h, rgba);
    writeFileSync(join(images, `photo-${i}.png`), bytes);
    files.push({ name: `photo-${i}.png`, bytes });
  }
  writeFileSync(join(images, 'notes.txt'), 'not a picture');

  it('trains from a folder given to train.py', async () => {
    const doc = structuredClone(loadTemplate('inpainting'));
    const x = doc.nodes.find((n) => n.id === 'x')!;
    x.params = { ...x.params, name: 'custom', size: [32, 32, 3] };
    writeFileSync(join(dir, 'mine.json'), serializeDocument(doc));
    const lines: string[] = [];
    const project = join(dir, 'project');
    const code = await main(['export', 'torch', join(dir, 'mine.json'), '--size', 'tiny', '--out', project], { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toMatch(/pass a folder to train\.py with --images DIR/);
    const out = mustRun(project, ['train.py', '--images', images, '--steps', '2', '--every', '1', '--out', 'run']);
    expect(out).toMatch(/skipped 1 file\(s\): notes\.txt/);
    expect(metricsOf(join(project, 'run'))).toHaveLength(2);
  });

  it.each([
    ['with Pillow', ''],
    ['with the built-in PNG reader', 'sys.modules["PIL"] = None'],
  ])('reads and resizes them as ganvas does, %s', (_how, setUp) => {
    const script = ['import sys, json', setUp, 'sys.path.insert(0, "ganvas_torch/..")', 'from ganvas_torch.images import load_folder', `a = load_folder(${JSON.stringify(images)}, 24, 20, 3)`, 'print(json.dumps(a.reshape(-1).tolist()))'].join('\n');
    const project = join(dir, 'project');
    const values = JSON.parse(mustRun(project, ['-c', script]).trim().split('\n').pop()!) as number[];
    const ours = loadImages(files, { height: 24, width: 20, channels: 3 });
    expect(values).toHaveLength(ours.images.length);
    let worst = 0;
    values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ours.images[i]))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('the built-in PNG reader decodes every row filter and colour type as Pillow does', () => {
    const script = [
      'import io, zlib, numpy as np',
      'from PIL import Image',
      'from ganvas_torch.images import _png',
      'rng = np.random.default_rng(3)',
      'y, x = np.mgrid[0:23, 0:31]',
      'smooth = np.stack([x * 8, y * 11, (x + y) * 5, 255 - x * 3], -1) % 256',
      'noisy = (smooth + rng.integers(0, 40, smooth.shape)) % 256',
      'bad, filters = 0, set()',
      'for mode in ("RGBA", "RGB", "L", "LA", "P"):',
      '    for pixels in (smooth, noisy):',
      '        image = Image.fromarray(pixels.astype(np.uint8), "RGBA").convert(mode)',
      '        buf = io.BytesIO(); image.save(buf, "PNG", optimize=True); data = buf.getvalue()',
      '        bad += int((_png(data) != np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))).sum())',
      'print(bad)',
    ].join('\n');
    expect(mustRun(join(dir, 'project'), ['-c', script]).trim()).toBe('0');
  });
});

describe('hole masks in an exported project', () => {
  it.each(['boxes', 'strokes', 'centre'] as const)('%s: the same masks as the engine draws from the same stream', async (kind) => {
    const { makeMasks } = await import('../../../src/data/transforms');
    const { maskParams } = await import('../../../src/engine/nodes/images');
    const { Rng } = await import('../../../src/util/rng');
    const params = maskParams(kind, 0.5, 24);
    const ours = makeMasks(6, 24, 20, kind, new Rng(11).fork('train/mask/mask'), params);
    const script = [
      'import json',
      'from ganvas_torch.feed import GanvasStream, Mask, make_masks',
      'from ganvas_torch.rng import Rng',
      `source = Mask(24, 20, ${JSON.stringify(kind)}, 0.5)`,
      'masks = make_masks(6, 24, 20, source.shape, GanvasStream(Rng(11).fork("train/mask/mask")), **source.params)',
      'print(json.dumps(masks.reshape(-1).astype(int).tolist()))',
    ].join('\n');
    const theirs = JSON.parse(mustRun(join(TMP, 'own-images', 'project'), ['-c', script]).trim().split('\n').pop()!) as number[];
    expect(theirs).toEqual(Array.from(ours));
    expect(theirs.some((v) => v === 1)).toBe(true);
  });
});
