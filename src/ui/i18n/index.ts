/**
 * The interface language: the chosen locale (kept in localStorage, the browser's language by
 * default), `t(key, params)` for code that runs on demand, and `useT()` for components, which
 * re-render when the language changes.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { en } from './en';
import { formatDateTime, formatMessage, formatNumber, formatRelativeTime, localeFromLanguages, LOCALES, type Locale, type MessageKey, type MessageTable, type ParamsArgs } from './format';
import { zh } from './zh';

export { LOCALE_NAMES, LOCALE_TAGS, LOCALES, type Locale, type MessageKey } from './format';

const STORAGE_KEY = 'ganvas.locale';

export const TABLES: Record<Locale, MessageTable> = { en, zh };

function initialLocale(): Locale {
  try {
    const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* storage unavailable: the browser's language */
  }
  return typeof navigator !== 'undefined' ? localeFromLanguages(navigator.languages ?? [navigator.language]) : 'en';
}

export const useLocale = create<{ locale: Locale }>()(() => ({ locale: initialLocale() }));

function markDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
}
markDocument(useLocale.getState().locale);

/** Switches the interface language and keeps the choice. */
export function setLocale(locale: Locale): void {
  useLocale.setState({ locale });
  markDocument(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* kept for this page only */
  }
}

export const currentLocale = (): Locale => useLocale.getState().locale;

export type Translate = <K extends MessageKey>(key: K, ...args: ParamsArgs<K>) => string;

export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: ParamsArgs<K>): string {
  const message = TABLES[locale][key] ?? en[key];
  return formatMessage(locale, message, (args[0] ?? {}) as Record<string, string | number>);
}

/** A message in the current language (for toasts, titles and other text made on demand). */
export const t: Translate = (key, ...args) => translate(currentLocale(), key, ...args);

/** Numbers and dates in the current language. */
export interface Formats {
  locale: Locale;
  number(value: number, opts?: Intl.NumberFormatOptions): string;
  dateTime(time: number, opts?: Intl.DateTimeFormatOptions): string;
  relative(time: number): string;
}

export function formatsFor(locale: Locale): Formats {
  return {
    locale,
    number: (value, opts) => formatNumber(locale, value, opts),
    dateTime: (time, opts) => formatDateTime(locale, time, opts),
    relative: (time) => formatRelativeTime(locale, time),
  };
}

export const formats = (): Formats => formatsFor(currentLocale());

/** `t` bound to the current language; the component re-renders when it changes. */
export function useT(): Translate {
  const locale = useLocale((s) => s.locale);
  return useMemo<Translate>(() => (key, ...args) => translate(locale, key, ...args), [locale]);
}

/** Numbers and dates in the current language; the component re-renders when it changes. */
export function useFormats(): Formats {
  const locale = useLocale((s) => s.locale);
  return useMemo(() => formatsFor(locale), [locale]);
}
