/**
 * Photo editing's attribute judge: a small conv net that reads a face and says, for each labelled
 * attribute, whether the face has it (sigmoid outputs, BCE against the 0/1 labels). An edit along
 * an attribute direction succeeds when it flips the judge's verdict; only attributes the judge gets
 * right on ≥ 80% of held-out faces are counted, since a judge near chance cannot tell.
 */
import { FACE_ATTRIBUTES } from '../../graph/datasets';
import { CURRENT_VERSION, DEFAULT_PRESETS, DOCUMENT_FORMAT, type GraphDocument } from '../../graph/document';
import { openDataset } from '../../data/open';
import type { DataEnv } from '../../data/types';
import { referenceSteps, trainedReference } from '../reference-judge';

/** Iterations of the attribute judge at batch 64. */
export const ATTRIBUTE_JUDGE_STEPS = 1500;
/** Held-out faces its accuracy is measured on. */
const TEST_FACES = 1000;
/** A judge is trusted for an attribute when it is at least this accurate on held-out faces. */
export const TRUSTED_ACCURACY = 0.8;

export interface AttributeJudge {
  /** 0/1 verdict per face and attribute ([n, k], FACE_ATTRIBUTES order) for faces given in [0, 1]. */
  judge(unit: Float32Array, n: number): Promise<Uint8Array>;
  /** Accuracy per attribute on the held-out faces. */
  testAccuracy: number[];
  steps: number;
}

const lrelu = { type: 'leakyRelu', alpha: 0.2 } as const;

export function attributeJudgeDocument(steps = ATTRIBUTE_JUDGE_STEPS): GraphDocument {
  const at = (x: number, y: number) => ({ x: x * 250, y: y * 150 });
  return {
    format: DOCUMENT_FORMAT,
    version: CURRENT_VERSION,
    meta: { title: 'Face attribute judge', description: 'Says which attributes a face has.', lesson: '' },
    nodes: [
      { id: 'x', kind: 'Dataset', params: { name: 'faces', range: '-1..1' }, position: at(0, 0) },
      {
        id: 'J',
        kind: 'Encoder',
        params: {
          layers: [
            { type: 'conv2d', filters: 16, kernel: 4, stride: 2, padding: 'same' }, lrelu,
            { type: 'conv2d', filters: 32, kernel: 4, stride: 2, padding: 'same' }, lrelu,
            { type: 'conv2d', filters: 64, kernel: 4, stride: 2, padding: 'same' }, lrelu,
            { type: 'flatten' },
            { type: 'dense', units: FACE_ATTRIBUTES.length },
            { type: 'sigmoid' },
          ],
        },
        position: at(1, 0),
      },
      { id: 'L', kind: 'ReconstructionLoss', params: { metric: 'bce' }, position: at(2, 0) },
    ],
    edges: [
      { id: 'x.x->J.x', source: { node: 'x', port: 'x' }, target: { node: 'J', port: 'x' } },
      { id: 'J.out->L.prediction', source: { node: 'J', port: 'out' }, target: { node: 'L', port: 'prediction' } },
      { id: 'x.attributes->L.target', source: { node: 'x', port: 'attributes' }, target: { node: 'L', port: 'target' } },
    ],
    phases: [
      {
        id: 'j',
        name: 'Judge step',
        terms: [{ loss: 'L', weight: 1 }],
        updates: ['J'],
        optimizer: { type: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
        lrSchedule: { type: 'constant' },
        repeats: 1,
        enabled: true,
      },
    ],
    run: { seed: 13, size: 'small', presets: { ...structuredClone(DEFAULT_PRESETS), small: { width: 1, batchSize: 64, steps } }, logEvery: 50 },
    notes: [],
    groups: [],
    variants: [],
  };
}

/** The attribute judge trained for `steps` iterations: from memory, the store, or trained now. */
export function attributeJudge(dataEnv: DataEnv, steps?: number): Promise<AttributeJudge> {
  const n = steps ?? referenceSteps(ATTRIBUTE_JUDGE_STEPS);
  const k = FACE_ATTRIBUTES.length;
  return trainedReference(dataEnv, `face-attribute-judge-${n}`, () => attributeJudgeDocument(n), async ({ engine }) => {
    const judge = async (unit: Float32Array, count: number): Promise<Uint8Array> => {
      const p = await engine.sample('J', 'out', count, { draws: { x: { x: unit.map((v) => v * 2 - 1) } } });
      return Uint8Array.from(p.data, (v) => (v > 0.5 ? 1 : 0));
    };
    const faces = await openDataset('faces', dataEnv);
    const count = Math.min(TEST_FACES, faces.count('test'));
    const batch = faces.get('test', Array.from({ length: count }, (_, i) => i));
    const verdicts = await judge(batch.x, count);
    const testAccuracy = Array.from({ length: k }, (_, a) => {
      let correct = 0;
      for (let i = 0; i < count; i++) if (verdicts[i * k + a] === (batch.attributes[i * k + a] > 0.5 ? 1 : 0)) correct++;
      return correct / count;
    });
    return { judge, testAccuracy, steps: n };
  });
}
