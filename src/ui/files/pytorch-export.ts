/**
 * Export ▸ PyTorch project: the current graph as a zip that trains without ganvas (model.py,
 * train.py, data.py, its data sets and starting weights), from the seeded initialisation or from a
 * stored checkpoint's weights. Data sets are built here, between yields, with progress shown.
 */
import { zip, type Zippable } from 'fflate';
import { compilePlan } from '../../compiler/compile';
import type { Plan } from '../../compiler/plan';
import { browserDataEnv } from '../../data/env-browser';
import { openDataset } from '../../data/open';
import type { DataSource } from '../../data/types';
import { planHash } from '../../compiler/plan-hash';
import type { Checkpoint } from '../../export/pytorch/checkpoint-format';
import { dataFiles, datasetsOf, exportPytorch } from '../../export/pytorch/index';
import { SIZE_PRESETS, type GraphDocument } from '../../graph/document';
import { toast } from '../store/actions';
import { CheckpointStore } from '../training/checkpoint-store';
import { useCustomImages } from '../training/custom-images';
import { editorApi } from '../store/editor-store';
import { download, fileNameFor } from './files';
import { formats, t } from '../i18n';

const RUNTIME = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../export/pytorch/runtime/ganvas_torch/*.py', { query: '?raw', import: 'default', eager: true })).map(([path, text]) => [
    path.split('/').pop()!,
    text,
  ]),
);

/** The document compiled at its size, or at the size a checkpoint was saved from. */
function planFor(doc: GraphDocument, checkpoint?: Checkpoint): { plan: Plan } | { error: string } {
  const sizes = checkpoint ? [doc.run.size, ...SIZE_PRESETS.filter((s) => s !== doc.run.size)] : [doc.run.size];
  for (const size of sizes) {
    const compiled = compilePlan(doc, { size });
    if (!compiled.ok) {
      const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
      return { error: t('files.graphErrors', { count: errors.length, problems: errors.slice(0, 3).map((d) => d.message).join('; ') }) };
    }
    if (!checkpoint || planHash(compiled.plan) === checkpoint.manifest.planHash) return { plan: compiled.plan };
  }
  return { error: t('files.ckptNotFromGraph') };
}

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function exportPytorchZip(doc: GraphDocument, checkpoint?: Checkpoint): Promise<void> {
  const found = planFor(doc, checkpoint);
  if ('error' in found) {
    toast(t('files.pytorchFailed', { reason: found.error }), 'error', undefined, 9000);
    return;
  }
  const plan = found.plan;
  const result = exportPytorch(plan, { runtime: RUNTIME, checkpoint });
  if (!result.ok) {
    toast(t('files.pytorchFailed', { reason: result.problems.map((p) => p.message).join('; ') }), 'error', undefined, 9000);
    return;
  }
  try {
    const sources = new Map<string, DataSource>();
    const custom = useCustomImages.getState().images ?? undefined;
    for (const name of datasetsOf(plan)) if (name !== 'custom' || custom) sources.set(name, await openDataset(name, browserDataEnv(), { custom }));
    let shown = 0;
    const data = await dataFiles(sources, {
      progress: async (done, total, name) => {
        if (performance.now() - shown > 400) {
          shown = performance.now();
          toast(t('files.pytorchPreparing', { name, percent: formats().number(done / total, { style: 'percent', maximumFractionDigits: 0 }) }), 'info', undefined, 5000);
          await nextFrame();
        }
      },
    });
    const folder = fileNameFor(doc, 'torch').replace(/\.torch$/, '-torch');
    const entries: Zippable = {};
    for (const f of [...result.files, ...data]) entries[`${folder}/${f.path}`] = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content;
    const bytes = await new Promise<Uint8Array>((resolve, reject) => zip(entries, { level: 6 }, (err, out) => (err ? reject(err) : resolve(out))));
    const name = checkpoint ? `${folder}-step${checkpoint.manifest.step}.zip` : `${folder}.zip`;
    download(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), name);
    toast(t('files.pytorchDone', { name }), 'success', undefined, 6000);
  } catch (e) {
    toast(t('files.pytorchFailed', { reason: (e as Error).message }), 'error', undefined, 9000);
  }
}

/** The dock's per-checkpoint export: the current graph with that stored checkpoint's weights. */
export async function exportStoredCheckpoint(id: string): Promise<void> {
  const record = await new CheckpointStore().record(id);
  if (!record) {
    toast(t('train.ckptGone'), 'error');
    return;
  }
  await exportPytorchZip(editorApi.getState().doc, record.checkpoint);
}
