/** Runs one node evaluator on given tensors, outside any graph (as tests/unit/engine/nodes.test.ts does). */
import type * as tf from '@tensorflow/tfjs';
import type { PlanNode } from '../../../src/compiler/plan';
import { evaluatorOf } from '../../../src/engine/nodes/index';
import type { Drawn } from '../../../src/engine/nodes/types';
import type { TensorKind } from '../../../src/graph/types';

export interface Call {
  params?: Record<string, unknown>;
  outputs?: PlanNode['outputs'];
  drawn?: Drawn;
  kinds?: Record<string, TensorKind>;
  training?: boolean;
  progress?: number;
  batch?: number;
}

export function evaluate(kind: string, inputs: Record<string, tf.Tensor>, call: Call = {}): Record<string, tf.Tensor> {
  const node: PlanNode = { id: 'n', kind, label: 'n', params: call.params ?? {}, inputs: {}, outputs: call.outputs ?? {} };
  return evaluatorOf(kind).evaluate(inputs, {
    node,
    training: call.training ?? true,
    frozenStats: false,
    progress: call.progress ?? 0,
    batch: call.batch ?? 2,
    drawn: call.drawn ?? {},
    group: () => {
      throw new Error('no groups here');
    },
    inputKind: (port: string) => call.kinds?.[port],
  });
}

export const values = async (t: tf.Tensor) => Array.from(await t.data());
export const scalar = async (t: tf.Tensor) => (await t.data())[0];
/** max(l, 0) − l·t + log(1 + e^−|l|). */
export const bce = (l: number, t: number) => Math.max(l, 0) - l * t + Math.log1p(Math.exp(-Math.abs(l)));
