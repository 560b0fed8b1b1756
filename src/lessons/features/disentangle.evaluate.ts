/**
 * Feature disentangle's figures: how much speaker information each encoder keeps, read by a
 * nearest-centroid probe fitted on train-split embeddings and judged on test embeddings (chance =
 * 1/24 speakers), content accuracy from E_c, and voice conversion Dec(E_c(x_A), E_s(x_B)) judged
 * by the speaker probe on E_s (share heard as B) and the content probe on E_c (share still A's).
 */
import { agreement, classCentroids, nearestCentroidPredict, pca2 } from '../../analysis/index';
import { SPEECH } from '../../graph/datasets';
import type { LessonContext, LessonMetrics } from '../types';
import { rolesIn } from '../roles';
import { conversionPartners, DISENTANGLE_LESSON } from './disentangle';
import { round } from '../figures';
import { classesOf, heldOut, rowWidth } from './held-out';

interface Embedded {
  ec: Float32Array;
  es: Float32Array;
  dc: number;
  ds: number;
  speaker: Int32Array;
  content: Int32Array;
  x: Float32Array;
  n: number;
}

async function embed(ctx: LessonContext, split: 'train' | 'test', count: number): Promise<Embedded> {
  const roles = rolesIn(ctx.plan, DISENTANGLE_LESSON);
  const data = await heldOut(ctx, roles.data.node, { split, count });
  const draws = { [roles.data.node]: { [roles.data.port]: data.draw[roles.data.port] } };
  const ec = await ctx.engine.sample(roles.content.node, roles.content.port, data.count, { draws });
  const es = await ctx.engine.sample(roles.speaker.node, roles.speaker.port, data.count, { draws });
  return {
    ec: ec.data,
    es: es.data,
    dc: rowWidth(ec.shape),
    ds: rowWidth(es.shape),
    speaker: classesOf(data.raw.speaker, SPEECH.speakers),
    content: classesOf(data.raw.content, SPEECH.phonemes),
    x: data.draw[roles.data.port],
    n: data.count,
  };
}

function rows(values: Float32Array, d: number, pick: ArrayLike<number>): Float32Array {
  const out = new Float32Array(pick.length * d);
  for (let i = 0; i < pick.length; i++) out.set(values.subarray(pick[i] * d, (pick[i] + 1) * d), i * d);
  return out;
}

export async function evaluateDisentangle(ctx: LessonContext, opts: { count?: number } = {}): Promise<LessonMetrics> {
  const count = opts.count ?? 480;
  const roles = rolesIn(ctx.plan, DISENTANGLE_LESSON);
  const train = await embed(ctx, 'train', Math.max(count, 2 * SPEECH.speakers));
  const test = await embed(ctx, 'test', count);
  const speakerOnEs = classCentroids(train.es, train.speaker, train.ds, SPEECH.speakers);
  const speakerOnEc = classCentroids(train.ec, train.speaker, train.dc, SPEECH.speakers);
  const contentOnEc = classCentroids(train.ec, train.content, train.dc, SPEECH.phonemes);
  const speakerFromEs = agreement(nearestCentroidPredict(speakerOnEs, test.es, test.ds), test.speaker);
  const speakerFromEc = agreement(nearestCentroidPredict(speakerOnEc, test.ec, test.dc), test.speaker);
  const contentFromEc = agreement(nearestCentroidPredict(contentOnEc, test.ec, test.dc), test.content);

  // Conversion: content codes of A with speaker codes of B, decoded, then re-encoded and judged.
  const partner = conversionPartners(test.speaker);
  const given = { [roles.content.node]: { [roles.content.port]: test.ec }, [roles.speaker.node]: { [roles.speaker.port]: rows(test.es, test.ds, partner) } };
  const converted = await ctx.engine.sample(roles.decoder.node, roles.decoder.port, test.n, { given });
  const draws = { [roles.data.node]: { [roles.data.port]: converted.data } };
  const esConverted = await ctx.engine.sample(roles.speaker.node, roles.speaker.port, test.n, { draws });
  const ecConverted = await ctx.engine.sample(roles.content.node, roles.content.port, test.n, { draws });
  const heardAs = nearestCentroidPredict(speakerOnEs, esConverted.data, test.ds);
  const speakerB = Int32Array.from(partner, (j) => test.speaker[j]);
  const contentKept = agreement(nearestCentroidPredict(contentOnEc, ecConverted.data, test.dc), test.content);

  const shown = Math.min(test.n, 240);
  const project = (values: Float32Array, d: number) => {
    const p = pca2(values.subarray(0, shown * d), shown, d);
    return Array.from({ length: shown }, (_, i) => [round(p.points[i * 2], 3), round(p.points[i * 2 + 1], 3)]);
  };
  return {
    speakerAccuracy: { fromEs: round(speakerFromEs), fromEc: round(speakerFromEc), chance: round(1 / SPEECH.speakers) },
    contentAccuracy: { fromEc: round(contentFromEc), chance: round(1 / SPEECH.phonemes) },
    conversion: { judgedAsB: round(agreement(heardAs, speakerB)), judgedAsA: round(agreement(heardAs, test.speaker)), contentKept: round(contentKept) },
    embeddings: {
      ec: project(test.ec, test.dc),
      es: project(test.es, test.ds),
      speaker: Array.from(test.speaker.subarray(0, shown)),
      content: Array.from(test.content.subarray(0, shown)),
    },
    count: test.n,
  };
}

