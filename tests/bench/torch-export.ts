/**
 * Milliseconds per training iteration (every phase once, at the template's small size) of
 *   (a) the engine as `ganvas train` runs it (TF.js wasm in Node, one thread), and
 *   (b) the same graph exported to PyTorch (`ganvas export torch`, train.py, one thread; the
 *       BLAS Debian's torch loads, OpenBLAS when libopenblas0 is installed),
 * side by side for InfoGAN and DANN, with their ratio. Both skip their first iterations and time
 * the windows of logged steps after them.
 *
 * Run: npx tsx tests/bench/torch-export.ts
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { compilePlan } from '../../src/compiler/compile';
import type { Plan } from '../../src/compiler/plan';
import { missingPythonPackages, pythonCommand, writePytorchProject } from '../../src/cli/pytorch-project';
import { nodeDataEnv } from '../../src/data/env-node';
import { Engine } from '../../src/engine/index';
import { loadDocumentText } from '../../src/graph/load';
import type { BenchRow } from './table';

const TEMPLATES = ['infogan', 'dann'];
const WARMUP = 3;

function smallPlan(name: string, steps: number): Plan {
  const text = readFileSync(new URL(`../../templates/${name}.json`, import.meta.url), 'utf8');
  const loaded = loadDocumentText(text, name);
  if (!loaded.ok) throw new Error(loaded.error);
  const compiled = compilePlan(loaded.document, { size: 'small', steps });
  if (!compiled.ok) throw new Error(`${name} does not compile`);
  return compiled.plan;
}

/** The engine on wasm: ms per iteration over `steps` after the warm-up, read back every 5. */
async function engineMs(plan: Plan, steps: number): Promise<number> {
  const engine = await Engine.create(plan, { dataEnv: nodeDataEnv(), backend: 'wasm' });
  try {
    await engine.run({ steps: WARMUP, logEvery: WARMUP });
    const start = performance.now();
    const result = await engine.run({ steps, logEvery: 5 });
    if (result.status !== 'done') throw new Error(`the engine stopped: ${result.error?.message}`);
    return (performance.now() - start) / steps;
  } finally {
    engine.dispose();
  }
}

/** train.py with one thread: ms per iteration over the windows after the first `WARMUP` steps. */
function torchMs(dir: string, steps: number): { ms: number; blas: string } {
  const run = spawnSync(pythonCommand(), ['train.py', '--steps', String(WARMUP + steps), '--every', String(WARMUP), '--threads', '1', '--out', 'bench'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  if (run.status !== 0) throw new Error(`train.py failed: ${(run.stdout + run.stderr).trim().split('\n').pop()}`);
  const windows = readFileSync(join(dir, 'bench', 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { stepsPerSecond: number });
  const timed = windows.slice(1);
  const seconds = timed.reduce((s, w) => s + WARMUP / w.stepsPerSecond, 0);
  // The BLAS libraries torch loaded (Debian's torch links libblas.so.3: OpenBLAS or the reference one).
  const probe = spawnSync(pythonCommand(), ['-c', 'import torch; torch.ones(2, 2) @ torch.ones(2, 2); print([l.split()[-1] for l in open("/proc/self/maps") if "blas" in l])'], { encoding: 'utf8' });
  const blas = /openblas/i.test(probe.stdout) ? 'OpenBLAS' : /blas/i.test(probe.stdout) ? 'reference BLAS' : 'no BLAS found';
  return { ms: (1000 * seconds) / (timed.length * WARMUP), blas };
}

export async function benchTorchExport(steps = 15): Promise<BenchRow[]> {
  const missing = missingPythonPackages();
  if (missing) throw new Error(missing);
  const rows: BenchRow[] = [];
  const stepsTorch = Math.ceil((steps * 2) / WARMUP) * WARMUP;
  for (const name of TEMPLATES) {
    const plan = smallPlan(name, WARMUP + stepsTorch);
    const dir = mkdtempSync(join(tmpdir(), `ganvas-bench-${name}-`));
    const written = await writePytorchProject(plan, dir);
    if (!written.ok) throw new Error(written.errors.join('; '));
    const wasm = await engineMs(plan, steps);
    const torch = torchMs(dir, stepsTorch);
    rows.push({
      template: name,
      size: `small (batch ${plan.batchSize}, width ×${plan.width})`,
      'ganvas train, wasm (ms/iteration)': wasm.toFixed(1),
      'exported train.py, torch (ms/iteration)': torch.ms.toFixed(1),
      'wasm ÷ torch': (wasm / torch.ms).toFixed(2),
      'torch BLAS': torch.blas,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./table');
  printTable('ganvas train (wasm) beside its PyTorch export (ms per iteration, one thread)', await benchTorchExport());
}
