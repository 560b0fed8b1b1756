/**
 * Looking inside a wire costs training nothing noticeable: iterations per second with one wire
 * pinned (probed at the page's pace, `src/ui/wires/cadence.ts`, between iterations as the worker
 * answers it) against none, runs interleaved, median of each. Node, WASM backend.
 *
 *   npx tsx tests/bench/wires.ts
 */
import { pathToFileURL } from 'node:url';
import { summaryBytes } from '../../src/analysis/wire-summary';
import { compilePlan } from '../../src/compiler/compile';
import { nodeDataEnv } from '../../src/data/env-node';
import { Engine } from '../../src/engine/index';
import { probeDelay } from '../../src/ui/wires/cadence';
import { loadTemplate } from '../unit/helpers';
import { printTable, type BenchRow } from './table';

const CASES = [
  { template: 'gan-2d', size: 'small' as const, wire: { node: 'G', port: 'out' }, seconds: 8 },
  { template: 'infogan', size: 'tiny' as const, wire: { node: 'G', port: 'out' }, seconds: 8 },
];
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(engine: Engine, seconds: number, wire?: { node: string; port: string }): Promise<{ itPerS: number; probes: number; probeMs: number; bytes: number }> {
  let probes = 0;
  let probeMs = 0;
  let bytes = 0;
  let lastDone = performance.now();
  let lastMs = 0;
  const started = performance.now();
  const startStep = engine.step;
  let stop = false;
  while (!stop) {
    await engine.run({
      steps: 5,
      logEvery: 5,
      listener: async (e) => {
        if (e.type !== 'metrics' || !wire) return;
        if (performance.now() - lastDone < probeDelay(lastMs, true)) return;
        const p = await engine.probe(wire.node, wire.port);
        probes++;
        probeMs += p.ms;
        bytes += summaryBytes(p.summary);
        lastMs = p.ms;
        lastDone = performance.now();
      },
    });
    stop = performance.now() - started > seconds * 1000;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { itPerS: (engine.step - startStep) / elapsed, probes, probeMs: probes ? probeMs / probes : 0, bytes: probes ? bytes / probes : 0 };
}

export async function benchWires(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const compiled = compilePlan(loadTemplate(c.template), { size: c.size, steps: 1_000_000 });
    if (!compiled.ok) throw new Error(`${c.template} does not compile`);
    const engine = await Engine.create(compiled.plan, { dataEnv: nodeDataEnv(), backend: 'wasm' });
    try {
      await engine.run({ steps: 10, logEvery: 10 }); // warm up
      const none: number[] = [];
      const pinned: number[] = [];
      let last = { probes: 0, probeMs: 0, bytes: 0 };
      for (let r = 0; r < ROUNDS; r++) {
        none.push((await timed(engine, c.seconds)).itPerS);
        const p = await timed(engine, c.seconds, c.wire);
        pinned.push(p.itPerS);
        last = p;
      }
      const a = median(none);
      const b = median(pinned);
      rows.push({
        template: `${c.template} ${c.size}`,
        backend: engine.backend,
        wire: `${c.wire.node}.${c.wire.port}`,
        'it/s, none pinned': Number(a.toFixed(2)),
        'it/s, one pinned': Number(b.toFixed(2)),
        'pinned vs none': `${((b / a - 1) * 100).toFixed(1)}%`,
        'probes per run': last.probes,
        'ms per probe': Number(last.probeMs.toFixed(1)),
        'KB per probe': Number((last.bytes / 1024).toFixed(1)),
        runs: `${ROUNDS}×${c.seconds} s each, interleaved; none ${none.map((x) => x.toFixed(1)).join('/')}, pinned ${pinned.map((x) => x.toFixed(1)).join('/')}`,
      });
    } finally {
      engine.dispose();
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable('Wire previews: steps/s with a wire pinned vs none', await benchWires());
}
