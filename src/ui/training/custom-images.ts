/**
 * The user's own images for Dataset nodes named "custom": chosen or dropped in the inspector,
 * decoded in a worker of their own (workers/decode.worker.ts: PNG via fflate, JPEG via jpeg-js,
 * each picture's declared size checked first), kept in memory and handed to the training worker.
 * They are not part of the document; a set that cannot be read is refused with a message and the
 * images already chosen stay.
 */
import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { ImageSize, LoadedImages } from '../../data/images';
import type { DecodeApi } from '../../../workers/decode.worker';
import { t } from '../i18n';

interface CustomImagesState {
  images: LoadedImages | null;
  /** The last message: how many images, which files were skipped, or why a set was refused. */
  message: { tone: 'ok' | 'error'; text: string } | null;
  /** Whether a set is being decoded. */
  loading: boolean;
}

export const useCustomImages = create<CustomImagesState>(() => ({ images: null, message: null, loading: false }));

/** Reads files (images, or one zip) off the page's thread and keeps them if at least one image could be read. */
export async function chooseCustomImages(files: File[], size: ImageSize): Promise<void> {
  const worker = new Worker(new URL('../../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'ganvas-decode' });
  const failed = new Promise<never>((_, reject) => worker.addEventListener('error', (e) => reject(new Error(e.message || 'the image decoder stopped'))));
  useCustomImages.setState({ loading: true });
  try {
    const loaded = await Promise.race([Comlink.wrap<DecodeApi>(worker).load(files, size), failed]);
    useCustomImages.setState({ images: loaded, message: { tone: 'ok', text: loaded.summary }, loading: false });
  } catch (e) {
    useCustomImages.setState((s) => ({ ...s, loading: false, message: { tone: 'error', text: t('images.kept', { reason: (e as Error).message }) } }));
  } finally {
    worker.terminate();
  }
}
