/**
 * The PyTorch export: a training plan → a folder that trains the same graph without ganvas —
 * model.py, train.py, data.py (and evaluate.py when the lesson's figures can be computed),
 * the shared ganvas_torch/ package, the starting weights and, when given, the data files.
 * Pure: the caller supplies the runtime's files and the data (see runtime-node.ts, data-files.ts).
 */
import type { Plan } from '../../compiler/plan';
import { MANIFEST_FILE, WEIGHTS_FILE, type Checkpoint } from './checkpoint-format';
import { datasetsOf, type ExportFile } from './data-files';
import { figures, writeEvaluate } from './evaluate';
import { groupNames, writeModel } from './model';
import { writeReadme } from './readme';
import { exportProblems, type ExportProblem } from './support';
import { writeData, writeTrain } from './train';
import { checkCheckpoint, initialCheckpoint, WeightsMismatch } from './weights';

export interface PytorchExportOptions {
  /** The shared package, path within ganvas_torch/ → text (see runtime-node.ts). */
  runtime: Record<string, string>;
  /** Start from this ganvas checkpoint instead of the engine's seeded initialisation. */
  checkpoint?: Checkpoint;
  /** The data files (from dataFiles), when the project should carry its data. */
  data?: ExportFile[];
}

export type PytorchExport = { ok: true; files: ExportFile[] } | { ok: false; problems: ExportProblem[] };

export function exportPytorch(plan: Plan, opts: PytorchExportOptions): PytorchExport {
  const names = groupNames(plan);
  const found = figures(plan, names);
  const problems = exportProblems(plan, found.flatMap((f) => f.nodes));
  if (problems.length) return { ok: false, problems };
  let start: Checkpoint;
  if (opts.checkpoint) {
    try {
      checkCheckpoint(plan, opts.checkpoint);
    } catch (e) {
      if (e instanceof WeightsMismatch) return { ok: false, problems: [{ message: `the checkpoint does not fit this graph: ${e.message}` }] };
      throw e;
    }
    start = opts.checkpoint;
  } else start = initialCheckpoint(plan);
  const weightsFrom = opts.checkpoint ? `a ganvas checkpoint at step ${start.manifest.step} (${start.manifest.backend})` : `ganvas's seeded initialisation (seed ${plan.seed})`;
  const files: ExportFile[] = [
    { path: 'README.md', content: writeReadme(plan, { datasets: datasetsOf(plan), weightsFrom, evaluate: found.length > 0 }) },
    { path: 'model.py', content: writeModel(plan, names) },
    { path: 'data.py', content: writeData(plan) },
    { path: 'train.py', content: writeTrain(plan, names) },
    ...(found.length ? [{ path: 'evaluate.py', content: writeEvaluate(plan, found) }] : []),
    ...Object.entries(opts.runtime).map(([path, content]) => ({ path: `ganvas_torch/${path}`, content })),
    { path: 'plan.json', content: JSON.stringify(plan, null, 1) + '\n' },
    { path: `weights/${MANIFEST_FILE}`, content: JSON.stringify(start.manifest, null, 1) + '\n' },
    { path: `weights/${WEIGHTS_FILE}`, content: new Uint8Array(start.weightData) },
    ...(opts.data ?? []),
  ];
  return { ok: true, files };
}

export { dataFiles, datasetsOf, type ExportFile } from './data-files';
export type { ExportProblem } from './support';
