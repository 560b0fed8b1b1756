/**
 * 2-D GAN: how well the generated points cover the mixture's modes (share within 3σ of a centre,
 * modes hit, each mode's share), from G's points in inference mode.
 */
import { modeCoverage } from '../../analysis/modes';
import { MIXTURES } from '../../data/points';
import type { Lesson, LessonContext } from '../types';
import { datasetNode } from './data';

/** The generator whose points are judged: the node fed by noise whose output D_fake reads. */
export function pointsGenerator(ctx: LessonContext): string {
  const g = ctx.plan.nodes.find((n) => n.kind === 'Generator' && n.outputs.out?.dims.length === 1 && n.outputs.out.dims[0] === 2);
  if (!g) throw new Error('the graph has no generator of 2-D points');
  return g.id;
}

export const gan2dLesson: Lesson = {
  view: 'gan-2d',
  title: 'GAN on a 2-D mixture',
  async evaluate(ctx, opts = {}) {
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
  },
  results: {
    template: 'gan-2d',
    reference: [
      { metric: 'modesCovered', target: 'all 8 modes within 2,000 steps', met: (v, f) => v === f('modes') },
      { metric: 'withinShare', target: 'most points within 3σ of a mode', met: (v) => v > 0.5 },
      { metric: 'minModeShare', target: 'no mode starved (≥ 2%)', met: (v) => v >= 0.02 },
    ],
  },
};
