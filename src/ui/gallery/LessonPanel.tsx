/**
 * The lesson of the open document, with the template's one-click variants and its lesson view
 * (from the LESSON_VIEWS registry, by the document's `meta.view`): live pictures and figures of
 * the run in the training dock.
 */
import { useT } from '../i18n';
import { useDocumentText } from '../i18n/document-text';
import { LESSON_VIEWS } from '../lessons/index';
import { useEditor } from '../store/editor-store';
import { openVariant } from './open';
import { Markdown } from './markdown';
import { templateById } from './templates';

export function LessonPanel() {
  const meta = useEditor((s) => s.doc.meta);
  const variants = useEditor((s) => s.doc.variants);
  const setUi = useEditor((s) => s.setUi);
  const template = templateById(meta.template);
  // A variant document keeps its template's id; offer the template's variants and the original.
  const source = !variants.length && template?.doc.variants.length ? template : undefined;
  const offered = variants.length ? variants : (source?.doc.variants ?? []);
  // Only the registry's own entries: a document's view name never reaches Object.prototype.
  const View = meta.view && Object.hasOwn(LESSON_VIEWS, meta.view) ? LESSON_VIEWS[meta.view] : undefined;
  const t = useT();
  const text = useDocumentText({ meta });
  const sourceText = useDocumentText(source?.doc ?? { meta });
  return (
    <div className="panel-body lesson">
      <h2>{text.title}</h2>
      {text.description && <p className="inspector-desc">{text.description}</p>}
      {text.lesson ? (
        <Markdown source={text.lesson} className="markdown" />
      ) : (
        <p className="empty-note">
          {t('lesson.noneBefore')}{' '}
          <button type="button" className="link" onClick={() => setUi({ rightTab: 'settings' })}>
            {t('inspector.tab.settings')}
          </button>
          {t('lesson.noneAfter')}
        </p>
      )}
      {View && meta.view && (
        <section className="inspector-section lesson-view-host" aria-label={t('lesson.view')}>
          <View view={meta.view} />
        </section>
      )}
      {(offered.length > 0 || source) && (
        <section className="inspector-section" aria-label={t('lesson.variants')}>
          <h3>{t('lesson.tryVariant')}</h3>
          <div className="variant-list">
            {source && (
              <button type="button" className="btn btn-small" onClick={() => openVariant(source.doc, null)}>
                {t('lesson.original')}
              </button>
            )}
            {offered.map((v) => (
              <button
                key={v.id}
                type="button"
                className="btn btn-small"
                title={(variants.length ? text : sourceText).variant(v).description}
                onClick={() => openVariant(variants.length ? useEditor.getState().doc : source!.doc, v.id)}
              >
                {(variants.length ? text : sourceText).variant(v).title}
              </button>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
