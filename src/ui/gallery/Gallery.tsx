/** The start screen and template menu: every template with its picture, what it teaches and its variants. */
import { useEffect, useRef } from 'react';
import { emptyDocument } from '../../graph/document';
import { useEditor } from '../store/editor-store';
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
  if (!open) return null;
  const close = () => setUi({ galleryOpen: false });
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div ref={ref} className="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <header className="gallery-head">
          <div>
            <h1 id="gallery-title">Start from a template</h1>
            <p className="muted">Each one is a complete, checked graph with a lesson. Open it, read the lesson, change it.</p>
          </div>
          <button type="button" className="btn" onClick={close} aria-label="Close templates">
            Close
          </button>
        </header>
        <div className="gallery-grid">
          <article className="card card-empty">
            <Thumb doc={emptyDocument()} title="An empty canvas" />
            <div className="card-body">
              <h3>Empty canvas</h3>
              <p>Build your own graph from the palette.</p>
            </div>
            <div className="card-actions">
              <button type="button" className="btn btn-primary" onClick={() => openTemplate(emptyDocument())}>
                Start empty
              </button>
            </div>
          </article>
          {TEMPLATES.map(({ id, doc }) => (
            <article key={id} className="card" aria-label={doc.meta.title}>
              <Thumb doc={doc} title={`Diagram of ${doc.meta.title}`} />
              <div className="card-body">
                <h3>{doc.meta.title}</h3>
                <p>{doc.meta.description}</p>
              </div>
              <div className="card-actions">
                <button type="button" className="btn btn-primary" aria-label={`Open ${doc.meta.title}`} onClick={() => openTemplate(doc)}>
                  Open
                </button>
                {doc.variants.map((v) => (
                  <button key={v.id} type="button" className="btn btn-small" title={v.description} aria-label={`Open ${doc.meta.title}: ${v.title}`} onClick={() => openVariant(doc, v.id)}>
                    {v.title}
                  </button>
                ))}
              </div>
            </article>
          ))}
        </div>
      </div>
    </div>
  );
}
