/**
 * Fuzzy matching for the palette: every query word must match a name or description, as a word
 * prefix, a substring, or (for names) letters in order. Higher scores are better matches.
 */
import type { NodeKind } from '../../graph/node-kind';
import { CATEGORY_TITLES } from '../../graph/node-kind';

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** Letters of `q` in order within `text`; rewards consecutive letters and word starts. */
function subsequence(q: string, text: string): number {
  let score = 0;
  let at = 0;
  let run = 0;
  for (const ch of q) {
    const found = text.indexOf(ch, at);
    if (found < 0) return 0;
    run = found === at ? run + 1 : 0;
    const wordStart = found === 0 || /[\s\-_(/]/.test(text[found - 1]);
    score += 1 + run + (wordStart ? 2 : 0);
    at = found + 1;
  }
  return score / (text.length + 4);
}

function wordScore(word: string, name: string, description: string, extra: string): number {
  const words = name.split(/[\s\-_]+/);
  if (name === word) return 12;
  if (name.startsWith(word)) return 10;
  if (words.some((w) => w.startsWith(word))) return 8;
  if (name.includes(word)) return 6;
  if (extra.split(/\s+/).some((w) => w.startsWith(word))) return 4;
  if (description.split(/[^a-z0-9]+/).some((w) => w.startsWith(word))) return 3;
  if (word.length >= 4 && description.includes(word)) return 2;
  const fuzzy = subsequence(word, name);
  return fuzzy > 0.35 ? 1 + fuzzy : 0;
}

export function scoreKind(kind: NodeKind, query: string): number {
  const words = norm(query).split(/\s+/).filter(Boolean);
  if (!words.length) return 1;
  const name = norm(kind.title);
  const description = norm(kind.description);
  const extra = norm(`${kind.id} ${CATEGORY_TITLES[kind.category]}`);
  let total = 0;
  for (const w of words) {
    const s = wordScore(w, name, description, extra);
    if (s === 0) return 0;
    total += s;
  }
  return total;
}

export function searchKinds(kinds: readonly NodeKind[], query: string): NodeKind[] {
  if (!query.trim()) return [...kinds];
  return kinds
    .map((k, i) => ({ k, i, s: scoreKind(k, query) }))
    .filter((e) => e.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((e) => e.k);
}
