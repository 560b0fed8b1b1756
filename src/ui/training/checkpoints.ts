/**
 * The run's checkpoints: saved from the worker (on pause, at the end, on request, every N
 * iterations), kept per document in IndexedDB with the loss history up to them, listed in the
 * dock, and downloaded, loaded from files, removed or exported as a network bundle.
 */
import { compilePlan } from '../../compiler/compile';
import { legacyDocumentKey } from '../../graph/document-id';
import type { Checkpoint } from '../../../workers/training-api';
import { download } from '../files/files';
import { t } from '../i18n';
import { toast } from '../store/actions';
import { editorApi } from '../store/editor-store';
import { CheckpointStore, packCheckpoint, unpackCheckpoint, type CheckpointHistory, type CheckpointReason, type StoredCheckpointInfo } from './checkpoint-store';
import { exportNetworkZip } from './export-network';
import { liveRun } from './live-run';
import { docKeyOf, messageOf } from './run-facts';
import { sessions, type Session } from './session';
import { setTraining, useTraining } from './training-store';
import { WorkerCrashedError } from './worker-client';

const store = new CheckpointStore(12);
/** The document whose checkpoints the dock lists (a later listing of another wins). */
let listedKey = '';

/** The loss history up to `step`, stored with a checkpoint so a resumed run shows its past. */
function historyUntil(step: number, history: CheckpointHistory = liveRun.series.snapshot()): CheckpointHistory {
  const keep = history.steps.findIndex((s) => s > step);
  if (keep < 0) return history;
  return { steps: history.steps.slice(0, keep), values: Object.fromEntries(Object.entries(history.values).map(([k, v]) => [k, v.slice(0, keep)])) };
}

/** A file name made of a title: letters, digits and dashes. */
function fileStem(title: string): string {
  return title.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'ganvas';
}

export const checkpoints = {
  /** Where a key's listing stands (the controller refreshes it when the document changes). */
  get listedKey(): string {
    return listedKey;
  },

  async store(session: Session, checkpoint: Checkpoint, reason: CheckpointReason): Promise<StoredCheckpointInfo | null> {
    try {
      const info = await store.save(session.docKey, checkpoint, { reason, history: historyUntil(checkpoint.manifest.step) });
      if (sessions.current === session) setTraining({ lastCheckpointStep: info.step });
      await checkpoints.refresh();
      return info;
    } catch (e) {
      toast(t('train.saveFailed', { reason: messageOf(e) }), 'error');
      return null;
    }
  },

  /** Stores a checkpoint of a run the dock no longer shows (a document left while it trained). */
  async keep(docKey: string, checkpoint: Checkpoint, reason: CheckpointReason, history: CheckpointHistory): Promise<void> {
    await store.save(docKey, checkpoint, { reason, history: historyUntil(checkpoint.manifest.step, history) });
    await checkpoints.refresh();
  },

  /** Saves the worker's state now (on pause, at the end, or on request). */
  async now(reason: CheckpointReason = 'manual'): Promise<StoredCheckpointInfo | null> {
    const session = sessions.current;
    if (!session || session.poisoned || !session.client.alive) return null;
    try {
      const checkpoint = await session.client.call((api) => api.saveCheckpoint());
      return await checkpoints.store(session, checkpoint, reason);
    } catch (e) {
      if (!(e instanceof WorkerCrashedError)) toast(t('train.saveFailed', { reason: messageOf(e) }), 'error');
      return null;
    }
  },

  /**
   * Lists the document's checkpoints in the dock (opening it when there are some). Checkpoints kept
   * under the document's title from before documents had ids move to its id first.
   */
  async refresh(docKey = docKeyOf(editorApi.getState().doc)): Promise<void> {
    listedKey = docKey;
    try {
      const doc = editorApi.getState().doc;
      if (doc.meta.id === docKey) await store.rekey(legacyDocumentKey(doc), docKey);
      const list = await store.list(docKey);
      if (listedKey !== docKey) return;
      const patch: Partial<ReturnType<typeof useTraining.getState>> = { checkpoints: list };
      if (list.length && !useTraining.getState().dockOpen) patch.dockOpen = true;
      setTraining(patch);
    } catch (e) {
      console.warn(t('train.unavailable', { reason: messageOf(e) }));
    }
  },

  record: (id: string) => store.record(id),

  async download(id: string): Promise<void> {
    const record = await store.record(id);
    if (!record) return;
    download(packCheckpoint(record.checkpoint), `${fileStem(record.info.title)}-step${record.info.step}.ganvas-ckpt`);
  },

  async loadFile(file: File): Promise<void> {
    try {
      const checkpoint = await unpackCheckpoint(file);
      const key = docKeyOf(editorApi.getState().doc);
      await store.save(key, checkpoint, { reason: 'file' });
      await checkpoints.refresh(key);
      toast(t('train.loaded', { step: checkpoint.manifest.step }), 'success');
    } catch (e) {
      toast(t('train.loadFailed', { file: file.name, reason: messageOf(e) }), 'error');
    }
  },

  async remove(id: string): Promise<void> {
    await store.remove(id);
    await checkpoints.refresh();
  },

  /** A trained network as a tf.js LayersModel (model.json + weights.bin), zipped. */
  async exportNetwork(id: string, group: string): Promise<void> {
    const record = await store.record(id);
    if (!record) return;
    const result = compilePlan(editorApi.getState().doc);
    const plan = result.ok ? result.plan : useTraining.getState().plan;
    if (!plan) {
      toast(t('export.model.noPlan'), 'error');
      return;
    }
    try {
      const zip = exportNetworkZip(record.checkpoint, group, plan);
      download(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), `${fileStem(record.info.title)}-${group}-step${record.info.step}.zip`);
    } catch (e) {
      toast(t('export.model.failed', { network: group, reason: messageOf(e) }), 'error', undefined, 9000);
    }
  },
};
