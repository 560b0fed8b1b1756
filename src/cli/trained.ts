/** A checkpoint read from disk with the plan it was trained from: what `eval` and `layers-model` open. */
import { resolve } from 'node:path';
import { compilePlan } from '../compiler/compile';
import type { Plan } from '../compiler/plan';
import { planHash, type Checkpoint } from '../engine/checkpoint';
import { readCheckpoint } from '../engine/checkpoint-node';
import { SIZE_PRESETS, type GraphDocument } from '../graph/document';

export type TrainedResult = { ok: true; checkpoint: Checkpoint; plan: Plan } | { ok: false; error: string };

/** The checkpoint in `dir` and `doc` compiled the way it was trained (size preset and steps). */
export function openTrained(doc: GraphDocument, dir: string): TrainedResult {
  let checkpoint: Checkpoint;
  try {
    checkpoint = readCheckpoint(resolve(dir));
  } catch (e) {
    return { ok: false, error: `cannot read the checkpoint ${dir}: ${(e as Error).message}` };
  }
  const plan = planMatching(doc, checkpoint.manifest.planHash, checkpoint.manifest.totalSteps);
  if (!plan) return { ok: false, error: `the checkpoint ${dir} was not saved from this graph at any size preset` };
  return { ok: true, checkpoint, plan };
}

/** The document compiled at the size preset whose structure the checkpoint was saved from. */
export function planMatching(doc: GraphDocument, hash: string, steps: number): Plan | undefined {
  for (const size of SIZE_PRESETS) {
    const compiled = compilePlan(doc, { size, steps });
    if (compiled.ok && planHash(compiled.plan) === hash) return compiled.plan;
  }
  return undefined;
}
