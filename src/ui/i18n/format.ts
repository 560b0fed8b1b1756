/**
 * Messages by id, in two languages, and numbers and dates per locale. Pure: no React, no store.
 *
 * A message is a string with `{name}` placeholders, or plural forms (`{ one, other }`, chosen by
 * `Intl.PluralRules` on the `count` param). The English table (`en.ts`) is the source: its keys
 * and placeholders are types, so `translate(locale, 'dock.step', { step })` does not compile with a
 * misspelt key or a missing param, and the Chinese table (`zh.ts`) does not compile without a key.
 */
import { en } from './en';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tags Intl formats with. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN' };
/** Each language's name in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '中文' };

export interface PluralMessage {
  one?: string;
  other: string;
}
export type Message = string | PluralMessage;

export type MessageKey = keyof typeof en;

type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type PlaceholdersOf<M> = M extends string ? Placeholders<M> : M extends PluralMessage ? Placeholders<M['other']> | 'count' : never;

export type ParamValue = string | number;
/** The params a message needs: one per placeholder (plural messages also take `count`). */
export type ParamsOf<K extends MessageKey> = { [P in PlaceholdersOf<(typeof en)[K]>]: ParamValue };
/** The arguments after the key: none for a message without placeholders, else its params. */
export type ParamsArgs<K extends MessageKey> = [PlaceholdersOf<(typeof en)[K]>] extends [never] ? [] : [ParamsOf<K>];

/** What a translation table must hold: every key of the English one, strings for strings, plural forms for plural forms. */
export type MessageTable = { [K in MessageKey]: (typeof en)[K] extends string ? string : PluralMessage };

const plurals = new Map<Locale, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = plurals.get(locale);
  if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(LOCALE_TAGS[locale])));
  return rules;
}

/** A number as the locale writes it (grouping, decimal mark); `digits` fixes the fraction digits. */
export function formatNumber(locale: Locale, value: number, opts: Intl.NumberFormatOptions = {}): string {
  if (!Number.isFinite(value)) return String(value);
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = numbers.get(key);
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(LOCALE_TAGS[locale], opts)));
  return f.format(value);
}

/** A moment (ms since the epoch) as the locale writes a date and time. */
export function formatDateTime(locale: Locale, time: number, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], opts).format(new Date(time));
}

/** "3 minutes ago" in the locale's words. */
export function formatRelativeTime(locale: Locale, time: number, now = Date.now()): string {
  const rtf = new Intl.RelativeTimeFormat(LOCALE_TAGS[locale], { numeric: 'auto' });
  const seconds = Math.round((time - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

function fill(locale: Locale, text: string, params: Record<string, ParamValue>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatNumber(locale, v, { maximumFractionDigits: 6 }) : v;
  });
}

/** Picks the plural form for `count` and fills the placeholders; numbers are written per locale. */
export function formatMessage(locale: Locale, message: Message, params: Record<string, ParamValue> = {}): string {
  if (typeof message === 'string') return fill(locale, message, params);
  const count = Number(params.count ?? 0);
  const form = pluralRules(locale).select(count) === 'one' && message.one !== undefined ? message.one : message.other;
  return fill(locale, form, params);
}

/** The placeholders a message uses (the test compares them between languages). */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : [message.other, ...(message.one !== undefined ? [message.one] : [])];
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  if (typeof message !== 'string') names.add('count');
  return [...names].sort();
}

/** The language a browser asks for first that we have, else English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}
