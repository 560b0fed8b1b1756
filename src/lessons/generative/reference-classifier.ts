/**
 * The reference MNIST classifier that judges BiGAN's x → G(E(x)) class agreement: a small conv net
 * built as a graph document and trained by the engine like any template, so it needs nothing from
 * outside the project. Its test accuracy is reported next to the agreement (a judge that is often
 * wrong caps the agreement). A store (files under runs/reference/ in Node) keeps the trained
 * checkpoint so it is trained once per machine; within one process it is kept in memory.
 */
import { argmaxRows, accuracy } from '../../analysis/assignment';
import { compilePlan } from '../../compiler/compile';
import type { Checkpoint } from '../../engine/checkpoint';
import { Engine } from '../../engine/engine';
import { CURRENT_VERSION, DEFAULT_PRESETS, DOCUMENT_FORMAT, type GraphDocument } from '../../graph/document';
import type { DataEnv } from '../../data/types';
import { nodeOf } from '../roles';
import { heldOutImages, toNodeRange } from './data';

/** Iterations of the default reference classifier: 97.5% on the 1,000 held-out digits (400 gave 95.9%). */
export const REFERENCE_STEPS = 1500;

export interface ReferenceStore {
  load(key: string): Checkpoint | undefined | Promise<Checkpoint | undefined>;
  save(key: string, checkpoint: Checkpoint): void | Promise<void>;
}

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

let store: ReferenceStore | undefined;
let defaultSteps = REFERENCE_STEPS;
const trained = new Map<number, Promise<ReferenceClassifier>>();

/**
 * Where trained reference classifiers are kept between processes (none: trained once per process)
 * and how long the lessons' default one trains (tests use a few steps).
 */
export function configureReference(opts: { store?: ReferenceStore; steps?: number }): void {
  if ('store' in opts) store = opts.store;
  if (opts.steps !== undefined) defaultSteps = opts.steps;
}

/** The reference classifier trained for `steps` iterations: from memory, the store, or trained now. */
export function referenceClassifier(dataEnv: DataEnv, steps = defaultSteps): Promise<ReferenceClassifier> {
  let p = trained.get(steps);
  if (!p) {
    p = buildReference(dataEnv, steps);
    trained.set(steps, p);
    p.catch(() => trained.delete(steps));
  }
  return p;
}

async function buildReference(dataEnv: DataEnv, steps: number): Promise<ReferenceClassifier> {
  const compiled = compilePlan(referenceClassifierDocument(steps), { size: 'small' });
  if (!compiled.ok) throw new Error(`the reference classifier does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const plan = compiled.plan;
  // Keep the backend the caller chose (the lesson runs beside a training engine).
  const engine = await Engine.create(plan, { dataEnv, keepBackend: true });
  const key = `mnist-classifier-${steps}`;
  const saved = await store?.load(key);
  let usable = false;
  if (saved) {
    try {
      engine.loadState(saved);
      usable = engine.step === steps;
    } catch {
      usable = false; // the network changed since it was saved: train again
    }
  }
  if (!usable) {
    const result = await engine.run({ steps });
    if (result.status !== 'done') throw new Error(`training the reference classifier failed: ${result.error?.message ?? result.status}`);
    await store?.save(key, await engine.saveState());
  }
  const node = nodeOf(plan, { node: 'x' });
  const classify = async (unit: Float32Array, n: number): Promise<Int32Array> => {
    const logits = await engine.sample('C', 'out', n, { draws: { x: { x: toNodeRange(unit, node.params.range) } } });
    return argmaxRows(logits.data, 10);
  };
  const held = await heldOutImages(dataEnv, node, 1000);
  const testAccuracy = accuracy(await classify(held.unit, held.count), held.labels, 10).accuracy;
  return { classify, testAccuracy, steps };
}
