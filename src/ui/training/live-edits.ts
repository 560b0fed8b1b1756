/**
 * Edits that reach a running worker: when the document changes while a worker holds its plan,
 * learning rates and loss weights go to the worker at once (and the step count to the dock); any
 * other change marks the run as stale, so the next Train starts the new graph.
 */
import { compilePlan } from '../../compiler/compile';
import type { GraphDocument } from '../../graph/document';
import { toast } from '../store/actions';
import { checkOf } from '../store/derived';
import { checkpoints } from './checkpoints';
import { leaveRun } from './leave';
import { docKeyOf, messageOf, structureOf } from './run-facts';
import { sessions } from './session';
import { setTraining, useTraining } from './training-store';

/** Changes a phase's learning rate in the running worker (the document keeps its own). */
export async function setLearningRate(phaseId: string, lr: number): Promise<void> {
  const session = sessions.current;
  if (!session) return;
  await session.client.call((api) => api.setLearningRate(phaseId, lr));
  session.lrs.set(phaseId, lr);
}

export async function setLossWeight(lossId: string, weight: number): Promise<void> {
  const session = sessions.current;
  if (!session) return;
  await session.client.call((api) => api.setLossWeight(lossId, weight));
  session.lossWeights.set(lossId, weight);
}

export function documentChanged(doc: GraphDocument): void {
  const key = docKeyOf(doc);
  // Another document: the dock lets go of this one's run (see leave.ts).
  if (sessions.current && key !== sessions.current.docKey) leaveRun();
  else if (!sessions.current && useTraining.getState().plan && key !== useTraining.getState().docKey) leaveRun();
  if (key !== checkpoints.listedKey) void checkpoints.refresh(key);
  const session = sessions.current;
  const status = useTraining.getState().status;
  if (!session || status === 'idle' || status === 'done' || status === 'failed' || !session.client.alive) return;
  if (key !== session.docKey || !checkOf(doc).ok) {
    setTraining({ stale: true });
    return;
  }
  const result = compilePlan(doc);
  if (!result.ok) return;
  const plan = result.plan;
  if (structureOf(plan) !== session.structure) {
    setTraining({ stale: true });
    return;
  }
  setTraining({ stale: false });
  for (const p of plan.phases) {
    if (session.lrs.get(p.id) !== p.optimizer.lr) void setLearningRate(p.id, p.optimizer.lr).catch((e) => toast(messageOf(e), 'error'));
  }
  for (const l of plan.losses) {
    if (session.lossWeights.get(l.id) !== l.weight) void setLossWeight(l.id, l.weight).catch((e) => toast(messageOf(e), 'error'));
  }
  if (plan.steps !== session.plan.steps) {
    session.plan = { ...session.plan, steps: plan.steps };
    setTraining({ totalSteps: plan.steps, plan: session.plan });
  }
}
