/** Writing an exported PyTorch project to disk, and finding a Python that can run it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plan } from '../compiler/plan';
import { nodeDataEnv } from '../data/env-node';
import type { LoadedImages } from '../data/images';
import { openDataset } from '../data/open';
import type { DataSource } from '../data/types';
import { readCheckpoint } from '../engine/checkpoint-node';
import { dataFiles, datasetsOf, exportPytorch } from '../export/pytorch/index';
import { runtimeFiles } from '../export/pytorch/runtime-node';

export interface ProjectOptions {
  /** A ganvas checkpoint folder to start from. */
  weights?: string;
  /** The user's images, for Dataset nodes named "custom". */
  custom?: LoadedImages;
  /** At most this many examples per split of each data set. */
  examples?: number;
  log?: (line: string) => void;
}

export type ProjectResult = { ok: true; files: number; bytes: number } | { ok: false; errors: string[] };

export async function writePytorchProject(plan: Plan, out: string, opts: ProjectOptions = {}): Promise<ProjectResult> {
  let checkpoint;
  if (opts.weights) {
    try {
      checkpoint = readCheckpoint(opts.weights);
    } catch (e) {
      return { ok: false, errors: [`cannot read the checkpoint ${opts.weights}: ${(e as Error).message}`] };
    }
  }
  const result = exportPytorch(plan, { runtime: runtimeFiles(), checkpoint });
  if (!result.ok) return { ok: false, errors: result.problems.map((p) => `error ${p.node ?? p.phase ?? 'graph'}: ${p.message}`) };
  const sources = new Map<string, DataSource>();
  for (const name of datasetsOf(plan)) {
    // Without the user's images, train.py reads them from a folder (--images) instead.
    if (name === 'custom' && !opts.custom) continue;
    sources.set(name, await openDataset(name, nodeDataEnv(), { custom: opts.custom }));
  }
  let shown = -1;
  const data = await dataFiles(sources, {
    limit: opts.examples,
    progress: (done, total, name) => {
      const tenth = Math.floor((10 * done) / total);
      if (tenth !== shown && total > 20_000) opts.log?.(`writing data: ${name} ${Math.round((100 * done) / total)}%`);
      shown = tenth;
    },
  });
  let bytes = 0;
  for (const file of [...result.files, ...data]) {
    const path = join(out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    bytes += typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.byteLength;
  }
  return { ok: true, files: result.files.length + data.length, bytes };
}

/** The interpreter that runs exported projects: $GANVAS_PYTHON, else Debian's /usr/bin/python3, else python3. */
export function pythonCommand(): string {
  if (process.env.GANVAS_PYTHON) return process.env.GANVAS_PYTHON;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/** Undefined when `python` imports torch and numpy; otherwise what is missing, in words. */
export function missingPythonPackages(python = pythonCommand()): string | undefined {
  const probe = spawnSync(python, ['-c', 'import importlib.util as u, sys; sys.stdout.write(",".join(m for m in ("torch", "numpy") if u.find_spec(m) is None))'], {
    encoding: 'utf8',
  });
  if (probe.error) return `${python} cannot be run (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}); set GANVAS_PYTHON to a Python 3 with torch and numpy`;
  const missing = probe.stdout.trim();
  if (probe.status !== 0) return `${python} failed: ${probe.stderr.trim().split('\n').pop()}`;
  if (!missing) return undefined;
  return `${python} has no ${missing.split(',').join(' and no ')} package: install it (on Debian: apt-get install python3-torch) or set GANVAS_PYTHON to a Python that has it`;
}
