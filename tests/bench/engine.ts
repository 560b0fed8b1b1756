/**
 * The engine's figures on this machine (Node, wasm backend):
 *   - ms per training iteration for each template at `small` size (one warm-up iteration, then a few);
 *   - the engine's time per iteration over a hand-written TF.js loop doing the same 2-D GAN work
 *     (same batches, same ops, losses read back as often), target ≤ 1.05;
 *   - `ganvas train templates/gan-2d.json --steps 2000`: share of 1,000 generated points within 3σ of
 *     a ring mode, the smallest mode's share, and the wall time.
 *
 * Run alone: npx tsx tests/bench/engine.ts [--quick] [templates] [overhead] [ring]
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { modeCoverage } from '../../src/analysis/modes';
import { trainCommand } from '../../src/cli/commands/train';
import { compilePlan } from '../../src/compiler/compile';
import type { Plan } from '../../src/compiler/plan';
import { nodeDataEnv } from '../../src/data/env-node';
import { MIXTURES } from '../../src/data/points';
import { chooseBackend } from '../../src/engine/backend';
import { readCheckpoint } from '../../src/engine/checkpoint-node';
import { DataFeed, Engine, initialPlanValues } from '../../src/engine/index';
import { loadTemplate, templateNames, TEMPLATE_DIR } from '../unit/helpers';
import { printTable, type BenchRow } from './table';

function planOf(name: string, size: 'tiny' | 'small', steps?: number): Plan {
  const result = compilePlan(loadTemplate(name), { size, steps });
  if (!result.ok) throw new Error(`${name} does not compile`);
  return result.plan;
}

const ms = (v: number) => Math.round(v * 10) / 10;

async function templateRows(steps: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const name of templateNames()) {
    const plan = planOf(name, 'small', 1000);
    const engine = await Engine.create(plan, { dataEnv: nodeDataEnv(), backend: 'wasm' });
    try {
      await engine.run({ steps: 1, logEvery: 1 });
      const start = performance.now();
      const result = await engine.run({ steps, logEvery: steps });
      const elapsed = performance.now() - start;
      rows.push({
        measure: 'ms per iteration (small, wasm)',
        case: name,
        result: result.status === 'done' ? ms(elapsed / steps) : `failed: ${result.error?.message}`,
        note: `batch ${plan.batchSize}, width ×${plan.width}, ${plan.phases.length} phases, ${steps} iterations`,
      });
    } finally {
      engine.dispose();
    }
  }
  return rows;
}

/** The 2-D GAN written out directly with TF.js: the work the engine does, without the engine. */
async function handLoop(plan: Plan, logEvery: number): Promise<{ run(steps: number): Promise<number>; dispose(): void }> {
  const B = plan.batchSize;
  const vars: Record<string, tf.Variable> = {};
  for (const v of initialPlanValues(plan)) vars[v.name] = tf.variable(tf.tensor(v.values, v.shape), true, `bench-hand-${v.name}`);
  const group = (g: string) => Object.entries(vars).filter(([n]) => n.startsWith(`${g}/`)).map(([, v]) => v);
  const dVars = group('D');
  const gVars = group('G');
  const dense = (x: tf.Tensor, p: string) => tf.add(tf.matMul(x as tf.Tensor2D, vars[`${p}/kernel`] as tf.Tensor2D), vars[`${p}/bias`]);
  const D = (x: tf.Tensor) => dense(tf.leakyRelu(dense(tf.leakyRelu(dense(x, 'D/0'), 0.2), 'D/2'), 0.2), 'D/4');
  const G = (z: tf.Tensor) => dense(tf.relu(dense(tf.relu(dense(z, 'G/0')), 'G/2')), 'G/4');
  const bce = (l: tf.Tensor, t: number) => tf.mean(tf.add(tf.sub(tf.relu(l), tf.mul(l, t)), tf.log1p(tf.exp(tf.neg(tf.abs(l))))));
  const slots = new Map<string, { m: tf.Variable; v: tf.Variable }>();
  for (const w of Object.values(vars)) slots.set(w.name, { m: tf.variable(tf.zerosLike(w), false), v: tf.variable(tf.zerosLike(w), false) });
  const counters = { d: 0, g: 0 };
  const adam = (ws: tf.Variable[], grads: tf.NamedTensorMap, t: number) => {
    for (const w of ws) {
      const g = grads[w.name];
      const s = slots.get(w.name)!;
      const m = tf.add(tf.mul(s.m, 0.5), tf.mul(g, 0.5));
      const v = tf.add(tf.mul(s.v, 0.999), tf.mul(tf.square(g), 0.001));
      s.m.assign(m);
      s.v.assign(v);
      const mHat = tf.div(m, 1 - 0.5 ** t);
      const vHat = tf.div(v, 1 - 0.999 ** t);
      w.assign(tf.sub(w, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), 1e-8)), 1e-3)));
    }
  };
  const feed = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
  const [dPhase, gPhase] = plan.phases;
  let sum = tf.keep(tf.zeros([3]));
  let step = 0;
  return {
    async run(steps: number) {
      const start = performance.now();
      for (let i = 0; i < steps; i++) {
        step++;
        const dDraw = feed.draw(dPhase.nodes, B);
        tf.tidy(() => {
          const x = tf.tensor(dDraw.get('data')!.x, [B, 2]);
          const z = tf.tensor(dDraw.get('z')!.z, [B, 8]);
          let parts: tf.Tensor[] = [];
          const { grads } = tf.variableGrads(() => {
            const real = bce(D(x), 1);
            const fake = bce(D(G(z)), 0);
            parts = [tf.keep(real), tf.keep(fake)];
            return tf.add(real, fake) as tf.Scalar;
          }, dVars);
          adam(dVars, grads, ++counters.d);
          const gDraw = feed.draw(gPhase.nodes, B);
          const z2 = tf.tensor(gDraw.get('z')!.z, [B, 8]);
          const { value, grads: gGrads } = tf.variableGrads(() => bce(D(G(z2)), 1) as tf.Scalar, gVars);
          adam(gVars, gGrads, ++counters.g);
          const next = tf.keep(tf.add(sum, tf.stack([...parts, value])));
          sum.dispose();
          tf.dispose(parts);
          sum = next;
        });
        if (step % logEvery === 0) {
          await sum.data();
          sum.dispose();
          sum = tf.keep(tf.zeros([3]));
        }
      }
      return (performance.now() - start) / steps;
    },
    dispose() {
      sum.dispose();
      Object.values(vars).forEach((v) => v.dispose());
      slots.forEach((s) => (s.m.dispose(), s.v.dispose()));
    },
  };
}

async function overheadRows(steps: number): Promise<BenchRow[]> {
  const plan = planOf('gan-2d', 'small', 100_000);
  const logEvery = plan.logEvery;
  const engine = await Engine.create(plan, { dataEnv: nodeDataEnv(), backend: 'wasm' });
  const hand = await handLoop(plan, logEvery);
  await engine.run({ steps: 50, logEvery });
  await hand.run(50);
  const times = { engine: [] as number[], hand: [] as number[] };
  // Interleaved rounds, best of each: other work on the machine only ever slows a round down.
  const rounds = 10;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await engine.run({ steps, logEvery });
    times.engine.push((performance.now() - start) / steps);
    times.hand.push(await hand.run(steps));
  }
  engine.dispose();
  hand.dispose();
  const best = (a: number[]) => Math.min(...a);
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return [
    {
      measure: 'engine / hand-written loop (target ≤ 1.05)',
      case: 'gan-2d small',
      result: Math.round((best(times.engine) / best(times.hand)) * 1000) / 1000,
      note: `best: engine ${ms(best(times.engine))} ms, hand ${ms(best(times.hand))} ms; median ratio ${(median(times.engine) / median(times.hand)).toFixed(3)} (${rounds} interleaved rounds × ${steps} iterations)`,
    },
  ];
}

async function ringRows(steps: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ganvas-bench-ring-'));
  const start = performance.now();
  const code = await trainCommand([join(TEMPLATE_DIR, 'gan-2d.json'), '--steps', String(steps), '--out', dir], { log: () => {}, error: (s) => console.error(s) });
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0) return [{ measure: 'ring', case: 'gan-2d', result: `ganvas train exited ${code}`, note: '' }];
  const engine = await Engine.create(planOf('gan-2d', 'small', steps), { dataEnv: nodeDataEnv(), backend: 'wasm' });
  engine.loadState(readCheckpoint(dir));
  const points = await engine.sample('G', 'out', 1000);
  engine.dispose();
  const c = modeCoverage(points.data, MIXTURES.ring8);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    { measure: `ring: share within 3σ (target ≥ 80%)`, case: `gan-2d ${steps} steps`, result: pct(c.withinShare), note: `1,000 points, seed 7` },
    { measure: 'ring: smallest mode share (target ≥ 5%)', case: `gan-2d ${steps} steps`, result: pct(c.minModeShare), note: `modes: ${c.modeShares.map(pct).join(' ')}` },
    { measure: 'ring: seconds', case: `gan-2d ${steps} steps`, result: Math.round(seconds * 10) / 10, note: 'ganvas train, wasm, including samples and checkpoints' },
  ];
}

export type EnginePart = 'templates' | 'overhead' | 'ring';

export async function benchEngine(opts: { quick?: boolean; parts?: EnginePart[] } = {}): Promise<BenchRow[]> {
  const quick = opts.quick ?? false;
  const parts = new Set(opts.parts ?? ['templates', 'overhead', 'ring']);
  const rows: BenchRow[] = [];
  if (parts.has('templates')) rows.push(...(await templateRows(quick ? 2 : 5)));
  if (parts.has('overhead')) rows.push(...(await overheadRows(quick ? 100 : 200)));
  if (parts.has('ring')) rows.push(...(await ringRows(2000)));
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const parts = process.argv.slice(2).filter((a): a is EnginePart => ['templates', 'overhead', 'ring'].includes(a));
  printTable('Engine (Node, wasm)', await benchEngine({ quick: process.argv.includes('--quick'), parts: parts.length ? parts : undefined }));
}
