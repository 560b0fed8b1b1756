/** Setting up a lecture: which panels to hide, the link that opens it so, and the start button. */
import { useState } from 'react';
import { create } from 'zustand';
import { shareLink } from '../files/share';
import { LOCALE_NAMES, LOCALES, useLocale, useT, type Locale } from '../i18n';
import { Dialog } from '../shell/Dialog';
import { editorApi } from '../store/editor-store';
import { LECTURE_PANELS, lectureFlags, type LecturePanel } from './lecture-link';
import { startLecture } from './lecture-store';

export const useLectureDialog = create<{ open: boolean }>()(() => ({ open: false }));

const DEFAULT_HIDDEN: LecturePanel[] = ['palette', 'inspector', 'minimap'];

export function LectureDialog() {
  const t = useT();
  const open = useLectureDialog((s) => s.open);
  const locale = useLocale((s) => s.locale);
  const [hide, setHide] = useState<LecturePanel[]>(DEFAULT_HIDDEN);
  const [lang, setLang] = useState<Locale>(locale);
  if (!open) return null;
  const close = () => useLectureDialog.setState({ open: false });
  const link = shareLink(editorApi.getState().doc, undefined, lectureFlags({ hide, lang }));
  return (
    <Dialog id="lecture" title={t('lecture.setupTitle')} closeLabel={t('lecture.closeSetup')} onClose={close}>
      <p className="muted">{t('lecture.setupHelp')}</p>
      <fieldset className="lecture-hide">
        <legend>{t('lecture.hideLegend')}</legend>
        {LECTURE_PANELS.map((p) => (
          <label key={p} className="check">
            <input type="checkbox" checked={hide.includes(p)} onChange={(e) => setHide((h) => (e.target.checked ? [...h, p] : h.filter((x) => x !== p)))} /> {t(`lecture.panel.${p}`)}
          </label>
        ))}
      </fieldset>
      <label className="lecture-lang">
        {t('lecture.linkLanguage')}{' '}
        <select className="input" value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <input className="input share-link" readOnly value={link} aria-label={t('lecture.link')} onFocus={(e) => e.target.select()} />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(link).catch(() => undefined)}>
          {t('lecture.copyLink')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            close();
            startLecture({ hide });
          }}
        >
          {t('lecture.start')}
        </button>
      </div>
    </Dialog>
  );
}
