/**
 * Every template and variant exported to PyTorch: the files compile (py_compile), the modules hold
 * exactly the plan's variables in ganvas's shapes, and train.py runs three steps with finite losses
 * and writes a checkpoint. Data sets are cut to a few hundred examples per split to keep this
 * quick, and one Python process goes through all the projects (torch is imported once).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/compiler/plan';
import { planVariables } from '../../../src/export/pytorch/weights';
import { everyGraph, exportProject, metricsOf, mustRun, TMP } from './helpers';

/** For each project folder: compile its files, list its variables, train three steps. */
const DRIVER = `
import json, os, py_compile, sys
for project in json.loads(sys.argv[1]):
    os.chdir(project)
    sys.path.insert(0, project)
    for f in [f for f in os.listdir(".") if f.endswith(".py")] + ["ganvas_torch/" + f for f in os.listdir("ganvas_torch") if f.endswith(".py")]:
        py_compile.compile(f, doraise=True)
    import model, train
    from ganvas_torch.layers import to_ganvas
    names = [[n, list(to_ganvas(t, layout).shape)] for n, t, layout in model.Networks().ganvas_variables()]
    code = train.main(["--steps", "3", "--every", "1", "--out", "run"])
    print("RESULT " + json.dumps({"project": project, "variables": names, "code": code}), flush=True)
    sys.path.remove(project)
    for m in [m for m in sys.modules if m in ("model", "train", "data") or m.startswith("ganvas_torch")]:
        del sys.modules[m]
`;

const graphs = everyGraph();
const projects = new Map<string, string>();
const results = new Map<string, { variables: [string, number[]][]; code: number }>();

beforeAll(async () => {
  for (const [name, plan] of graphs) projects.set(name, await exportProject(plan, { examples: 256 }));
  const stdout = mustRun(TMP, ['-c', DRIVER, JSON.stringify([...projects.values()])]);
  for (const line of stdout.split('\n').filter((l) => l.startsWith('RESULT '))) {
    const r = JSON.parse(line.slice(7)) as { project: string; variables: [string, number[]][]; code: number };
    results.set(r.project, r);
  }
}, 600_000);

describe('every template and variant trains in PyTorch', () => {
  it.each(graphs)('%s', (name, plan: Plan) => {
    const dir = projects.get(name)!;
    const r = results.get(dir);
    expect(r, `${name}: no result from Python`).toBeDefined();
    expect(r!.code).toBe(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['model.py', 'train.py', 'data.py', 'README.md']));
    expect(r!.variables).toEqual(planVariables(plan).map((v) => [v.name, v.shape]));
    const metrics = metricsOf(join(dir, 'run'));
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3]);
    const keys = [...new Set(plan.phases.flatMap((p) => [...p.terms.map((t) => t.loss), p.id]))].sort();
    for (const m of metrics) {
      expect(Object.keys(m.losses).sort()).toEqual(keys);
      for (const [k, v] of Object.entries(m.losses)) expect(Number.isFinite(v), `${k} at step ${m.step}: ${v}`).toBe(true);
    }
    expect(existsSync(join(dir, 'run', 'checkpoint', 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'run', 'checkpoint.ganvas-ckpt'))).toBe(true);
  });
});
