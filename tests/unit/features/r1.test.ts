/**
 * The R1 penalty γ/2·E‖∇ₓD(x)‖² against finite differences computed here in float64: its value
 * (the input gradient) and its gradient with respect to D's weights (double backprop), on the CPU
 * backend and on WASM, dense and convolutional.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { adam, makeTemplate, phase } from '../../../scripts/templates/builder';
import type { Plan } from '../../../src/compiler/plan';
import { chooseBackend } from '../../../src/engine/backend';
import { GraphRunner } from '../../../src/engine/graph';
import { fusedBatchNormAvailable } from '../../../src/engine/kernels/batch-norm';
import { initialPlanValues } from '../../../src/engine/init';
import { GroupVariables } from '../../../src/engine/network';
import type { Engine } from '../../../src/engine/index';
import { checkDocument } from '../../../src/graph/checker';
import type { Layer } from '../../../src/graph/layers';
import { Rng } from '../../../src/util/rng';
import { engineOf, planOf } from '../engine/helpers';

const engines: Engine[] = [];
afterAll(() => engines.forEach((e) => e.dispose()));

const GAMMA = 3;

/** data → D → R1, one phase updating D with the penalty. */
function r1Doc(layers: Layer[], dataset = 'ring8', lr = 1e-3) {
  return makeTemplate({
    id: 'r1', title: 'R1 penalty', description: 'R1 on a discriminator', view: '', lesson: '',
    build: (g) => {
      g.node('data', 'Dataset', [0, 0], { name: dataset });
      g.node('D', 'Discriminator', [1, 0], { layers });
      g.node('R1', 'R1Penalty', [2, 0], { gamma: GAMMA });
      g.wire('data.x', 'D.x');
      g.wire('D.out', 'R1.logits');
    },
    phases: [phase({ id: 'd', name: 'D step', terms: ['R1'], updates: ['D'], optimizer: adam(lr) })],
    presets: { tiny: { width: 1, batchSize: 3, steps: 10 }, small: { width: 1, batchSize: 3, steps: 10 }, full: { width: 1, batchSize: 3, steps: 10 } },
  });
}

/** D(x) in float64 for dense → leakyReLU(α) → dense, from the weights as numbers. */
function denseD(w: Record<string, number[]>, hidden: number, alpha: number) {
  return (x: number[]): number => {
    let out = w['D/2/bias'][0];
    for (let j = 0; j < hidden; j++) {
      let h = w['D/0/bias'][j];
      for (let i = 0; i < x.length; i++) h += x[i] * w['D/0/kernel'][i * hidden + j];
      out += (h > 0 ? h : alpha * h) * w['D/2/kernel'][j];
    }
    return out;
  };
}

/** γ/2 · mean_i ‖∇ₓD(x_i)‖² by central differences. */
function r1ByDifferences(d: (x: number[]) => number, xs: number[][], h = 1e-5): number {
  let total = 0;
  for (const x of xs) {
    for (let j = 0; j < x.length; j++) {
      const up = [...x];
      const down = [...x];
      up[j] += h;
      down[j] -= h;
      total += ((d(up) - d(down)) / (2 * h)) ** 2;
    }
  }
  return (GAMMA / 2) * (total / xs.length);
}

/** The data node's draw: `x` given, its other outputs (labels, domain) zeros. */
function drawsOf(plan: Plan, x: Float32Array, batch: number) {
  const data = plan.nodes.find((n) => n.id === 'data')!;
  const drawn: Record<string, Float32Array> = {};
  for (const [port, shape] of Object.entries(data.outputs)) drawn[port] = port === 'x' ? x : new Float32Array(batch * shape.dims.reduce((a, b) => a * b, 1));
  return new Map([['data', drawn]]);
}

async function runnerFor(plan: Plan) {
  const group = new GroupVariables(plan.groups[0], initialPlanValues(plan), `r1-${Math.random()}/`);
  return { runner: new GraphRunner(plan, new Map([['D', group]])), group };
}

describe('R1 penalty', () => {
  const hidden = 4;
  const plan = planOf(r1Doc([{ type: 'dense', units: hidden }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'dense', units: 1 }]), { size: 'tiny' });
  const xs = [[0.3, -1.2], [1.5, 0.4], [-0.7, 0.9]];

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: value and weight gradient match finite differences (dense, leaky ReLU)`, async () => {
      await tf.setBackend(backend);
      const { runner, group } = await runnerFor(plan);
      const draws = drawsOf(plan, new Float32Array(xs.flat()), 3);
      const loss = () => runner.evaluate(plan.phases[0].nodes, draws, { training: true, progress: 0, batch: 3 }).get('R1')!.loss as tf.Scalar;
      const named = group.variables.filter((v) => v.trainable);
      const { value, grads } = tf.variableGrads(loss, named.map((v) => v.variable));
      const weights: Record<string, number[]> = {};
      for (const v of named) weights[v.name] = Array.from(await v.variable.data());
      const d = denseD(weights, hidden, 0.2);
      const expected = r1ByDifferences(d, xs);
      expect(expected).toBeGreaterThan(1e-3);
      expect((await value.data())[0]).toBeCloseTo(expected, 4);
      // ∂R1/∂w for every weight, by central differences on R1 itself (float64).
      for (const v of named) {
        // No path from the input gradient to the last bias: no gradient at all, which is zero.
        const g = grads[v.variable.name] ? Array.from(await grads[v.variable.name].data()) : weights[v.name].map(() => 0);
        const numeric = weights[v.name].map((_, k) => {
          const at = (delta: number) => {
            const moved = { ...weights, [v.name]: weights[v.name].map((w, i) => (i === k ? w + delta : w)) };
            return r1ByDifferences(denseD(moved, hidden, 0.2), xs);
          };
          return (at(1e-4) - at(-1e-4)) / 2e-4;
        });
        const scale = Math.max(...numeric.map(Math.abs), 1e-3);
        g.forEach((value, k) => expect(Math.abs(value - numeric[k]) / scale, `${v.name}[${k}]`).toBeLessThan(2e-3));
      }
      group.dispose();
    });
  }

  it('trains: a D step with the penalty lowers the penalty (cpu)', async () => {
    await tf.setBackend('cpu');
    const engine = await engineOf(planOf(r1Doc([{ type: 'dense', units: 8 }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'dense', units: 1 }], 'ring8', 1e-2), { size: 'tiny', steps: 40 }), 'cpu');
    engines.push(engine);
    const readings: number[] = [];
    for (let i = 0; i < 30; i++) {
      engine.iterate();
      readings.push((await engine.flushMetrics())!.R1);
    }
    expect(readings[29]).toBeLessThan(readings[0] * 0.5);
  });

  const conv: Layer = { type: 'conv2d', filters: 2, kernel: 3, stride: 2, padding: 'same' };
  const convStacks: [string, Layer[]][] = [
    ['conv discriminators', [conv, { type: 'leakyRelu', alpha: 0.2 }, { type: 'flatten' }, { type: 'dense', units: 1 }]],
    // wasm's fused BatchNorm kernels have no second derivative: the re-run takes composite ops.
    ['conv + BatchNorm discriminators', [conv, { type: 'batchNorm', momentum: 0.9 }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'flatten' }, { type: 'dense', units: 1 }]],
  ];
  for (const [name, layers] of convStacks) it(`${name}: the same weight gradient on wasm as on cpu`, async () => {
    const convPlan = planOf(r1Doc(layers, 'mnist'), { size: 'tiny' });
    const rng = new Rng(5);
    const images = Float32Array.from({ length: 3 * 28 * 28 }, () => rng.next() * 2 - 1);
    const gradsOn = async (backend: 'cpu' | 'wasm') => {
      if (backend === 'wasm') {
        // The engine's own wasm set-up, native kernels included (fused BatchNorm among them).
        expect((await chooseBackend({ prefer: 'wasm', env: 'node' })).active).toBe('wasm');
        expect(fusedBatchNormAvailable()).toBe(true);
      } else await tf.setBackend(backend);
      const { runner, group } = await runnerFor(convPlan);
      const draws = drawsOf(convPlan, images, 3);
      const vars = group.variables.filter((v) => v.trainable);
      const { grads } = tf.variableGrads(() => runner.evaluate(convPlan.phases[0].nodes, draws, { training: true, progress: 0, batch: 3 }).get('R1')!.loss as tf.Scalar, vars.map((v) => v.variable));
      const out = await Promise.all(vars.filter((v) => grads[v.variable.name]).map(async (v) => Array.from(await grads[v.variable.name].data())));
      group.dispose();
      return out.flat();
    };
    const cpu = await gradsOn('cpu');
    const wasm = await gradsOn('wasm');
    const scale = Math.max(...cpu.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-4);
    expect(wasm.length).toBe(cpu.length);
    wasm.forEach((g, i) => expect(Math.abs(g - cpu[i]) / scale).toBeLessThan(1e-3));
  });

  it('a backend that cannot take the second derivative is named with the penalty and the network', async () => {
    await tf.setBackend('cpu');
    const engine = await engineOf(planOf(r1Doc([{ type: 'dense', units: 4 }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'dense', units: 1 }]), { size: 'tiny' }), 'cpu');
    engines.push(engine);
    engine.iterate();
    // Take away the zero gradient of Greater that LeakyReLU's second derivative needs.
    const greater = tf.getGradient('Greater');
    tf.unregisterGradient('Greater');
    try {
      const result = await engine.run({ steps: 1 });
      expect(result.status).toBe('error');
      expect(result.error?.message).toBe(
        'R1 (R1Penalty) in phase "D step": the cpu backend cannot take the second derivative it needs through ‹D› (Cannot compute gradient: gradient function not found for Greater.); change its layers, or remove the penalty',
      );
      expect([result.error?.phase, result.error?.loss]).toEqual(['d', 'R1']);
    } finally {
      tf.registerGradient(greater);
    }
  });

  it('the checker wants the scores straight from a network', () => {
    const doc = r1Doc([{ type: 'dense', units: 2 }, { type: 'dense', units: 1 }]);
    doc.nodes.push({ id: 'sg', kind: 'StopGradient', params: {}, position: { x: 0, y: 0 } });
    doc.edges = doc.edges.filter((e) => e.target.node !== 'R1');
    doc.edges.push({ id: 'a', source: { node: 'D', port: 'out' }, target: { node: 'sg', port: 'x' } }, { id: 'b', source: { node: 'sg', port: 'out' }, target: { node: 'R1', port: 'logits' } });
    const found = checkDocument(doc).diagnostics.filter((d) => d.node === 'R1' && d.severity === 'error');
    expect(found.map((d) => [d.port, d.message])).toEqual([['logits', 'R1 penalty ‹R1›: input logits must come straight from a network’s output, not from Stop gradient ‹sg›']]);
  });
});
