/** The engine's node evaluators: looked up by a plan node's kind. */
import { isKindId } from '../../graph/catalog';
import { NODE_EVALUATORS } from './registry';
import type { PlanNodeEvaluator } from './types';

export function evaluatorOf(kind: string): PlanNodeEvaluator {
  if (!isKindId(kind)) throw new Error(`the engine cannot run nodes of kind "${kind}"`);
  // The plan's node is of this kind, its params checked against the kind's declaration.
  return NODE_EVALUATORS[kind] as unknown as PlanNodeEvaluator;
}

export { NODE_EVALUATORS };
export type { Drawn, EvalContext, NodeEvaluator, NodeRuntime, PlanNodeEvaluator, PlanNodeOf, SetupContext, UpstreamFunction } from './types';
