/**
 * 2-D GAN's figures: share of generated points within 3σ of a centre, modes hit, each mode's share,
 * from G's points in inference mode.
 */
import { modeCoverage } from '../../analysis/modes';
import { MIXTURES } from '../../data/points';
import type { LessonContext, LessonEvaluation } from '../types';
import { datasetNode } from './data';

/** The generator whose points are judged: the node fed by noise whose output D_fake reads. */
export function pointsGenerator(ctx: LessonContext): string {
  const g = ctx.plan.nodes.find((n) => n.kind === 'Generator' && n.outputs.out?.dims.length === 1 && n.outputs.out.dims[0] === 2);
  if (!g) throw new Error('the graph has no generator of 2-D points');
  return g.id;
}

export const evaluateGan2d: LessonEvaluation = async (ctx, opts = {}) => {
  const count = opts.count ?? 2000;
  const data = datasetNode(ctx.plan);
  const name = data.params.name as string;
  const mixture = MIXTURES[name as keyof typeof MIXTURES];
  if (!mixture) throw new Error(`mode coverage needs a Gaussian mixture (ring8 or grid25), not "${name}"`);
  const points = await ctx.engine.sample(pointsGenerator(ctx), 'out', count);
  const c = modeCoverage(points.data, mixture, { k: 3 });
  return {
    points: c.points,
    dataset: name,
    modes: mixture.centres.length,
    withinShare: c.withinShare,
    modesCovered: c.modesCovered,
    modeShares: c.modeShares,
    minModeShare: c.minModeShare,
  };
};
