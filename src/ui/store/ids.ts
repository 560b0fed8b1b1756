/**
 * Canvas ids. Graph nodes keep their document id; notes and frames are prefixed so the three
 * kinds of canvas item never collide.
 */
export const NOTE_PREFIX = 'note:';
export const GROUP_PREFIX = 'group:';

export type ItemRef = { type: 'node' | 'note' | 'group'; id: string };

export function itemOf(canvasId: string): ItemRef {
  if (canvasId.startsWith(NOTE_PREFIX)) return { type: 'note', id: canvasId.slice(NOTE_PREFIX.length) };
  if (canvasId.startsWith(GROUP_PREFIX)) return { type: 'group', id: canvasId.slice(GROUP_PREFIX.length) };
  return { type: 'node', id: canvasId };
}

export const noteCanvasId = (id: string) => NOTE_PREFIX + id;
export const groupCanvasId = (id: string) => GROUP_PREFIX + id;

/** `base`, `base2`, `base3`, … — the first not in `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** "Generator" → "generator1"; numbers start at 1 so the first node reads naturally. */
export function nodeIdFor(kindId: string, taken: ReadonlySet<string>): string {
  const base = kindId.charAt(0).toLowerCase() + kindId.slice(1);
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

export function edgeIdFor(s: { node: string; port: string }, t: { node: string; port: string }, taken: ReadonlySet<string>): string {
  return uniqueId(`${s.node}.${s.port}->${t.node}.${t.port}`, taken);
}
