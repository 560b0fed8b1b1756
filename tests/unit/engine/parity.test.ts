/**
 * The engine against training loops written out here by hand with plain TF.js: same seed, same
 * initial values (from the engine's init helper), same batches (from the engine's data feed), but
 * our own forward passes, losses, gradients and optimizers. CPU backend, so results are exact.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/compiler/plan';
import { nodeDataEnv } from '../../../src/data/env-node';
import { DataFeed, initialPlanValues } from '../../../src/engine/index';
import { engineOf, lossHistory, maxRelativeDifference, planOf } from './helpers';

const TOLERANCE = 1e-6;
const report: string[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => console.log(`parity (max relative difference):\n  ${report.join('\n  ')}`));

type Vars = Record<string, tf.Variable>;

function variablesOf(plan: Plan): Vars {
  const out: Vars = {};
  for (const v of initialPlanValues(plan)) out[v.name] = tf.variable(tf.tensor(v.values, v.shape), v.trainable, `hand-${plan.title}-${v.name}`);
  return out;
}

function groupVars(vars: Vars, group: string): tf.Variable[] {
  return Object.entries(vars)
    .filter(([name, v]) => name.startsWith(`${group}/`) && v.trainable)
    .map(([, v]) => v);
}

/** Adam as in Kingma & Ba, bias-corrected. */
class Adam {
  private t = 0;
  private readonly m = new Map<string, tf.Tensor>();
  private readonly v = new Map<string, tf.Tensor>();
  constructor(
    private readonly lr: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly eps: number,
  ) {}
  step(vars: tf.Variable[], grads: tf.NamedTensorMap): void {
    this.t++;
    for (const w of vars) {
      const g = grads[w.name];
      const m0 = this.m.get(w.name) ?? tf.zerosLike(w);
      const v0 = this.v.get(w.name) ?? tf.zerosLike(w);
      const m = tf.keep(m0.mul(this.b1).add(g.mul(1 - this.b1)));
      const v = tf.keep(v0.mul(this.b2).add(g.square().mul(1 - this.b2)));
      m0.dispose();
      v0.dispose();
      this.m.set(w.name, m);
      this.v.set(w.name, v);
      const mHat = m.div(1 - this.b1 ** this.t);
      const vHat = v.div(1 - this.b2 ** this.t);
      w.assign(w.sub(mHat.div(vHat.sqrt().add(this.eps)).mul(this.lr)));
    }
  }
}

/** SGD with momentum (buffer = μ·buffer + g; w −= lr·buffer). */
class Momentum {
  private readonly buf = new Map<string, tf.Tensor>();
  constructor(private readonly momentum: number) {}
  step(vars: tf.Variable[], grads: tf.NamedTensorMap, lr: number): void {
    for (const w of vars) {
      const g = grads[w.name];
      const b0 = this.buf.get(w.name) ?? tf.zerosLike(w);
      const b = tf.keep(b0.mul(this.momentum).add(g));
      b0.dispose();
      this.buf.set(w.name, b);
      w.assign(w.sub(b.mul(lr)));
    }
  }
}

const bce = (logits: tf.Tensor, target: number | tf.Tensor) =>
  tf.relu(logits).sub(logits.mul(target)).add(tf.log1p(tf.exp(logits.abs().neg()))).mean();
const softmaxCE = (logits: tf.Tensor, onehot: tf.Tensor) => onehot.mul(tf.logSoftmax(logits)).sum(-1).neg().mean();
const dense = (x: tf.Tensor, v: Vars, prefix: string) => tf.matMul(x as tf.Tensor2D, v[`${prefix}/kernel`] as tf.Tensor2D).add(v[`${prefix}/bias`]);
const conv = (x: tf.Tensor, v: Vars, prefix: string, stride: number) =>
  tf.conv2d(x as tf.Tensor4D, v[`${prefix}/kernel`] as tf.Tensor4D, stride, 'same').add(v[`${prefix}/bias`]);
const convT = (x: tf.Tensor, v: Vars, prefix: string, out: [number, number, number, number]) =>
  tf.conv2dTranspose(x as tf.Tensor4D, v[`${prefix}/kernel`] as tf.Tensor4D, out, 2, 'same').add(v[`${prefix}/bias`]);
/** Training-mode batch normalisation (batch statistics over all axes but the channels). */
function bn(x: tf.Tensor, v: Vars, prefix: string): tf.Tensor {
  const { mean, variance } = tf.moments(x, x.shape.slice(0, -1).map((_, i) => i));
  return x.sub(mean).mul(variance.add(1e-5).rsqrt().mul(v[`${prefix}/gamma`])).add(v[`${prefix}/beta`]);
}

const tensorOf = (values: Float32Array, shape: number[]) => tf.tensor(values, shape);

describe('engine = hand-written TF.js loop (CPU)', () => {
  it('2-D GAN: 20 steps, losses within 1e-6', async () => {
    const steps = 20;
    // One D step per G step here (the template repeats D's twice): the hand-written loop below is
    // the plain alternation; repeats are the scheduler's, tested with the schedules.
    const compiled = planOf('gan-2d', { size: 'small', steps });
    const plan = { ...compiled, phases: compiled.phases.map((p) => ({ ...p, repeats: 1 })) };
    const B = plan.batchSize;
    const engine = await engineOf(plan, 'cpu');
    const ours = await lossHistory(engine, steps);
    engine.dispose();

    const v = variablesOf(plan);
    const feed = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
    const [dPhase, gPhase] = plan.phases;
    const D = (x: tf.Tensor) => dense(tf.leakyRelu(dense(tf.leakyRelu(dense(x, v, 'D/0'), 0.2), v, 'D/2'), 0.2), v, 'D/4');
    const G = (z: tf.Tensor) => dense(tf.relu(dense(tf.relu(dense(z, v, 'G/0')), v, 'G/2')), v, 'G/4');
    // The template's optimizers, written out by hand.
    expect([dPhase.optimizer, gPhase.optimizer].map((o) => (o.type === 'adam' ? [o.type, o.lr, o.beta1, o.beta2] : [o.type]))).toEqual([['adam', 1e-3, 0.5, 0.999], ['adam', 1e-3, 0.5, 0.999]]);
    const adamD = new Adam(1e-3, 0.5, 0.999, 1e-8);
    const adamG = new Adam(1e-3, 0.5, 0.999, 1e-8);
    const hand: Record<string, number>[] = [];
    for (let step = 0; step < steps; step++) {
      const dDraw = feed.draw(dPhase.nodes, B);
      const x = tensorOf(dDraw.get('data')!.x, [B, 2]);
      const z1 = tensorOf(dDraw.get('z')!.z, [B, 8]);
      const dLosses = tf.tidy(() => {
        let parts: tf.Tensor[] = [];
        const { grads } = tf.variableGrads(() => {
          const real = bce(D(x), 1);
          const fake = bce(D(G(z1)), 0);
          parts = [tf.keep(real), tf.keep(fake)];
          return real.add(fake) as tf.Scalar;
        }, groupVars(v, 'D'));
        adamD.step(groupVars(v, 'D'), grads);
        return parts;
      });
      const gDraw = feed.draw(gPhase.nodes, B);
      const z2 = tensorOf(gDraw.get('z')!.z, [B, 8]);
      const gLoss = tf.tidy(() => {
        let loss: tf.Tensor | undefined;
        const { grads } = tf.variableGrads(() => {
          loss = tf.keep(bce(D(G(z2)), 1));
          return loss as tf.Scalar;
        }, groupVars(v, 'G'));
        adamG.step(groupVars(v, 'G'), grads);
        return loss!;
      });
      const [real, fake, g] = await Promise.all([...dLosses, gLoss].map(async (t) => (await t.data())[0]));
      hand.push({ L_real: real, L_fake: fake, L_G: g });
      tf.dispose([x, z1, z2, ...dLosses, gLoss]);
    }
    const diff = maxRelativeDifference(ours, hand, ['L_real', 'L_fake', 'L_G']);
    report.push(`gan-2d (small, ${steps} steps): ${diff.toExponential(2)}`);
    expect(ours).toHaveLength(steps);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
    // The losses moved: this is training, not a constant.
    expect(Math.abs(ours[steps - 1].L_real - ours[0].L_real)).toBeGreaterThan(1e-3);
  });

  it('DANN (gradient reversal, SGD + momentum, both schedules): 5 steps at tiny size', async () => {
    const steps = 5;
    const total = 10; // so the schedules move within the 5 steps
    const plan = planOf('dann', { size: 'tiny', steps: total });
    const B = plan.batchSize;
    const engine = await engineOf(plan, 'cpu');
    const ours = await lossHistory(engine, steps);
    engine.dispose();

    const v = variablesOf(plan);
    const feed = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
    const [phase] = plan.phases;
    const F = (x: tf.Tensor) => tf.tanh(tf.relu(conv(tf.relu(conv(x, v, 'F/0', 2)), v, 'F/2', 2)).reshape([B, -1]));
    const Cy = (f: tf.Tensor) => dense(tf.relu(dense(tf.relu(dense(f, v, 'Cy/0')), v, 'Cy/2')), v, 'Cy/4');
    const Cd = (f: tf.Tensor) => dense(tf.relu(dense(f, v, 'Cd/0')), v, 'Cd/2');
    const reverse = (lambda: number) =>
      tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({ value: (args[0] as tf.Tensor).clone(), gradFunc: (dy: tf.Tensor) => dy.mul(-lambda) }));
    const opt = new Momentum(0.9);
    const vars = [...groupVars(v, 'F'), ...groupVars(v, 'Cy'), ...groupVars(v, 'Cd')];
    const hand: Record<string, number>[] = [];
    for (let step = 0; step < steps; step++) {
      const p = step / total;
      const lambda = 2 / (1 + Math.exp(-10 * p)) - 1;
      const lr = 0.01 / (1 + 10 * p) ** 0.75;
      const draw = feed.draw(phase.nodes, B);
      const src = draw.get('src')!;
      const tgt = draw.get('tgt')!;
      const losses = tf.tidy(() => {
        let parts: tf.Tensor[] = [];
        const xs = tensorOf(src.x, [B, 28, 28, 3]);
        const xt = tensorOf(tgt.x, [B, 28, 28, 3]);
        const { grads } = tf.variableGrads(() => {
          const fs = F(xs);
          const ft = F(xt);
          const ly = softmaxCE(Cy(fs), tensorOf(src.label, [B, 10]));
          const lds = bce(Cd(reverse(lambda)(fs)), tensorOf(src.domain, [B, 1]));
          const ldt = bce(Cd(reverse(lambda)(ft)), tensorOf(tgt.domain, [B, 1]));
          parts = [ly, lds, ldt].map((t) => tf.keep(t));
          return ly.add(lds.mul(0.5)).add(ldt.mul(0.5)) as tf.Scalar;
        }, vars);
        opt.step(vars, grads, lr);
        return parts;
      });
      const [ly, lds, ldt] = await Promise.all(losses.map(async (t) => (await t.data())[0]));
      hand.push({ L_y: ly, L_d_s: lds, L_d_t: ldt });
      tf.dispose(losses);
    }
    const diff = maxRelativeDifference(ours, hand, ['L_y', 'L_d_s', 'L_d_t']);
    report.push(`dann (tiny, ${steps} steps): ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
  });

  it('InfoGAN (shared trunk, Q head, BatchNorm, conv + transposed conv): 3 steps at tiny size', async () => {
    const steps = 3;
    const plan = planOf('infogan', { size: 'tiny', steps: 20 });
    const B = plan.batchSize;
    const engine = await engineOf(plan, 'cpu');
    const ours = await lossHistory(engine, steps);
    engine.dispose();

    const v = variablesOf(plan);
    const feed = await DataFeed.create(plan, { dataEnv: nodeDataEnv() });
    const [dPhase, gPhase] = plan.phases;
    // D: conv 8 /2, lrelu, conv 16 /2, BN, lrelu, flatten, dense 128 (tiny: 16), BN, lrelu = trunk, dense 1.
    const D = (x: tf.Tensor) => {
      let h = tf.leakyRelu(conv(x, v, 'D/0', 2), 0.2);
      h = tf.leakyRelu(bn(conv(h, v, 'D/2', 2), v, 'D/3'), 0.2).reshape([B, -1]);
      const trunk = tf.leakyRelu(bn(dense(h, v, 'D/6'), v, 'D/7'), 0.2);
      return { logit: dense(trunk, v, 'D/9'), trunk };
    };
    const Q = (trunk: tf.Tensor) => dense(tf.leakyRelu(bn(dense(trunk, v, 'Q/0'), v, 'Q/1'), 0.2), v, 'Q/3');
    const G = (z: tf.Tensor) => {
      let h = tf.relu(bn(dense(z, v, 'G/0'), v, 'G/1'));
      h = tf.relu(bn(dense(h, v, 'G/3'), v, 'G/4'));
      const c = (h.shape[1] as number) / 49;
      h = h.reshape([B, 7, 7, c]);
      h = tf.relu(bn(convT(h, v, 'G/7', [B, 14, 14, v['G/7/kernel'].shape[2] as number]), v, 'G/8'));
      return tf.tanh(convT(h, v, 'G/10', [B, 28, 28, 1]));
    };
    const infoLosses = (trunk: tf.Tensor, c1: tf.Tensor, c23: tf.Tensor) => {
      const q = Q(trunk);
      const [qc1, qc23] = tf.split(q, [10, 2], 1);
      return [softmaxCE(qc1, c1), tf.squaredDifference(qc23, c23).mean()];
    };
    const adamD = new Adam(2e-4, 0.5, 0.999, 1e-8);
    const adamG = new Adam(1e-3, 0.5, 0.999, 1e-8);
    const dVars = [...groupVars(v, 'D'), ...groupVars(v, 'Q')];
    const gVars = groupVars(v, 'G');
    const hand: Record<string, number>[] = [];
    for (let step = 0; step < steps; step++) {
      const row: Record<string, number> = {};
      for (const phase of [dPhase, gPhase]) {
        const draw = feed.draw(phase.nodes, B);
        const zc = () => tf.concat([tensorOf(draw.get('z')!.z, [B, 62]), tensorOf(draw.get('c1')!.c, [B, 10]), tensorOf(draw.get('c23')!.c, [B, 2])], 1);
        const losses = tf.tidy(() => {
          let parts: tf.Tensor[] = [];
          const c1 = tensorOf(draw.get('c1')!.c, [B, 10]);
          const c23 = tensorOf(draw.get('c23')!.c, [B, 2]);
          if (phase.id === 'd') {
            const x = tensorOf(draw.get('x')!.x, [B, 28, 28, 1]);
            const { grads } = tf.variableGrads(() => {
              const real = bce(D(x).logit, 1);
              const fake = D(G(zc()));
              const lf = bce(fake.logit, 0);
              const [l1, l23] = infoLosses(fake.trunk, c1, c23);
              parts = [real, lf, l1, l23].map((t) => tf.keep(t));
              return real.add(lf).add(l1.mul(2)).add(l23.mul(0.1)) as tf.Scalar;
            }, dVars);
            adamD.step(dVars, grads);
          } else {
            const { grads } = tf.variableGrads(() => {
              const fake = D(G(zc()));
              const lg = bce(fake.logit, 1);
              const [l1, l23] = infoLosses(fake.trunk, c1, c23);
              parts = [lg].map((t) => tf.keep(t));
              return lg.add(l1.mul(2)).add(l23.mul(0.1)) as tf.Scalar;
            }, gVars);
            adamG.step(gVars, grads);
          }
          return parts;
        });
        const values = await Promise.all(losses.map(async (t) => (await t.data())[0]));
        if (phase.id === 'd') Object.assign(row, { L_real: values[0], L_fake: values[1], L_c1: values[2], L_c23: values[3] });
        else row.L_G = values[0];
        tf.dispose(losses);
      }
      hand.push(row);
    }
    const diff = maxRelativeDifference(ours, hand, ['L_real', 'L_fake', 'L_c1', 'L_c23', 'L_G']);
    report.push(`infogan (tiny, ${steps} steps): ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(TOLERANCE);
  });
});
