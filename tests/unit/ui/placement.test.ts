/** Where new and pasted nodes go (never on another node), and the view a document opens at (readable text). */
import { describe, expect, it } from 'vitest';
import { freeSpot, pasteShift, TYPICAL_NODE, type Box } from '../../../src/ui/canvas/free-spot';
import { boundsOf, COMPACT_FLOOR_ZOOM, openingViewport, READABLE_ZOOM } from '../../../src/ui/canvas/opening-view';

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('free spots', () => {
  it('places ten clicked nodes in view, each on a spot none of the others covers', () => {
    const view = { x: -400, y: -300, width: 1000, height: 700 };
    const taken: Box[] = [];
    for (let i = 0; i < 10; i++) {
      const spot = freeSpot({ x: 0, y: 0 }, TYPICAL_NODE, taken, view);
      const box = { ...spot, ...TYPICAL_NODE };
      for (const t of taken) expect(overlap(box, t), `node ${i} on ${JSON.stringify(t)}`).toBe(false);
      expect(box.x).toBeGreaterThanOrEqual(view.x);
      expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
      taken.push(box);
    }
    // The first goes exactly where asked; the rest stay near it.
    expect(taken[0]).toMatchObject({ x: 0, y: 0 });
    for (const b of taken) expect(Math.hypot(b.x, b.y)).toBeLessThan(700);
  });

  it('goes outside the view only when the view is full', () => {
    const view = { x: 0, y: 0, width: 230, height: 130 };
    const spot = freeSpot({ x: 0, y: 0 }, TYPICAL_NODE, [{ x: 0, y: 0, width: 230, height: 130 }], view);
    expect(overlap({ ...spot, ...TYPICAL_NODE }, { x: 0, y: 0, width: 230, height: 130 })).toBe(false);
  });

  it('shifts pasted items until they land on nothing, further for each paste', () => {
    const original: Box = { x: 100, y: 100, ...TYPICAL_NODE };
    const first = pasteShift([original], [original]);
    const pasted = { ...original, x: original.x + first.x, y: original.y + first.y };
    expect(overlap(pasted, original)).toBe(false);
    expect(first.x).toBe(first.y);
    const second = pasteShift([original], [original, pasted]);
    const again = { ...original, x: original.x + second.x, y: original.y + second.y };
    expect(overlap(again, original) || overlap(again, pasted)).toBe(false);
    expect(second.x).toBeGreaterThan(first.x);
  });
});

describe('the opening view', () => {
  const view = { width: 864, height: 760 };

  it('fits a small graph whole, centred, at most slightly magnified', () => {
    const bounds = boundsOf([
      { x: 0, y: 0, ...TYPICAL_NODE },
      { x: 250, y: 150, ...TYPICAL_NODE },
    ])!;
    const v = openingViewport(bounds, view);
    expect(v.zoom).toBeGreaterThan(1);
    expect(v.zoom).toBeLessThanOrEqual(1.1);
    const left = v.x + bounds.x * v.zoom;
    const right = v.x + (bounds.x + bounds.width) * v.zoom;
    expect(left).toBeCloseTo(view.width - right, 6);
  });

  it('fits a big template whole with compact nodes, never below the compact floor', () => {
    // InfoGAN's extent: seven columns of 250 px.
    const bounds = { x: 0, y: 0, width: 1706, height: 720 };
    const v = openingViewport(bounds, view);
    expect(v.zoom).toBeLessThan(READABLE_ZOOM);
    expect(v.zoom).toBeGreaterThanOrEqual(COMPACT_FLOOR_ZOOM);
    expect(v.x + bounds.x * v.zoom).toBeGreaterThanOrEqual(0);
    expect(v.x + (bounds.x + bounds.width) * v.zoom).toBeLessThanOrEqual(view.width);
  });

  it('a graph too wide even for compact nodes opens at the floor, its left edge in view', () => {
    const bounds = { x: 0, y: 0, width: 4000, height: 720 };
    const v = openingViewport(bounds, view);
    expect(v.zoom).toBe(COMPACT_FLOOR_ZOOM);
    const left = v.x + bounds.x * v.zoom;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(0.1 * view.width);
  });
});
