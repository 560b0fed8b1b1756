/**
 * Adam, SGD with momentum and RMSProp, written out so that their slots are named variables (saved
 * and restored with checkpoints) and the learning rate can change every step (schedules, edits).
 * One optimizer per phase, over exactly that phase's variables.
 */
import type { Optimizer } from '../graph/document';
import type { NamedVariable } from './network';
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

  dispose(): void {
    for (const s of this.ordered) s.variable.dispose();
  }
}

function slotKeys(c: Optimizer): string[] {
  if (c.type === 'adam') return ['m', 'v'];
  if (c.type === 'sgd') return c.momentum > 0 ? ['momentum'] : [];
  return c.momentum > 0 ? ['ms', 'momentum'] : ['ms'];
}
