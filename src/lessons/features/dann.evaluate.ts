/**
 * DANN's figures: digit accuracy through F + Cy on MNIST-M test (target) and MNIST test (source),
 * and how well the domains mix in F's feature space — a 2-D PCA of F(x) for both, and the accuracy
 * of a nearest-centroid domain probe (0.5 = the domains are indistinguishable to it).
 */
import { accuracy, argmaxRows, pca2 } from '../../analysis/index';
import type { LessonContext, LessonMetrics } from '../types';
import { nodeOf, rolesIn } from '../roles';
import { DANN_LESSON, domainProbeAccuracy } from './dann';
import { round } from '../figures';
import { heldOut, rowWidth } from './held-out';

const SOURCE = 'mnist';
const TARGET = 'mnist-m';

/** Digits and features of one domain's test set, read through F and Cy via the source node. */
async function readDomain(ctx: LessonContext, name: string, count: number): Promise<{ accuracy: number; features: Float32Array; width: number; n: number }> {
  const { source, features: f, classifier } = rolesIn(ctx.plan, DANN_LESSON);
  const test = await heldOut(ctx, source.node, { split: 'test', count, name });
  const draws = { [source.node]: { [source.port]: test.draw[source.port] } };
  const logits = await ctx.engine.sample(classifier.node, classifier.port, test.count, { draws });
  const features = await ctx.engine.sample(f.node, f.port, test.count, { draws });
  const classes = nodeOf(ctx.plan, classifier).outputs[classifier.port].dims[0];
  const predicted = argmaxRows(logits.data, classes);
  return { accuracy: accuracy(predicted, test.labels!, classes).accuracy, features: features.data, width: rowWidth(features.shape), n: test.count };
}

export async function evaluateDann(ctx: LessonContext, opts: { count?: number } = {}): Promise<LessonMetrics> {
  // 1,000 test images a domain: ±1.5 points (one standard error) on an accuracy near 50%.
  const count = opts.count ?? 1000;
  const source = await readDomain(ctx, SOURCE, count);
  const target = await readDomain(ctx, TARGET, count);
  const d = source.width;
  const features = new Float32Array((source.n + target.n) * d);
  features.set(source.features, 0);
  features.set(target.features, source.n * d);
  const domains = Int32Array.from({ length: source.n + target.n }, (_, i) => (i < source.n ? 0 : 1));
  const pca = pca2(features, source.n + target.n, d);
  return {
    targetAccuracy: round(target.accuracy),
    sourceAccuracy: round(source.accuracy),
    domainProbe: {
      onFeatures: round(domainProbeAccuracy(features, domains, d)),
      onPca: round(domainProbeAccuracy(pca.points, domains, 2)),
      chance: 0.5,
    },
    pca: {
      explained: pca.explained.map((e) => round(e)),
      points: Array.from({ length: source.n + target.n }, (_, i) => [round(pca.points[i * 2], 3), round(pca.points[i * 2 + 1], 3)]),
      domains: Array.from(domains),
    },
    count: source.n,
  };
}

