/** `ganvas train --data DIR`: the user's own images feed Dataset nodes named "custom". */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainCommand } from '../../../src/cli/commands/train';
import { encodePng } from '../../../src/data/png';
import { serializeDocument } from '../../../src/graph/load';
import { loadTemplate } from '../helpers';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-custom-'));
  const doc = structuredClone(loadTemplate('inpainting'));
  const x = doc.nodes.find((n) => n.id === 'x')!;
  x.params = { ...x.params, name: 'custom', size: [32, 32, 3] };
  const file = join(dir, 'mine.json');
  writeFileSync(file, serializeDocument(doc));
  const images = join(dir, 'images');
  mkdirSync(images);
  for (let i = 0; i < 3; i++) {
    const rgba = new Uint8Array(40 * 40 * 4).map((_, k) => (k % 4 === 3 ? 255 : (k * (i + 3)) % 251));
    writeFileSync(join(images, `photo-${i}.png`), encodePng(40, 40, rgba));
  }
  writeFileSync(join(images, 'notes.txt'), 'not a picture');
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  return { dir, file, images, empty };
}

async function run(args: string[]) {
  const lines: string[] = [];
  const code = await trainCommand(args, { log: (s) => void lines.push(s), error: (s) => void lines.push(s) });
  return { code, text: lines.join('\n') };
}

describe('ganvas train --data', () => {
  const w = workspace();

  it('trains on a folder of images, listing the files it skipped', async () => {
    const r = await run([w.file, '--size', 'tiny', '--steps', '2', '--every', '1', '--data', w.images, '--out', join(w.dir, 'out')]);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(/notes\.txt/);
  });

  it('asks for --data when the graph reads your own images', async () => {
    const r = await run([w.file, '--size', 'tiny', '--steps', '1', '--out', join(w.dir, 'out2')]);
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/reads your own images: pass a folder or zip with --data DIR/);
  });

  it('refuses an empty folder with a message naming it', async () => {
    const r = await run([w.file, '--size', 'tiny', '--steps', '1', '--data', w.empty, '--out', join(w.dir, 'out3')]);
    expect(r.code).toBe(2);
    expect(r.text).toContain(w.empty);
  });

  it('refuses --data for a graph without such a data set', async () => {
    const r = await run(['gan-2d', '--size', 'tiny', '--steps', '1', '--data', w.images, '--out', join(w.dir, 'out4')]);
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/only used by graphs with a Dataset named "custom"/);
  });
});
