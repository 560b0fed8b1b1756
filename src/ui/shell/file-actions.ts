/** Opening, saving, sharing and exporting, as the menus and shortcuts use them. */
import type { ReactFlowInstance } from '@xyflow/react';
import type { LoadResult } from '../../graph/load';
import { diagramPng, diagramSvg } from '../files/diagram';
import { download, fileNameFor, readDocumentFile, saveDocumentFile } from '../files/files';
import { shareLink } from '../files/share';
import { toast } from '../store/actions';
import { currentLocale, t } from '../i18n';
import { documentText } from '../i18n/document-text';
import { checkOf } from '../store/derived';
import { editorApi } from '../store/editor-store';
import { hasUnsavedWork, replaceDocument } from '../store/replace-document';

/** Opens a loaded document (keeping its id), or says why it was refused (the current graph stays). */
export async function openLoaded(result: LoadResult): Promise<boolean> {
  if (!result.ok) {
    toast(t('files.notOpened', { reason: result.error }), 'error', undefined, 9000);
    return false;
  }
  const unsaved = hasUnsavedWork(editorApi.getState());
  if (!(await replaceDocument(result.document))) return false;
  const state = editorApi.getState();
  // A document that failed to draw is already replaced by the last good one, with its own message.
  if (state.doc.meta.title !== result.document.meta.title) return false;
  state.setUi({ galleryOpen: false, rightTab: result.document.meta.lesson ? 'lesson' : 'node' });
  // Over unsaved work, the message with its Undo stays instead.
  const title = documentText(result.document, currentLocale()).title;
  if (!unsaved) toast(result.migratedFrom ? t('files.openedMigrated', { title, version: String(result.migratedFrom) }) : t('files.opened', { title }), 'success');
  return true;
}

export async function openFile(file: File): Promise<boolean> {
  return openLoaded(await readDocumentFile(file));
}

let picker: HTMLInputElement | null = null;

export function chooseFile(): void {
  if (!picker) {
    picker = document.createElement('input');
    picker.type = 'file';
    picker.accept = '.json,.png,application/json,image/png';
    picker.hidden = true;
    picker.setAttribute('aria-hidden', 'true');
    picker.addEventListener('change', () => {
      const file = picker!.files?.[0];
      if (file) void openFile(file);
      picker!.value = '';
    });
    document.body.appendChild(picker);
  }
  picker.click();
}

export function saveFile(): void {
  try {
    const name = saveDocumentFile(editorApi.getState().doc);
    editorApi.getState().markSaved();
    toast(t('files.saved', { name }), 'success');
  } catch (e) {
    toast(t('files.saveFailed', { reason: (e as Error).message }), 'error');
  }
}

export function share(): void {
  const link = shareLink(editorApi.getState().doc);
  editorApi.getState().setUi({ shareLink: link });
}

export async function exportDiagram(format: 'svg' | 'png', rf: ReactFlowInstance): Promise<void> {
  const { doc } = editorApi.getState();
  try {
    const svg = diagramSvg(doc, checkOf(doc), rf);
    if (format === 'svg') {
      download(new Blob([svg], { type: 'image/svg+xml' }), fileNameFor(doc, 'svg'));
    } else {
      const png = await diagramPng(doc, svg);
      download(new Blob([png.slice().buffer as ArrayBuffer], { type: 'image/png' }), fileNameFor(doc, 'png'));
    }
    toast(t('files.exported', { format: format.toUpperCase() }), 'success');
  } catch (e) {
    toast(t('files.exportFailed', { reason: (e as Error).message }), 'error');
  }
}

/** The current graph as a PyTorch project (a zip); the exporter loads on first use. */
export async function exportPytorchProject(): Promise<void> {
  const { exportPytorchZip } = await import('../files/pytorch-export');
  await exportPytorchZip(editorApi.getState().doc);
}
