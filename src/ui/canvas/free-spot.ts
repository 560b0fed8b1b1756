/**
 * Where a new item goes so it lands on nothing: boxes of what is on the canvas (measured sizes
 * when the canvas has drawn them, else a typical node's), and a search outwards from the wanted
 * spot, inside the visible part of the canvas first. Pure: no React, no DOM.
 */
import type { GraphDocument } from '../../graph/document';

export interface XY {
  x: number;
  y: number;
}

export interface Box extends XY {
  width: number;
  height: number;
}

/** A node before the canvas has measured it (a network node with two ports is about this size). */
export const TYPICAL_NODE = { width: 206, height: 110 } as const;

/** Space kept between items: more below and above, since a node grows when problems appear on it. */
const GAP = { x: 24, y: 36 };

/** Node sizes as the canvas measured them, by node id (the canvas fills this as it draws). */
export const measuredSizes = new Map<string, { width: number; height: number }>();

/** A new node as the canvas will draw it at most: several ports, a summary and the problems of an unwired node. */
export const UNMEASURED_NODE = { width: 206, height: 180 } as const;

/** The size a new node of `kind` will have: the largest drawn one of that kind, and never less than an unmeasured node. */
export function expectedSize(doc: GraphDocument, kind: string, sizes: ReadonlyMap<string, { width: number; height: number }> = measuredSizes): { width: number; height: number } {
  let best: { width: number; height: number } | null = null;
  for (const n of doc.nodes) {
    const s = n.kind === kind ? sizes.get(n.id) : undefined;
    if (s && (!best || s.height > best.height)) best = s;
  }
  return { width: Math.max(best?.width ?? 0, UNMEASURED_NODE.width), height: Math.max(best?.height ?? 0, UNMEASURED_NODE.height) };
}

/** Graph nodes and notes as boxes (frames are left out: nodes belong inside them). */
export function boxesOf(doc: GraphDocument, sizes: ReadonlyMap<string, { width: number; height: number }> = measuredSizes): Box[] {
  const boxes: Box[] = doc.nodes.map((n) => ({ ...n.position, ...(sizes.get(n.id) ?? TYPICAL_NODE) }));
  for (const note of doc.notes) boxes.push({ ...note.position, width: note.width ?? 200, height: note.height ?? 120 });
  return boxes;
}

function overlaps(a: Box, b: Box, gap: { x: number; y: number }): boolean {
  return a.x < b.x + b.width + gap.x && b.x < a.x + a.width + gap.x && a.y < b.y + b.height + gap.y && b.y < a.y + a.height + gap.y;
}

const inside = (a: Box, bounds: Box) => a.x >= bounds.x && a.y >= bounds.y && a.x + a.width <= bounds.x + bounds.width && a.y + a.height <= bounds.y + bounds.height;

/**
 * The top-left corner nearest `want` where a box of `size` overlaps none of `taken`: spots on a
 * grid around `want`, nearest first, inside `bounds` (the view) when one fits there.
 */
export function freeSpot(want: XY, size: { width: number; height: number }, taken: readonly Box[], bounds?: Box): XY {
  const stepX = Math.round((size.width + GAP.x) / 2);
  const stepY = Math.round((size.height + GAP.y) / 2);
  let outside: XY | null = null;
  for (let ring = 0; ring <= 40; ring++) {
    const spots: XY[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        spots.push({ x: want.x + i * stepX, y: want.y + j * stepY });
      }
    }
    // Nearest first; ties: right of and below the wanted spot before left and above.
    spots.sort((a, b) => Math.hypot(a.x - want.x, a.y - want.y) - Math.hypot(b.x - want.x, b.y - want.y) || b.x - a.x || b.y - a.y);
    for (const s of spots) {
      const box = { ...s, ...size };
      if (taken.some((t) => overlaps(box, t, GAP))) continue;
      if (!bounds || inside(box, bounds)) return { x: Math.round(s.x), y: Math.round(s.y) };
      outside ??= s;
    }
    // Nothing free in view within a few rings: the nearest free spot anywhere will do.
    if (outside && ring >= 6) break;
  }
  return outside ? { x: Math.round(outside.x), y: Math.round(outside.y) } : { x: Math.round(want.x), y: Math.round(want.y) };
}

/**
 * The shift for pasted items (given as boxes) so that none lands on what is there: the smallest
 * step down and to the right of `first` (repeated) that leaves them all clear.
 */
export function pasteShift(items: readonly Box[], taken: readonly Box[], first: XY = { x: 40, y: 40 }): XY {
  for (let k = 1; k <= 60; k++) {
    const shift = { x: first.x * k, y: first.y * k };
    const clear = items.every((b) => !taken.some((t) => overlaps({ ...b, x: b.x + shift.x, y: b.y + shift.y }, t, { x: 0, y: 0 })));
    if (clear) return shift;
  }
  return { x: first.x, y: first.y };
}
