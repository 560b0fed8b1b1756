/**
 * Inpainting's figures on test faces with the Mask node's holes: PSNR inside the hole of the
 * composite (generator's pixels in the hole, the original elsewhere) vs mean-fill (each hole
 * pixel set to the mean colour of the visible pixels). The L2-only comparison comes from
 * evaluating that variant's checkpoint with this same lesson.
 */
import { meanFill, meanPsnr, toUnitRange } from '../../analysis/index';
import type { LessonContext, LessonMetrics } from '../types';
import { round } from '../figures';
import { nodeOf, rolesIn } from '../roles';
import { heldOut } from './held-out';
import { INPAINTING_LESSON } from './inpainting';

export async function evaluateInpainting(ctx: LessonContext, opts: { count?: number } = {}): Promise<LessonMetrics> {
  const { data, mask, completion } = rolesIn(ctx.plan, INPAINTING_LESSON);
  const test = await heldOut(ctx, data.node, { split: 'test', count: opts.count ?? 200 });
  const n = test.count;
  const [h, w, c] = nodeOf(ctx.plan, data).outputs[data.port].dims;
  const draws = { [data.node]: { [data.port]: test.draw[data.port] } };
  const masks = (await ctx.engine.sample(mask.node, mask.port, n, { draws })).data;
  const composite = toUnitRange((await ctx.engine.sample(completion.node, completion.port, n, { draws })).data);
  const original = toUnitRange(test.draw[data.port]);
  const filled = meanFill(original, masks, n, h, w, c);
  let holeShare = 0;
  for (let i = 0; i < masks.length; i++) holeShare += masks[i] / masks.length;
  return {
    holePsnr: { generator: round(meanPsnr(composite, original, n, 1, masks), 3), meanFill: round(meanPsnr(filled, original, n, 1, masks), 3) },
    holeShare: round(holeShare),
    count: n,
  };
}

