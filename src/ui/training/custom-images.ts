/**
 * The user's own images for Dataset nodes named "custom": chosen or dropped in the inspector,
 * decoded on the page (pure TS: PNG via fflate, JPEG via jpeg-js), kept in memory and handed to
 * the training worker. They are not part of the document; a set that cannot be read is refused
 * with a message and the images already chosen stay.
 */
import { create } from 'zustand';
import { loadImages, type ImageSize, type LoadedImages, type NamedBytes } from '../../data/images';

interface CustomImagesState {
  images: LoadedImages | null;
  /** The last message: how many images, which files were skipped, or why a set was refused. */
  message: { tone: 'ok' | 'error'; text: string } | null;
}

export const useCustomImages = create<CustomImagesState>(() => ({ images: null, message: null }));

/** Reads files (images, or one zip) and keeps them if at least one image could be read. */
export async function chooseCustomImages(files: File[], size: ImageSize): Promise<void> {
  try {
    const named: NamedBytes[] = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const zip = named.length === 1 && named[0].name.toLowerCase().endsWith('.zip');
    const loaded = loadImages(zip ? named[0].bytes : named, size, zip ? named[0].name : 'the dropped files');
    useCustomImages.setState({ images: loaded, message: { tone: 'ok', text: loaded.summary } });
  } catch (e) {
    useCustomImages.setState((s) => ({ ...s, message: { tone: 'error', text: `${(e as Error).message} — the images you had stay in use.` } }));
  }
}
