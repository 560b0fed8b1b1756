/** The interface language, chosen in the top bar; the choice is kept for the next visit. */
import { LOCALE_NAMES, LOCALES, setLocale, useLocale, useT, type Locale } from './index';

export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  return (
    <select className="input language-switch" aria-label={t('language.label')} title={t('language.switch')} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l === 'zh' ? 'zh-CN' : 'en'}>
          {LOCALE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
