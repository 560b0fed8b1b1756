/** The document's title, description and lesson, and the run settings (seed, size presets). */
import { SIZE_PRESETS, type SizePreset } from '../../graph/document';
import { perform, toast } from '../store/actions';
import { replaceDocument } from '../store/replace-document';
import { useEditor } from '../store/editor-store';
import { currentLocale, LOCALE_NAMES, t as translateNow, translate, useLocale, useT } from '../i18n';
import { documentText } from '../i18n/document-text';
import { Field, NumberInput, TextInput } from './fields';

const PRESET_HELP = { tiny: 'settings.presetHelp.tiny', small: 'settings.presetHelp.small', full: 'settings.presetHelp.full' } as const satisfies Record<SizePreset, string>;
const PRESET_NAME = { tiny: 'settings.preset.tiny', small: 'settings.preset.small', full: 'settings.preset.full' } as const satisfies Record<SizePreset, string>;
const META_FIELD = { title: 'field.title', description: 'field.description', lesson: 'field.lesson' } as const;
const PRESET_FIELD = { width: 'field.width', batchSize: 'field.batchSize', steps: 'field.steps' } as const;

/** Continues in a copy: a new document (its own id, so its own checkpoints); the original is one Undo away. */
async function makeCopy(): Promise<void> {
  const doc = useEditor.getState().doc;
  const title = `${doc.meta.title} (copy)`.slice(0, 200);
  // The copy's title in each language the document has words in says it is a copy.
  const zh = doc.meta.translations?.zh;
  const translations = zh?.title ? { ...doc.meta.translations, zh: { ...zh, title: translate('zh', 'settings.copyTitle', { title: zh.title }).slice(0, 200) } } : doc.meta.translations;
  const copy = { ...doc, meta: { ...doc.meta, title, ...(translations ? { translations } : {}) } };
  const made = await replaceDocument(copy, { copy: true, label: () => translateNow('undo.makeCopy') });
  // Over unsaved work the message with its Undo stays.
  if (made && !useEditor.getState().ui.toast?.action) toast(translateNow('settings.nowEditing', { title: documentText(copy, currentLocale()).title }), 'success');
}

export function SettingsPanel() {
  const meta = useEditor((s) => s.doc.meta);
  const run = useEditor((s) => s.doc.run);
  const setMeta = (key: 'title' | 'description' | 'lesson', value: string) =>
    perform(() => translateNow('undo.editMeta', { field: translateNow(META_FIELD[key]) }), (d) => void (d.meta[key] = value), { coalesce: `meta:${key}` });
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const own = locale === 'en' ? undefined : meta.translations?.[locale];
  /** The document's words in the interface's language (kept beside the English source). */
  const setOwn = (key: 'title' | 'description' | 'lesson', value: string) =>
    perform(() => translateNow('undo.editOwnMeta', { field: translateNow(META_FIELD[key]), language: LOCALE_NAMES[locale] }), (d) => {
      const all = (d.meta.translations ??= {});
      const tr = (all[locale as 'zh'] ??= {});
      if (value.trim()) tr[key] = value;
      else delete tr[key];
    }, { coalesce: `meta:${locale}:${key}` });

  return (
    <div className="panel-body settings">
      <section className="inspector-section" aria-label={t('settings.document')}>
        <h3>{t('settings.document')}</h3>
        {locale !== 'en' && (
          <>
            <p className="field-help">{t('settings.ownWordsHelp')}</p>
            <Field label={t('settings.ownTitle')}>{(id) => <TextInput id={id} value={own?.title ?? ''} placeholder={meta.title} onCommit={(v) => setOwn('title', v)} />}</Field>
            <Field label={t('settings.ownDescription')}>{(id) => <TextInput id={id} value={own?.description ?? ''} placeholder={meta.description} multiline rows={2} onCommit={(v) => setOwn('description', v)} />}</Field>
            <Field label={t('settings.ownLesson')} help={t('settings.lessonHelp')}>
              {(id) => <TextInput id={id} value={own?.lesson ?? ''} multiline rows={6} onCommit={(v) => setOwn('lesson', v)} />}
            </Field>
          </>
        )}
        <Field label={t('settings.title')}>{(id) => <TextInput id={id} value={meta.title} required onCommit={(v) => setMeta('title', v)} />}</Field>
        <Field label={t('settings.description')} help={t('settings.descriptionHelp')}>
          {(id) => <TextInput id={id} value={meta.description} multiline rows={2} onCommit={(v) => setMeta('description', v)} />}
        </Field>
        <Field label={t('settings.lesson')} help={t('settings.lessonHelp')}>
          {(id) => <TextInput id={id} value={meta.lesson} multiline rows={6} onCommit={(v) => setMeta('lesson', v)} />}
        </Field>
        <p className="field-help">
          {t('settings.checkpointsBelong')}{' '}
          <button type="button" className="btn btn-small" onClick={() => void makeCopy()} title={t('settings.makeCopyHelp')}>
            {t('settings.makeCopy')}
          </button>
        </p>
      </section>

      <section className="inspector-section" aria-label={t('settings.runSettings')}>
        <h3>{t('settings.run')}</h3>
        <div className="grid-2">
          <Field label={t('settings.seed')} help={t('settings.seedHelp')}>
            {(id) => (
              <NumberInput
                id={id}
                value={run.seed}
                integer
                validate={(v) => (v >= 0 && v <= 2 ** 31 - 1 ? null : t('settings.seedRange'))}
                onCommit={(v) => perform(() => translateNow('undo.editSeed'), (d) => void (d.run.seed = v), { coalesce: 'run:seed' })}
              />
            )}
          </Field>
          <Field label={t('settings.logEvery')} help={t('settings.logEveryHelp')}>
            {(id) => (
              <NumberInput
                id={id}
                value={run.logEvery}
                integer
                validate={(v) => (v >= 1 ? null : t('settings.atLeastOne'))}
                onCommit={(v) => perform(() => translateNow('undo.editLogEvery'), (d) => void (d.run.logEvery = v), { coalesce: 'run:log' })}
              />
            )}
          </Field>
        </div>
        <div className="segmented" role="radiogroup" aria-label={t('settings.sizePreset')}>
          {SIZE_PRESETS.map((p) => (
            <label key={p} className={run.size === p ? 'is-on' : ''} title={t(PRESET_HELP[p])}>
              <input type="radio" name="size-preset" value={p} checked={run.size === p} onChange={() => perform(() => translateNow('undo.changeSize'), (d) => void (d.run.size = p))} />
              {t(PRESET_NAME[p])}
            </label>
          ))}
        </div>
        <table className="presets">
          <thead>
            <tr>
              <th scope="col">{t('settings.col.preset')}</th>
              <th scope="col">{t('settings.col.width')}</th>
              <th scope="col">{t('settings.col.batch')}</th>
              <th scope="col">{t('settings.col.steps')}</th>
            </tr>
          </thead>
          <tbody>
            {SIZE_PRESETS.map((p) => {
              const s = run.presets[p];
              const set = (key: 'width' | 'batchSize' | 'steps', v: number) =>
                perform(() => translateNow('undo.editPreset', { preset: translateNow(PRESET_NAME[p]), field: translateNow(PRESET_FIELD[key]) }), (d) => void (d.run.presets[p][key] = v), { coalesce: `run:${p}:${key}` });
              return (
                <tr key={p} className={run.size === p ? 'is-on' : ''}>
                  <th scope="row">{t(PRESET_NAME[p])}</th>
                  <td>
                    <NumberInput ariaLabel={t('settings.presetWidth', { preset: t(PRESET_NAME[p]) })} value={s.width} validate={(v) => (v > 0 && v <= 8 ? null : t('settings.widthRange'))} onCommit={(v) => set('width', v)} />
                  </td>
                  <td>
                    <NumberInput ariaLabel={t('settings.presetBatch', { preset: t(PRESET_NAME[p]) })} value={s.batchSize} integer validate={(v) => (v >= 1 && v <= 4096 ? null : t('settings.batchRange'))} onCommit={(v) => set('batchSize', v)} />
                  </td>
                  <td>
                    <NumberInput ariaLabel={t('settings.presetSteps', { preset: t(PRESET_NAME[p]) })} value={s.steps} integer validate={(v) => (v >= 1 && v <= 10_000_000 ? null : t('settings.stepsRange'))} onCommit={(v) => set('steps', v)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
