/** The start screen and template menu: every template with its picture, what it teaches and its variants. */
import { useEffect, useRef } from 'react';
import { emptyDocument } from '../../graph/document';
import { useEditor } from '../store/editor-store';
import { useLocale, useT } from '../i18n';
import { documentText } from '../i18n/document-text';
import { openTemplate, openVariant } from './open';
import { TEMPLATES } from './templates';
import { Thumb } from './Thumb';

export function Gallery() {
  const open = useEditor((s) => s.ui.galleryOpen);
  const setUi = useEditor((s) => s.setUi);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [open]);
  const t = useT();
  const locale = useLocale((s) => s.locale);
  if (!open) return null;
  const close = () => setUi({ galleryOpen: false });
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div ref={ref} className="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <header className="gallery-head">
          <div>
            <h1 id="gallery-title">{t('gallery.title')}</h1>
            <p className="muted">{t('gallery.intro')}</p>
          </div>
          <button type="button" className="btn" onClick={close} aria-label={t('gallery.closeLabel')}>
            {t('gallery.close')}
          </button>
        </header>
        <div className="gallery-grid">
          <article className="card card-empty">
            <Thumb doc={emptyDocument()} title={t('canvas.empty')} />
            <div className="card-body">
              <h3>{t('gallery.emptyTitle')}</h3>
              <p>{t('gallery.emptyText')}</p>
            </div>
            <div className="card-actions">
              <button type="button" className="btn btn-primary" onClick={() => openTemplate(emptyDocument())}>
                {t('gallery.startEmpty')}
              </button>
            </div>
          </article>
          {TEMPLATES.map(({ id, doc }) => {
            const text = documentText(doc, locale);
            return (
            <article key={id} className="card" aria-label={text.title}>
              <Thumb doc={doc} title={t('gallery.diagramOf', { title: text.title })} />
              <div className="card-body">
                <h3>{text.title}</h3>
                <p>{text.description}</p>
              </div>
              <div className="card-actions">
                <button type="button" className="btn btn-primary" aria-label={t('gallery.openTemplate', { title: text.title })} onClick={() => openTemplate(doc)}>
                  {t('top.open')}
                </button>
                {doc.variants.map((v) => (
                  <button key={v.id} type="button" className="btn btn-small" title={text.variant(v).description} aria-label={t('gallery.openVariant', { title: text.title, variant: text.variant(v).title })} onClick={() => openVariant(doc, v.id)}>
                    {text.variant(v).title}
                  </button>
                ))}
              </div>
            </article>
            );
          })}
        </div>
      </div>
    </div>
  );
}
