/** Choose or drop your own images (files, a folder or a zip) for a Dataset named "custom". */
import { useState, type DragEvent } from 'react';
import { chooseCustomImages, useCustomImages } from '../training/custom-images';

export function CustomImagesPicker({ size }: { size: number[] }) {
  const images = useCustomImages((s) => s.images);
  const message = useCustomImages((s) => s.message);
  const [over, setOver] = useState(false);
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
    <section className="inspector-section" aria-label="Your images">
      <h4>Your images</h4>
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
        <p className="field-help">
          Drop PNG or JPEG files, or a zip, here. They are resized and centre-cropped to {height}×{width}×{target.channels} and stay on this
          computer.
        </p>
        <label className="btn btn-small">
          Choose images…
          <input type="file" multiple accept="image/png,image/jpeg,.zip" hidden aria-label="Choose images" onChange={(e) => take(e.currentTarget.files)} />
        </label>{' '}
        <label className="btn btn-small">
          Choose a folder…
          <input
            type="file"
            hidden
            aria-label="Choose a folder of images"
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
      {!images && !message && <p className="field-help">No images chosen yet: training needs at least one.</p>}
    </section>
  );
}
