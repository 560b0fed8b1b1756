/**
 * Lecture links: a share link (`#doc=…`) with flags after it, like TensorFlow Playground's
 * `*_hide` flags — `&lecture=1&palette_hide=true&dock_hide=true&lang=zh` — so a link opens the
 * graph in lecture mode with the chosen panels hidden, in the chosen language. Pure.
 */
import { LOCALES, type Locale } from '../i18n/format';

/** The panels a lecture can hide. */
export const LECTURE_PANELS = ['palette', 'inspector', 'dock', 'minimap', 'controls', 'notes'] as const;
export type LecturePanel = (typeof LECTURE_PANELS)[number];

export interface LectureFlags {
  hide: LecturePanel[];
  lang?: Locale;
}

/** The flags part of a lecture link (`lecture=1&…`). */
export function lectureFlags(flags: LectureFlags): string {
  const parts = ['lecture=1', ...LECTURE_PANELS.filter((p) => flags.hide.includes(p)).map((p) => `${p}_hide=true`)];
  if (flags.lang) parts.push(`lang=${flags.lang}`);
  return parts.join('&');
}

/** The lecture flags of a hash, `null` when it asks for no lecture. Unknown flags are ignored. */
export function lectureFromHash(hash: string): LectureFlags | null {
  const amp = hash.indexOf('&');
  if (amp < 0) return null;
  const params = new URLSearchParams(hash.slice(amp + 1));
  if (params.get('lecture') !== '1') return null;
  const hide = LECTURE_PANELS.filter((p) => params.get(`${p}_hide`) === 'true');
  const lang = params.get('lang');
  return { hide, ...(lang && (LOCALES as readonly string[]).includes(lang) ? { lang: lang as Locale } : {}) };
}
