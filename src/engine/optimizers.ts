/**
 * Adam, SGD with momentum and RMSProp, written out so that their slots are named variables (saved
 * and restored with checkpoints) and the learning rate can change every step (schedules, edits).
 * One optimizer per phase, over exactly that phase's variables.
 */
import type { Optimizer } from '../graph/document';
import type { NamedVariable } from './network';
import { FUSED_ADAM, FUSED_SGD, fusedOptimizersAvailable } from './kernels/optimizer-kernels';
import { tf, type Tensor, type Variable } from './tf';

interface Slot {
  /** "opt/PHASE/VARIABLE/m" */
  name: string;
  variable: Variable;
}

export class PhaseOptimizer {
  /** Updates applied so far (Adam's t). */
  iterations = 0;
  private readonly slots = new Map<string, Record<string, Variable>>();
  private readonly ordered: Slot[] = [];

  constructor(
    readonly config: Optimizer,
    readonly phaseId: string,
    /** The variables it updates (trainable only). */
    readonly variables: NamedVariable[],
    uniquePrefix: string,
  ) {
    const keys = slotKeys(config);
    for (const v of variables) {
      const record: Record<string, Variable> = {};
      for (const key of keys) {
        const name = `opt/${phaseId}/${v.name}/${key}`;
        record[key] = tf.tidy(() => tf.variable(tf.zeros(v.variable.shape), false, `${uniquePrefix}${name}`));
        this.ordered.push({ name, variable: record[key] });
      }
      this.slots.set(v.variable.name, record);
    }
  }

  slotVariables(): Slot[] {
    return this.ordered;
  }

  /** Applies gradients keyed by tf variable name; call inside tidy. Variables without a gradient keep their values. */
  apply(grads: Record<string, Tensor>, lr: number): void {
    this.iterations++;
    if (this.config.type !== 'rmsprop' && fusedOptimizersAvailable()) {
      this.applyFused(grads, lr);
      return;
    }
    const c = this.config;
    for (const v of this.variables) {
      const g = grads[v.variable.name];
      if (!g) continue;
      const w = v.variable;
      const s = this.slots.get(w.name)!;
      if (c.type === 'adam') {
        const m = tf.add(tf.mul(s.m, c.beta1), tf.mul(g, 1 - c.beta1));
        const u = tf.add(tf.mul(s.v, c.beta2), tf.mul(tf.square(g), 1 - c.beta2));
        s.m.assign(m);
        s.v.assign(u);
        const mHat = tf.div(m, 1 - Math.pow(c.beta1, this.iterations));
        const vHat = tf.div(u, 1 - Math.pow(c.beta2, this.iterations));
        w.assign(tf.sub(w, tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), c.epsilon)), lr)));
      } else if (c.type === 'sgd') {
        if (c.momentum > 0) {
          const buf = tf.add(tf.mul(s.momentum, c.momentum), g);
          s.momentum.assign(buf);
          w.assign(tf.sub(w, tf.mul(buf, lr)));
        } else w.assign(tf.sub(w, tf.mul(g, lr)));
      } else {
        const ms = tf.add(tf.mul(s.ms, c.decay), tf.mul(tf.square(g), 1 - c.decay));
        s.ms.assign(ms);
        const step = tf.div(tf.mul(g, lr), tf.sqrt(tf.add(ms, c.epsilon)));
        if (c.momentum > 0) {
          const mom = tf.add(tf.mul(s.momentum, c.momentum), step);
          s.momentum.assign(mom);
          w.assign(tf.sub(w, mom));
        } else w.assign(tf.sub(w, step));
      }
    }
  }

  /** The same update as one kernel call for every variable (wasm); the arithmetic is written in the same order. */
  private applyFused(grads: Record<string, Tensor>, lr: number): void {
    const c = this.config;
    const present = this.variables.filter((v) => grads[v.variable.name]);
    if (present.length === 0) return;
    const inputs: Record<string, Tensor> = {};
    const slotsOf = (v: NamedVariable) => this.slots.get(v.variable.name)!;
    present.forEach((v, i) => {
      inputs[`w${i}`] = v.variable;
      inputs[`g${i}`] = grads[v.variable.name];
      if (c.type === 'adam') {
        inputs[`m${i}`] = slotsOf(v).m;
        inputs[`v${i}`] = slotsOf(v).v;
      } else if (c.type === 'sgd' && c.momentum > 0) inputs[`b${i}`] = slotsOf(v).momentum;
    });
    if (c.type === 'adam') {
      const attrs = { count: present.length, lr, beta1: c.beta1, beta2: c.beta2, epsilon: c.epsilon, iterations: this.iterations };
      const out = tf.engine().runKernel(FUSED_ADAM, inputs as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as Tensor[];
      present.forEach((v, i) => {
        v.variable.assign(out[3 * i]);
        slotsOf(v).m.assign(out[3 * i + 1]);
        slotsOf(v).v.assign(out[3 * i + 2]);
      });
    } else if (c.type === 'sgd') {
      const momentum = c.momentum > 0 ? c.momentum : 0;
      const attrs = { count: present.length, lr, momentum };
      const out = tf.engine().runKernel(FUSED_SGD, inputs as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as Tensor[];
      const per = momentum > 0 ? 2 : 1;
      present.forEach((v, i) => {
        v.variable.assign(out[per * i]);
        if (momentum > 0) slotsOf(v).momentum.assign(out[per * i + 1]);
      });
    }
  }

  dispose(): void {
    for (const s of this.ordered) s.variable.dispose();
  }
}

function slotKeys(c: Optimizer): string[] {
  if (c.type === 'adam') return ['m', 'v'];
  if (c.type === 'sgd') return c.momentum > 0 ? ['momentum'] : [];
  return c.momentum > 0 ? ['ms', 'momentum'] : ['ms'];
}
