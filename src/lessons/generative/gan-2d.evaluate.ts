/**
 * 2-D GAN's figures: share of generated points within 3σ of a centre, modes hit, each mode's share,
 * from the generator's points in inference mode.
 */
import { modeCoverage } from '../../analysis/modes';
import { MIXTURES } from '../../data/points';
import { nodeOf, rolesIn } from '../roles';
import type { LessonEvaluation } from '../types';
import { gan2dLesson } from './gan-2d';

export const evaluateGan2d: LessonEvaluation = async (ctx, opts = {}) => {
  const count = opts.count ?? 2000;
  const roles = rolesIn(ctx.plan, gan2dLesson);
  const name = nodeOf(ctx.plan, roles.data).params.name as string;
  const mixture = MIXTURES[name as keyof typeof MIXTURES];
  if (!mixture) throw new Error(`mode coverage needs a Gaussian mixture (ring8 or grid25), not "${name}"`);
  const points = await ctx.engine.sample(roles.generator.node, roles.generator.port, count);
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
