/**
 * Messages with elements inside (a figure in bold, a link, a code span): `useRichT()` fills a
 * message's `{name}` placeholders with React nodes, so a sentence keeps its own word order in each
 * language while its figures stay elements. Strings and numbers are written as `t` writes them.
 */
import { createElement, Fragment, useMemo, type ReactNode } from 'react';
import { en } from './en';
import { formatNumber, type Locale, type MessageKey, type PlaceholdersOf } from './format';
import { TABLES, useLocale } from './index';

/** The parts a rich message needs: one node (or string, or number) per placeholder. */
export type RichParams<K extends MessageKey> = { [P in PlaceholdersOf<(typeof en)[K]>]: ReactNode };

export type RichTranslate = <K extends MessageKey>(key: K, params: RichParams<K>) => ReactNode;

export function richText<K extends MessageKey>(locale: Locale, key: K, params: RichParams<K>): ReactNode {
  const message = TABLES[locale][key] ?? en[key];
  const values = params as Record<string, ReactNode>;
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(values.count ?? 0);
    text = new Intl.PluralRules(locale === 'zh' ? 'zh-CN' : 'en-GB').select(count) === 'one' && message.one !== undefined ? message.one : message.other;
  }
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const v = values[m[1]];
    parts.push(v === undefined ? m[0] : typeof v === 'number' ? formatNumber(locale, v, { maximumFractionDigits: 6 }) : v);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return createElement(Fragment, null, ...parts.map((p, i) => (typeof p === 'string' ? p : createElement(Fragment, { key: i }, p))));
}

/** `richText` in the current language; the component re-renders when it changes. */
export function useRichT(): RichTranslate {
  const locale = useLocale((s) => s.locale);
  return useMemo<RichTranslate>(() => (key, params) => richText(locale, key, params), [locale]);
}
