/**
 * The PyTorch exporter without Python: what it writes for every template, that its variables and
 * seeded initial values are the engine's, and that what it cannot write is refused by name.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import type { Plan } from '../../../src/compiler/plan';
import { initialPlanValues, networkVariableSpecs } from '../../../src/engine/init';
import { exportPytorch } from '../../../src/export/pytorch/index';
import { initialCheckpoint, planVariables } from '../../../src/export/pytorch/weights';
import { runtimeFiles } from '../../../src/export/pytorch/runtime-node';
import { serializeDocument } from '../../../src/graph/load';
import { loadTemplate } from '../helpers';
import { everyGraph } from './helpers';
import { planOf } from '../engine/helpers';

const runtime = runtimeFiles();

function filesOf(plan: Plan): Map<string, string | Uint8Array> {
  const result = exportPytorch(plan, { runtime });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return new Map(result.files.map((f) => [f.path, f.content]));
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { log: (l) => out.push(l), error: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('PyTorch export of every template and variant', () => {
  it.each(everyGraph())('%s: the files, with one phase function and one module per group', (_name, plan) => {
    const files = filesOf(plan);
    for (const f of ['README.md', 'model.py', 'train.py', 'data.py', 'plan.json', 'weights/manifest.json', 'weights/weights.bin', 'ganvas_torch/layers.py']) expect(files.has(f), f).toBe(true);
    const model = files.get('model.py') as string;
    const train = files.get('train.py') as string;
    expect(model.match(/^class \w+\(Network\):/gm)).toHaveLength(plan.groups.length);
    expect(train.match(/^def \w+\(nets, batch, progress\):/gm)).toHaveLength(plan.phases.length);
    for (const phase of plan.phases) {
      expect(train).toContain(`id=${JSON.stringify(phase.id)}`);
      for (const t of phase.terms) expect(train).toContain(`${JSON.stringify(t.loss)}: `);
    }
    // No import the code does not use.
    for (const [path, text] of files) {
      if (!path.endsWith('.py') || path.startsWith('ganvas_torch/')) continue;
      for (const m of (text as string).matchAll(/^from [\w.]+ import (.+)$/gm)) {
        for (const name of m[1].split(', ')) expect(new RegExp(`\\b${name}\\b`).test((text as string).replace(m[0], '')), `${path} imports ${name} unused`).toBe(true);
      }
    }
  });

  it.each(everyGraph())('%s: the variables and seeded initial values are the engine’s', (_name, plan) => {
    const engine = plan.groups.flatMap((g) => networkVariableSpecs(g.network).map((s) => ({ name: `${g.id}/${s.local}`, shape: s.shape, trainable: s.trainable })));
    expect(planVariables(plan).map((v) => ({ name: v.name, shape: v.shape, trainable: v.trainable }))).toEqual(engine);
    const ours = initialCheckpoint(plan);
    const values = new Float32Array(ours.weightData);
    let offset = 0;
    for (const v of initialPlanValues(plan)) {
      const mine = values.subarray(offset, offset + v.values.length);
      offset += v.values.length;
      expect(Buffer.from(mine.buffer, mine.byteOffset, mine.byteLength).equals(Buffer.from(v.values.buffer, v.values.byteOffset, v.values.byteLength)), v.name).toBe(true);
    }
    expect(offset).toBe(values.length);
  });
});

describe('what the export cannot write is refused, naming it', () => {
  const plan = planOf('infogan', { size: 'tiny' });
  const withNode = (edit: (p: Plan) => void): Plan => {
    const copy = structuredClone(plan);
    edit(copy);
    return copy;
  };

  it('a node kind without PyTorch code', () => {
    const p = withNode((c) => {
      c.nodes.find((n) => n.id === 'zc')!.kind = 'Shuffle';
    });
    const r = exportPytorch(p, { runtime });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ node: 'zc', message: expect.stringMatching(/‹z ⊕ c›.*no code for Shuffle nodes/) });
  });

  it('a param it does not know, unless at its default', () => {
    const odd = withNode((c) => {
      c.nodes.find((n) => n.id === 'L_fake')!.params.labelSmoothing = 0.1;
    });
    const r = exportPytorch(odd, { runtime });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message).join('\n')).toMatch(/Adversarial loss ‹fake → 0›: labelSmoothing = 0\.1 is not supported/);
    const inert = withNode((c) => {
      c.nodes.find((n) => n.id === 'L_fake')!.params.labelSmoothing = false;
    });
    expect(exportPytorch(inert, { runtime }).ok).toBe(true);
  });

  it('a known option value it has no code for', () => {
    const r = exportPytorch(withNode((c) => void (c.nodes.find((n) => n.id === 'L_fake')!.params.type = 'wasserstein')), { runtime });
    expect(!r.ok && r.problems[0].message).toMatch(/‹fake → 0›: adversarial loss type "wasserstein" is not supported/);
  });

  it('a layer field, and a layer type, it does not know', () => {
    const field = withNode((c) => {
      (c.groups.find((g) => g.id === 'D')!.network.layers[0].layer as Record<string, unknown>).dilation = 2;
    });
    const r = exportPytorch(field, { runtime });
    expect(!r.ok && r.problems[0].message).toMatch(/Discriminator ‹D \(real\)›, layer 1 \(Conv2D\): dilation = 2 is not supported/);
    const type = withNode((c) => {
      (c.groups.find((g) => g.id === 'G')!.network.layers[2].layer as { type: string }).type = 'selfAttention';
    });
    const t = exportPytorch(type, { runtime });
    expect(!t.ok && t.problems[0].message).toMatch(/Generator ‹G›, layer 3 \(selfAttention\): the PyTorch export has no code for this layer type/);
  });

  it('a phase setting it does not know', () => {
    const p = withNode((c) => {
      (c.phases[0] as unknown as Record<string, unknown>).clipGradients = 1;
    });
    const r = exportPytorch(p, { runtime });
    expect(!r.ok && r.problems[0]).toMatchObject({ phase: 'd', message: expect.stringMatching(/phase “D and Q step” \(d\): clipGradients = 1 is not supported/) });
  });

  it('an invalid graph, with the checker’s diagnostics (exit 2)', async () => {
    const doc = structuredClone(loadTemplate('gan-2d'));
    doc.edges = doc.edges.filter((e) => e.target.node !== 'G');
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-export-'));
    writeFileSync(join(dir, 'broken.json'), serializeDocument(doc));
    const r = await cli(['export', 'torch', join(dir, 'broken.json'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot export “GAN on a 2-D mixture”: the graph has errors/);
    expect(r.err).toMatch(/^error G: .*input x is not connected/m);
  });

  it('a checkpoint of other shapes, naming the variable (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganvas-export-'));
    expect((await cli(['train', 'gan-2d', '--size', 'small', '--steps', '1', '--out', join(dir, 'small')])).code).toBe(0);
    const r = await cli(['export', 'torch', 'gan-2d', '--size', 'tiny', '--weights', join(dir, 'small'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/variable D\/0\/kernel is 2×256 in the checkpoint but 2×32 in this graph/);
  });
});

describe('the checkpoint format the exporter writes without loading the engine', () => {
  it('is the engine’s', async () => {
    const engine = await import('../../../src/engine/checkpoint');
    const ours = await import('../../../src/export/pytorch/checkpoint-format');
    expect([ours.CHECKPOINT_FORMAT, ours.CHECKPOINT_VERSION, ours.WEIGHTS_FILE, ours.MANIFEST_FILE]).toEqual([engine.CHECKPOINT_FORMAT, engine.CHECKPOINT_VERSION, engine.WEIGHTS_FILE, engine.MANIFEST_FILE]);
  });
});
