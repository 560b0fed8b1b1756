/**
 * The reference MNIST classifier that judges BiGAN's x → G(E(x)) class agreement: a small conv net
 * built as a graph document and trained by the engine like any template, so it needs nothing from
 * outside the project. Its test accuracy is reported next to the agreement (a judge that is often
 * wrong caps the agreement). Trained once per machine and kept (see `reference-judge.ts`).
 */
import { argmaxRows, accuracy } from '../../analysis/assignment';
import { CURRENT_VERSION, DEFAULT_PRESETS, DOCUMENT_FORMAT, type GraphDocument } from '../../graph/document';
import type { DataEnv } from '../../data/types';
import { referenceSteps, trainedReference } from '../reference-judge';
import { nodeOf } from '../roles';
import { heldOutImages, toNodeRange } from './data';

export { configureReference, type ReferenceStore } from '../reference-judge';

/** Iterations of the default reference classifier: 97.5% on the 1,000 held-out digits (400 gave 95.9%). */
export const REFERENCE_STEPS = 1500;

export interface ReferenceClassifier {
  /** Classes of 28×28×1 images given in [0, 1]. */
  classify(unit: Float32Array, n: number): Promise<Int32Array>;
  /** Accuracy on the 1,000 held-out MNIST digits. */
  testAccuracy: number;
  steps: number;
}

const lrelu = { type: 'leakyRelu', alpha: 0.2 } as const;

export function referenceClassifierDocument(steps = REFERENCE_STEPS): GraphDocument {
  const at = (x: number, y: number) => ({ x: x * 250, y: y * 150 });
  return {
    format: DOCUMENT_FORMAT,
    version: CURRENT_VERSION,
    meta: { title: 'Reference MNIST classifier', description: 'Judges the class of generated digits.', lesson: '' },
    nodes: [
      { id: 'x', kind: 'Dataset', params: { name: 'mnist', range: '-1..1' }, position: at(0, 0) },
      {
        id: 'C',
        kind: 'Classifier',
        params: {
          layers: [
            { type: 'conv2d', filters: 16, kernel: 3, stride: 1, padding: 'same' }, lrelu,
            { type: 'conv2d', filters: 32, kernel: 4, stride: 2, padding: 'same' }, lrelu,
            { type: 'conv2d', filters: 64, kernel: 4, stride: 2, padding: 'same' }, lrelu,
            { type: 'flatten' },
            { type: 'dense', units: 10 },
          ],
        },
        position: at(1, 0),
      },
      { id: 'L', kind: 'CrossEntropy', params: {}, position: at(2, 0) },
    ],
    edges: [
      { id: 'x.x->C.x', source: { node: 'x', port: 'x' }, target: { node: 'C', port: 'x' } },
      { id: 'C.out->L.logits', source: { node: 'C', port: 'out' }, target: { node: 'L', port: 'logits' } },
      { id: 'x.label->L.labels', source: { node: 'x', port: 'label' }, target: { node: 'L', port: 'labels' } },
    ],
    phases: [
      {
        id: 'c',
        name: 'C step',
        terms: [{ loss: 'L', weight: 1 }],
        updates: ['C'],
        optimizer: { type: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
        lrSchedule: { type: 'constant' },
        repeats: 1,
        enabled: true,
      },
    ],
    run: { seed: 11, size: 'small', presets: { ...structuredClone(DEFAULT_PRESETS), small: { width: 1, batchSize: 64, steps } }, logEvery: 50 },
    notes: [],
    groups: [],
    variants: [],
  };
}

/** The reference classifier trained for `steps` iterations: from memory, the store, or trained now. */
export function referenceClassifier(dataEnv: DataEnv, steps?: number): Promise<ReferenceClassifier> {
  const n = steps ?? referenceSteps(REFERENCE_STEPS);
  return trainedReference(dataEnv, `mnist-classifier-${n}`, () => referenceClassifierDocument(n), async ({ engine, plan }) => {
    const node = nodeOf(plan, { node: 'x' });
    const classify = async (unit: Float32Array, count: number): Promise<Int32Array> => {
      const logits = await engine.sample('C', 'out', count, { draws: { x: { x: toNodeRange(unit, node.params.range) } } });
      return argmaxRows(logits.data, 10);
    };
    const held = await heldOutImages(dataEnv, node, 1000);
    const testAccuracy = accuracy(await classify(held.unit, held.count), held.labels, 10).accuracy;
    return { classify, testAccuracy, steps: n };
  });
}
