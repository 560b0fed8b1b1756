/**
 * What lesson views ask of the running worker: node outputs (traversals, reconstructions), input
 * optimisation (photo editing's projections), a lesson's figures, and a variant trained beside the
 * run as its baseline.
 */
import { compilePlan } from '../../compiler/compile';
import type { OptimiseInputOptions, OptimisedInput } from '../../engine/optimise-input';
import { applyVariant } from '../../graph/variants';
import type { LessonMetrics } from '../../lessons/types';
import type { BaselineOptions, BaselineResult, SampleData, SampleDraws } from '../../../workers/training-api';
import { noteFigures } from '../runs/recorder';
import { editorApi } from '../store/editor-store';
import { sessions, type Session } from './session';
import { useTraining } from './training-store';
import { t } from '../i18n';

function need(): Session {
  const session = sessions.current;
  if (!session) throw new Error(t('train.nothingRunning'));
  return session;
}

/** A node's output in inference mode, from the running worker. */
export function sampleNode(nodeId: string, port = 'out', count = 64, draws?: SampleDraws, given?: SampleDraws): Promise<SampleData> {
  return need().client.call((api) => api.sample(nodeId, port, count, draws, given));
}

/** Gradient descent on a node output to fit another, in the worker. */
export function optimiseInput(opts: OptimiseInputOptions): Promise<OptimisedInput> {
  return need().client.call((api) => api.optimiseInput(opts));
}

/** A lesson's figures (what `ganvas eval` prints) for the graph in the worker, by view name. */
export async function lessonFigures(view: string, opts: { count?: number } = {}): Promise<LessonMetrics> {
  const metrics = await need().client.call((api) => api.lesson(view, opts));
  noteFigures(view, metrics);
  return metrics;
}

/**
 * A lesson's baseline: the open graph's one-click variant (e.g. the classifier alone), trained
 * from scratch in the worker at the session's size for as many iterations as the session has
 * run (or `steps`), and its figures. Needs the run paused or finished.
 */
export function baselineFigures(variantId: string, view: string, opts: BaselineOptions & { steps?: number; onProgress?: (step: number, of: number) => void } = {}): Promise<BaselineResult> {
  const session = need();
  const doc = applyVariant(editorApi.getState().doc, variantId);
  const steps = Math.max(1, opts.steps ?? useTraining.getState().step);
  const compiled = compilePlan(doc, { size: session.plan.size, steps });
  if (!compiled.ok) throw new Error(t('train.variantBroken', { problems: compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ') }));
  const progress = opts.onProgress;
  return session.client.call((api) => api.baseline(compiled.plan, view, { count: opts.count, samples: opts.samples }, progress ? session.client.proxy((step: number) => progress(step, steps)) : undefined));
}
