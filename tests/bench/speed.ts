/**
 * Training speed against PyTorch, side by side in one run: for each template at `small`, the
 * engine on wasm in this process and the same plan in PyTorch (tests/bench/torch_plan.py, OpenBLAS,
 * one thread each), in interleaved rounds so that other load on the machine hits both alike. CPU
 * time of each process per iteration is the figure compared (wall time is shown too); min and
 * median over rounds. Then one iteration's kernel profile per template: where the time goes.
 *
 * Run alone: npx tsx tests/bench/speed.ts [--quick] [template…]
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compilePlan } from '../../src/compiler/compile';
import type { Plan } from '../../src/compiler/plan';
import { nodeDataEnv } from '../../src/data/env-node';
import { DataFeed, Engine } from '../../src/engine/index';
import { loadTemplate } from '../unit/helpers';
import { profile, wasmPeakGflops, type Profile } from './kernel-profile';
import { SPEED_TEMPLATES } from './speed-templates';
import { printTable, type BenchRow } from './table';

/** The ratios the engine is held to (ganvas / PyTorch CPU time per iteration). */
const RATIO_TARGET: Record<string, number> = { 'gan-2d': 3 };
const DEFAULT_TARGET = 2.5;

const PYTHON = '/usr/bin/python3';
const TORCH_SCRIPT = fileURLToPath(new URL('./torch_plan.py', import.meta.url));

function smallPlan(name: string): Plan {
  const result = compilePlan(loadTemplate(name), { size: 'small', steps: 1_000_000 });
  if (!result.ok) throw new Error(`${name} does not compile`);
  return result.plan;
}

interface Round {
  cpuMs: number;
  wallMs: number;
  /** Of cpuMs: drawing batches (generated data sets render each example on first use). */
  dataMs?: number;
}

/** CPU time spent in DataFeed.draw, counted by wrapping it (the bench's instrument only). */
const dataClock = { ms: 0 };
{
  const draw = DataFeed.prototype.draw;
  DataFeed.prototype.draw = function (this: DataFeed, ...args: Parameters<DataFeed['draw']>) {
    const start = process.cpuUsage();
    try {
      return draw.apply(this, args);
    } finally {
      const u = process.cpuUsage(start);
      dataClock.ms += (u.user + u.system) / 1000;
    }
  };
}

/** A PyTorch process training the plan, answering "run N" with its CPU and wall time. */
class TorchRunner {
  private readonly lines: AsyncIterator<string>;
  info: { threads: number; torch: string; blas: string[]; parameters: number } | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(plan: Plan, dir: string): Promise<TorchRunner> {
    const path = join(dir, 'plan.json');
    writeFileSync(path, JSON.stringify(plan));
    const child = spawn(PYTHON, [TORCH_SCRIPT, path, '1'], {
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const runner = new TorchRunner(child);
    const first = await runner.next();
    if (!first) throw new Error(`torch_plan.py did not start: ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
    runner.info = JSON.parse(first);
    return runner;
  }

  private async next(): Promise<string | undefined> {
    const r = await this.lines.next();
    return r.done ? undefined : r.value;
  }

  async run(steps: number): Promise<Round> {
    this.child.stdin.write(`run ${steps}\n`);
    const line = await this.next();
    if (!line) throw new Error('torch_plan.py stopped');
    const r = JSON.parse(line) as { cpu_ms: number; wall_ms: number };
    return { cpuMs: r.cpu_ms / steps, wallMs: r.wall_ms / steps };
  }

  stop(): void {
    this.child.stdin.end('quit\n');
  }
}

async function engineRound(engine: Engine, steps: number): Promise<Round> {
  const data0 = dataClock.ms;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = await engine.run({ steps });
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  if (result.status !== 'done') throw new Error(`training failed: ${result.error?.message}`);
  return { cpuMs: (cpu.user + cpu.system) / 1000 / steps, wallMs: wallMs / steps, dataMs: (dataClock.ms - data0) / steps };
}

const min = (a: number[]) => Math.min(...a);
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fix = (v: number, digits = 1) => Number(v.toFixed(digits));

export interface SpeedResult {
  template: string;
  ganvas: Round[];
  torch: Round[];
  profile: Profile;
  iterations: number;
}

/** Interleaved rounds of the engine and PyTorch on one template, then a profile of the engine. */
export async function measureTemplate(name: string, opts: { rounds: number; roundMs: number; profileIterations: number }): Promise<SpeedResult> {
  const plan = smallPlan(name);
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-speed-'));
  const torch = await TorchRunner.start(plan, dir);
  const engine = await Engine.create(plan, { dataEnv: nodeDataEnv(), backend: 'wasm' });
  try {
    const warm = await engineRound(engine, 3);
    const torchWarm = await torch.run(3);
    const steps = Math.max(plan.logEvery, Math.round(opts.roundMs / warm.wallMs / plan.logEvery) * plan.logEvery);
    const torchSteps = Math.max(plan.logEvery, Math.round(opts.roundMs / torchWarm.wallMs / plan.logEvery) * plan.logEvery);
    const ganvas: Round[] = [];
    const torchRounds: Round[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      ganvas.push(await engineRound(engine, steps));
      torchRounds.push(await torch.run(torchSteps));
    }
    const k = opts.profileIterations;
    const p = await profile(async () => {
      await engine.run({ steps: k });
    });
    const per = (v: number) => v / k;
    const scaled: Profile = {
      wallMs: per(p.wallMs),
      cpuMs: per(p.cpuMs),
      kernelMs: per(p.kernelMs),
      gcMs: per(p.gcMs),
      kernels: p.kernels.map((s) => ({ ...s, calls: per(s.calls), ms: per(s.ms), flops: per(s.flops) })),
      shapes: p.shapes.map((s) => ({ ...s, calls: per(s.calls), ms: per(s.ms), flops: per(s.flops) })),
    };
    return { template: name, ganvas, torch: torchRounds, profile: scaled, iterations: steps };
  } finally {
    engine.dispose();
    torch.stop();
  }
}

function ratioRows(results: SpeedResult[]): BenchRow[] {
  return results.map((r) => {
    const g = r.ganvas.map((x) => x.cpuMs);
    const t = r.torch.map((x) => x.cpuMs);
    const ratio = median(g) / median(t);
    const target = RATIO_TARGET[r.template] ?? DEFAULT_TARGET;
    return {
      template: r.template,
      'ganvas cpu ms (min / med)': `${fix(min(g))} / ${fix(median(g))}`,
      'PyTorch cpu ms (min / med)': `${fix(min(t), 2)} / ${fix(median(t), 2)}`,
      'ratio (med)': fix(ratio, 2),
      'ratio (min)': fix(min(g) / min(t), 2),
      target: `≤ ${target} ${ratio <= target ? 'met' : 'missed'}`,
      'from 2×': fix(ratio - 2, 2),
      'of which data (med)': fix(median(r.ganvas.map((x) => x.dataMs ?? 0)), 1),
      'ratio without data (med)': fix(median(r.ganvas.map((x) => x.cpuMs - (x.dataMs ?? 0))) / median(t), 2),
      'ganvas wall ms (min / med)': `${fix(min(r.ganvas.map((x) => x.wallMs)))} / ${fix(median(r.ganvas.map((x) => x.wallMs)))}`,
      'PyTorch wall ms (min / med)': `${fix(min(r.torch.map((x) => x.wallMs)), 2)} / ${fix(median(r.torch.map((x) => x.wallMs)), 2)}`,
    };
  });
}

const gflops = (flops: number, ms: number) => (ms > 0 ? flops / ms / 1e6 : 0);

function profileRows(r: SpeedResult, top: number): BenchRow[] {
  const p = r.profile;
  const peak = wasmPeakGflops();
  const rows: BenchRow[] = p.kernels.slice(0, top).map((k) => ({
    kernel: k.name,
    calls: fix(k.calls),
    'cpu ms': fix(k.ms, 2),
    share: `${fix((k.ms / p.cpuMs) * 100)}%`,
    'GFLOP/s': k.flops ? fix(gflops(k.flops, k.ms)) : '',
    'of peak': k.flops ? `${fix((gflops(k.flops, k.ms) / peak) * 100)}%` : '',
  }));
  const rest = p.kernels.slice(top);
  if (rest.length) {
    rows.push({ kernel: `${rest.length} other kernels`, calls: fix(rest.reduce((s, k) => s + k.calls, 0)), 'cpu ms': fix(rest.reduce((s, k) => s + k.ms, 0), 2), share: `${fix((rest.reduce((s, k) => s + k.ms, 0) / p.cpuMs) * 100)}%` });
  }
  rows.push({ kernel: 'all kernels', calls: fix(p.kernels.reduce((s, k) => s + k.calls, 0)), 'cpu ms': fix(p.kernelMs, 2), share: `${fix((p.kernelMs / p.cpuMs) * 100)}%` });
  rows.push({ kernel: 'outside kernels (JS, data, GC)', 'cpu ms': fix(p.cpuMs - p.kernelMs, 2), share: `${fix(((p.cpuMs - p.kernelMs) / p.cpuMs) * 100)}%` });
  rows.push({ kernel: 'of which garbage collection (wall)', 'cpu ms': fix(p.gcMs, 2), share: `${fix((p.gcMs / p.cpuMs) * 100)}%` });
  return rows;
}

function worstShapeRows(r: SpeedResult, top: number): BenchRow[] {
  const peak = wasmPeakGflops();
  return r.profile.shapes.slice(0, top).map((s) => ({
    kernel: s.name,
    shapes: s.shapes,
    calls: fix(s.calls),
    'cpu ms': fix(s.ms, 2),
    MFLOP: fix(s.flops / s.calls / 1e6, 2),
    'GFLOP/s': fix(gflops(s.flops, s.ms)),
    'of peak': `${fix((gflops(s.flops, s.ms) / peak) * 100)}%`,
  }));
}

function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

export async function benchSpeed(opts: { quick?: boolean; templates?: string[] } = {}): Promise<BenchRow[]> {
  if (!torchAvailable()) throw new Error(`${PYTHON} cannot import torch (apt-get install -y python3-torch)`);
  const quick = opts.quick ?? false;
  const templates = opts.templates?.length ? opts.templates : SPEED_TEMPLATES;
  const results: SpeedResult[] = [];
  // One template that cannot run (a plan feature the PyTorch replica lacks) leaves the others' rows.
  const failed: BenchRow[] = [];
  for (const name of templates) {
    try {
      results.push(await measureTemplate(name, { rounds: quick ? 3 : 7, roundMs: quick ? 500 : 1200, profileIterations: quick ? 3 : 10 }));
    } catch (e) {
      failed.push({ template: name, target: `could not run: ${(e as Error).message}` });
    }
  }
  const peak = wasmPeakGflops();
  for (const r of results) {
    printTable(`Kernel profile: one ${r.template} iteration at small (wasm, Node; peak ${fix(peak)} GFLOP/s = SIMD128 × 2 pipes × clock; CPU ${fix(r.profile.cpuMs)} ms, wall ${fix(r.profile.wallMs)} ms)`, profileRows(r, 12));
    printTable(`Slowest matrix kernels of ${r.template} by shape`, worstShapeRows(r, 8));
  }
  const info = results.length ? 'PyTorch: one thread, OpenBLAS' : '';
  const rows = [...ratioRows(results), ...failed];
  if (info) console.log(`\n(${info}; ganvas: wasm backend in Node, one thread; rounds interleaved, ~${quick ? 0.5 : 1.2} s each)`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const templates = args.filter((a) => !a.startsWith('--'));
  printTable('Speed: ganvas (wasm) vs PyTorch (OpenBLAS), one thread, CPU time per iteration at small', await benchSpeed({ quick: args.includes('--quick'), templates }));
}
