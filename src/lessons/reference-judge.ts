/**
 * Reference judges: small networks the lessons use to judge a template's results (BiGAN's digit
 * classifier, photo editing's attribute judge). Each is a graph document trained by the engine like
 * any template, so it needs nothing from outside the project. A store (files under runs/reference/
 * in Node) keeps the trained checkpoint so each is trained once per machine; within one process a
 * trained judge is kept in memory.
 */
import { compilePlan } from '../compiler/compile';
import type { Plan } from '../compiler/plan';
import type { Checkpoint } from '../engine/checkpoint';
import { Engine } from '../engine/engine';
import type { GraphDocument } from '../graph/document';
import type { DataEnv } from '../data/types';

export interface ReferenceStore {
  load(key: string): Checkpoint | undefined | Promise<Checkpoint | undefined>;
  save(key: string, checkpoint: Checkpoint): void | Promise<void>;
}

let store: ReferenceStore | undefined;
let stepsOverride: number | undefined;
const trained = new Map<string, Promise<unknown>>();

/**
 * Where trained judges are kept between processes (none: trained once per process), and, for
 * tests, how many iterations every judge trains instead of its own default.
 */
export function configureReference(opts: { store?: ReferenceStore; steps?: number }): void {
  if ('store' in opts) store = opts.store;
  if (opts.steps !== undefined) stepsOverride = opts.steps;
}

/** A judge's iterations: its default unless `configureReference` set one for all. */
export function referenceSteps(defaultSteps: number): number {
  return stepsOverride ?? defaultSteps;
}

/**
 * The judge stored under `key`: from memory, the store, or trained now from `document()` (at its
 * `small` preset, on the backend already chosen — a lesson runs beside a training engine); `use`
 * turns the trained engine into the judge.
 */
export function trainedReference<T>(dataEnv: DataEnv, key: string, document: () => GraphDocument, use: (trained: { engine: Engine; plan: Plan }) => Promise<T>): Promise<T> {
  let p = trained.get(key) as Promise<T> | undefined;
  if (!p) {
    p = train(dataEnv, key, document()).then(use);
    trained.set(key, p);
    p.catch(() => trained.delete(key));
  }
  return p;
}

async function train(dataEnv: DataEnv, key: string, doc: GraphDocument): Promise<{ engine: Engine; plan: Plan }> {
  const compiled = compilePlan(doc, { size: 'small' });
  if (!compiled.ok) throw new Error(`the reference judge "${key}" does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const plan = compiled.plan;
  const engine = await Engine.create(plan, { dataEnv, keepBackend: true });
  const saved = await store?.load(key);
  let usable = false;
  if (saved) {
    try {
      engine.loadState(saved);
      usable = engine.step === plan.steps;
    } catch {
      usable = false; // the network changed since it was saved: train again
    }
  }
  if (!usable) {
    const result = await engine.run({ steps: plan.steps });
    if (result.status !== 'done') throw new Error(`training the reference judge "${key}" failed: ${result.error?.message ?? result.status}`);
    await store?.save(key, await engine.saveState());
  }
  return { engine, plan };
}
