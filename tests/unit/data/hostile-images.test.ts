/** Zip bombs and picture bombs: each refused by its declared size or within a budget, with a message naming the file. */
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../src/data/png';
import { readPngText } from '../../../src/data/png-text';
import { inflateLimited } from '../../../src/data/inflate';
import { loadImages } from '../../../src/data/images';
import { zipDirectory } from '../../../src/data/zip';
import { documentFromHash } from '../../../src/ui/files/share';
import { deflatedZeros, hugePng, makeZip } from './bombs';

const size = { height: 8, width: 8, channels: 3 } as const;
const good = encodePng(4, 4, new Uint8Array(64).fill(128));

describe('decompression within a budget', () => {
  // 100 MB of zeros in ~100 KB: the reader stops at its 8 MB budget whatever the full size.
  const bomb = deflatedZeros(100_000_000);

  it('stops a stream past its budget, having produced at most a few MB more', () => {
    expect(bomb.length).toBeLessThan(150_000);
    expect(() => inflateLimited(bomb, { format: 'raw', budget: 8_000_000, what: 'the shared link' })).toThrow(/the shared link inflates to more than 8 MB/);
  });

  it('refuses a share link that inflates to 100 MB, before any parsing', () => {
    const hash = '#doc=' + Buffer.from(bomb).toString('base64url');
    const r = documentFromHash(hash);
    expect(r && !r.ok && r.error).toMatch(/^the shared link inflates to more than 8 MB \(a graph document is at most 8 MB\)$/);
  });
});

describe('zip bombs', () => {
  it('skips an entry that declares 900 MB, without inflating it, and keeps the good images', () => {
    const zip = makeZip([
      { name: 'bomb.png', data: deflatedZeros(20_000_000), method: 8, declaredSize: 900_000_000 },
      { name: 'ok.png', data: good, method: 0, declaredSize: good.length },
    ]);
    const loaded = loadImages(zip, size, 'photos.zip');
    expect(loaded.count).toBe(1);
    expect(loaded.skipped).toEqual([{ name: 'bomb.png', reason: 'unpacks to 900 MB; at most 64 MB per file' }]);
  });

  it('stops an entry whose declared size lies, at the size it declared', () => {
    const zip = makeZip([
      { name: 'liar.png', data: deflatedZeros(20_000_000), method: 8, declaredSize: 1000 },
      { name: 'ok.png', data: good, method: 0, declaredSize: good.length },
    ]);
    const loaded = loadImages(zip, size, 'photos.zip');
    expect(loaded.count).toBe(1);
    expect(loaded.skipped[0]).toEqual({ name: 'liar.png', reason: 'liar.png inflates to more than 1 KB' });
  });

  it('refuses a directory that declares more than it may unpack, or too many entries', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.png`, data: new Uint8Array(10), method: 8 as const, declaredSize: 60_000_000 }));
    expect(() => zipDirectory(makeZip(many), 'big.zip')).toThrow(/^big\.zip unpacks to 1\.2 GB; at most 1 GB are read$/);
    const files = Array.from({ length: 20_001 }, (_, i) => ({ name: `${i}`, data: new Uint8Array(0), method: 0 as const, declaredSize: 0 }));
    expect(() => loadImages(makeZip(files), size, 'many.zip')).toThrow(/many\.zip holds 20,001 entries; at most 20,000 are read/);
  });

  it('refuses a picture that declares 20,000×20,000 before decoding it', () => {
    const zip = makeZip([
      { name: 'huge.png', data: hugePng(20_000, 20_000, 1), method: 0, declaredSize: 0 },
      { name: 'ok.png', data: good, method: 0, declaredSize: good.length },
    ]);
    const loaded = loadImages(zip, size, 'photos.zip');
    expect(loaded.skipped[0].name).toBe('huge.png');
    expect(loaded.skipped[0].reason).toMatch(/^20000×20000 pixels is more than ganvas decodes \(at most 16\.8 megapixels/);
  });

  it('refuses PNG image data longer than its header says', () => {
    const png = hugePng(100, 100, 100_000);
    expect(() => loadImages([{ name: 'long.png', bytes: png }], size, 'x')).toThrow(/long\.png \(corrupt PNG \(its image data is larger than its 100×100 header says\)\)/);
  });
});

describe('text in pictures', () => {
  it('reads a 200 KB document from a PNG text chunk without spreading its bytes into one call', async () => {
    const { addPngText } = await import('../../../src/data/png-text');
    const text = JSON.stringify({ pad: 'x'.repeat(2_000_000) });
    expect(readPngText(addPngText(good, 'ganvas', text), 'ganvas')).toBe(text);
  });
});
