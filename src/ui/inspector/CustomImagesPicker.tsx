/** Choose or drop your own images (files, a folder or a zip) for a Dataset named "custom". */
import { useState, type DragEvent } from 'react';
import { chooseCustomImages, useCustomImages } from '../training/custom-images';
import { useT } from '../i18n';

export function CustomImagesPicker({ size }: { size: number[] }) {
  const images = useCustomImages((s) => s.images);
  const message = useCustomImages((s) => s.message);
  const [over, setOver] = useState(false);
  const t = useT();
  const [height, width, channels] = size;
  const target = { height, width, channels: channels === 1 ? (1 as const) : (3 as const) };
  const take = (files: FileList | null) => {
    if (files && files.length) void chooseCustomImages(Array.from(files), target);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    take(e.dataTransfer.files);
  };
  return (
    <section className="inspector-section" aria-label={t('images.title')}>
      <h4>{t('images.title')}</h4>
      <div
        className={`drop-zone${over ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="field-help">{t('images.drop', { size: `${height}×${width}×${target.channels}` })}</p>
        <label className="btn btn-small">
          {t('images.choose')}
          <input type="file" multiple accept="image/png,image/jpeg,.zip" hidden aria-label={t('images.chooseLabel')} onChange={(e) => take(e.currentTarget.files)} />
        </label>{' '}
        <label className="btn btn-small">
          {t('images.chooseFolder')}
          <input
            type="file"
            hidden
            aria-label={t('images.chooseFolderLabel')}
            {...({ webkitdirectory: '' } as Record<string, string>)}
            onChange={(e) => take(e.currentTarget.files)}
          />
        </label>
      </div>
      {message && (
        <p className={message.tone === 'error' ? 'field-error' : 'field-help'} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {!images && !message && <p className="field-help">{t('images.none')}</p>}
    </section>
  );
}
