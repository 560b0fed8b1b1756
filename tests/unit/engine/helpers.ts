/** Shared by the engine tests: plans from templates, engines on a backend, loss histories. */
import type { Plan } from '../../../src/compiler/plan';
import { compilePlan, type CompileOptions } from '../../../src/compiler/compile';
import { nodeDataEnv } from '../../../src/data/env-node';
import type { GraphDocument } from '../../../src/graph/document';
import { Engine, type EngineEvent } from '../../../src/engine/index';
import { loadTemplate } from '../helpers';

export function planOf(name: string | GraphDocument, opts: CompileOptions = {}): Plan {
  const doc = typeof name === 'string' ? loadTemplate(name) : name;
  const result = compilePlan(doc, opts);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.plan;
}

export function engineOf(plan: Plan, backend: 'cpu' | 'wasm' = 'cpu'): Promise<Engine> {
  return Engine.create(plan, { dataEnv: nodeDataEnv(), backend });
}

/** Runs `steps` iterations with a readback every step; returns one loss record per step. */
export async function lossHistory(engine: Engine, steps: number): Promise<Record<string, number>[]> {
  const history: Record<string, number>[] = [];
  const errors: EngineEvent[] = [];
  await engine.run({
    steps,
    logEvery: 1,
    listener: (e) => {
      if (e.type === 'metrics') history.push(e.losses);
      if (e.type === 'error') errors.push(e);
    },
  });
  if (errors.length) throw new Error(JSON.stringify(errors[0]));
  return history;
}

/** Largest |a − b| / max(|b|, tiny) over the given keys of two histories. */
export function maxRelativeDifference(a: Record<string, number>[], b: Record<string, number>[], keys: string[]): number {
  if (a.length !== b.length) throw new Error(`histories have ${a.length} and ${b.length} steps`);
  let worst = 0;
  a.forEach((row, i) => {
    for (const k of keys) {
      const x = row[k];
      const y = b[i][k];
      if (x === undefined || y === undefined) throw new Error(`step ${i + 1}: no value for ${k}`);
      const d = Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
      if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    }
  });
  return worst;
}
