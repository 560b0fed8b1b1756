/** The document's title, description and lesson, and the run settings (seed, size presets). */
import { SIZE_PRESETS, type SizePreset } from '../../graph/document';
import { perform, toast } from '../store/actions';
import { replaceDocument } from '../store/replace-document';
import { useEditor } from '../store/editor-store';
import { useLocale, useT } from '../i18n';
import { Field, NumberInput, TextInput } from './fields';

const PRESET_HELP = { tiny: 'settings.presetHelp.tiny', small: 'settings.presetHelp.small', full: 'settings.presetHelp.full' } as const satisfies Record<SizePreset, string>;
const PRESET_NAME = { tiny: 'settings.preset.tiny', small: 'settings.preset.small', full: 'settings.preset.full' } as const satisfies Record<SizePreset, string>;

/** Continues in a copy: a new document (its own id, so its own checkpoints); the original is one Undo away. */
async function makeCopy(): Promise<void> {
  const doc = useEditor.getState().doc;
  const title = `${doc.meta.title} (copy)`.slice(0, 200);
  const made = await replaceDocument({ ...doc, meta: { ...doc.meta, title } }, { copy: true, label: 'Make a copy' });
  // Over unsaved work the message with its Undo stays.
  if (made && !useEditor.getState().ui.toast?.action) toast(`Now editing “${title}”, a copy with checkpoints of its own`, 'success');
}

export function SettingsPanel() {
  const meta = useEditor((s) => s.doc.meta);
  const run = useEditor((s) => s.doc.run);
  const setMeta = (key: 'title' | 'description' | 'lesson', value: string) =>
    perform(`Edit ${key}`, (d) => void (d.meta[key] = value), { coalesce: `meta:${key}` });
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const own = locale === 'en' ? undefined : meta.translations?.[locale];
  /** The document's words in the interface's language (kept beside the English source). */
  const setOwn = (key: 'title' | 'description' | 'lesson', value: string) =>
    perform(`Edit ${key} (${locale})`, (d) => {
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
          Checkpoints belong to this document, whatever its title.{' '}
          <button type="button" className="btn btn-small" onClick={() => void makeCopy()} title="Continue in a copy of this graph: a new document with checkpoints of its own">
            Make a copy
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
                onCommit={(v) => perform('Edit seed', (d) => void (d.run.seed = v), { coalesce: 'run:seed' })}
              />
            )}
          </Field>
          <Field label={t('settings.logEvery')} help={t('settings.logEveryHelp')}>
            {(id) => (
              <NumberInput
                id={id}
                value={run.logEvery}
                integer
                validate={(v) => (v >= 1 ? null : 'At least 1')}
                onCommit={(v) => perform('Edit log interval', (d) => void (d.run.logEvery = v), { coalesce: 'run:log' })}
              />
            )}
          </Field>
        </div>
        <div className="segmented" role="radiogroup" aria-label={t('settings.sizePreset')}>
          {SIZE_PRESETS.map((p) => (
            <label key={p} className={run.size === p ? 'is-on' : ''} title={t(PRESET_HELP[p])}>
              <input type="radio" name="size-preset" value={p} checked={run.size === p} onChange={() => perform('Change size preset', (d) => void (d.run.size = p))} />
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
                perform(`Edit ${p} ${key}`, (d) => void (d.run.presets[p][key] = v), { coalesce: `run:${p}:${key}` });
              return (
                <tr key={p} className={run.size === p ? 'is-on' : ''}>
                  <th scope="row">{t(PRESET_NAME[p])}</th>
                  <td>
                    <NumberInput ariaLabel={`${p} width`} value={s.width} validate={(v) => (v > 0 && v <= 8 ? null : t('settings.widthRange'))} onCommit={(v) => set('width', v)} />
                  </td>
                  <td>
                    <NumberInput ariaLabel={`${p} batch size`} value={s.batchSize} integer validate={(v) => (v >= 1 && v <= 4096 ? null : t('settings.batchRange'))} onCommit={(v) => set('batchSize', v)} />
                  </td>
                  <td>
                    <NumberInput ariaLabel={`${p} steps`} value={s.steps} integer validate={(v) => (v >= 1 && v <= 10_000_000 ? null : t('settings.stepsRange'))} onCommit={(v) => set('steps', v)} />
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
