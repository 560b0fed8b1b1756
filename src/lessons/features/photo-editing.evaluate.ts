/**
 * Photo editing's figures on the same test faces: reconstruction error of the three ways back to z
 * — (1) gradient descent on z for ‖G(z) − x‖² from noise, (2) z = E(x), (3) descent started at E(x)
 * — and attribute edits z ± α·v (v = mean E(x) with the attribute − without, from train labels),
 * judged by a logistic-regression attribute classifier fitted on train faces (its test accuracy is
 * reported beside it). An edit succeeds when it flips the classifier's verdict on G(z).
 */
import { attributeDirection, fitLogistic, predictLogistic, toUnitRange, type LogisticModel } from '../../analysis/index';
import { degrade } from '../../data/transforms';
import { FACE_ATTRIBUTES } from '../../graph/datasets';
import type { LessonContext, LessonMetrics } from '../types';
import { nodeOf, rolesIn } from '../roles';
import { meanImageError, PHOTO_EDITING_LESSON } from './photo-editing';
import { round } from '../figures';
import { heldOut, rowWidth } from './held-out';

/** The classifier's input: [0, 1] images shrunk ×2 by area (small enough to fit in pure TS). */
function classifierFeatures(unit: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  return degrade(unit, n, h, w, c, 2, 'area');
}

function column(attributes: Float32Array, k: number, a: number): Float32Array {
  const n = attributes.length / k;
  return Float32Array.from({ length: n }, (_, i) => attributes[i * k + a]);
}

export async function evaluatePhotoEditing(ctx: LessonContext, opts: { count?: number; steps?: number; alpha?: number } = {}): Promise<LessonMetrics> {
  const n0 = opts.count ?? 32;
  const steps = opts.steps ?? 100;
  const alpha = opts.alpha ?? 1.5;
  const roles = rolesIn(ctx.plan, PHOTO_EDITING_LESSON);
  const { data, encoder, generator, code } = roles;
  const [h, w, c] = nodeOf(ctx.plan, data).outputs[data.port].dims;
  const k = FACE_ATTRIBUTES.length;
  const { engine } = ctx;

  // The three projections of the same test faces.
  const test = await heldOut(ctx, data.node, { split: 'test', count: n0 });
  const n = test.count;
  const x = test.draw[data.port];
  const unitX = toUnitRange(x);
  const draws = { [data.node]: { [data.port]: x } };
  const codes = await engine.sample(encoder.node, encoder.port, n, { draws });
  const d = rowWidth(codes.shape);
  const generate = async (z: Float32Array) => toUnitRange((await engine.sample(generator.node, generator.port, n, { given: { [code.node]: { [code.port]: z } } })).data);
  const noise = (await engine.sample(code.node, code.port, n)).data;
  const descend = (start: Float32Array) => engine.optimiseInput({ output: generator, input: code, count: n, target: x, start, steps, lr: 0.05 });
  const fromNoise = await descend(noise);
  const fromEncoder = await descend(codes.data);
  const errors = {
    descent: round(meanImageError(await generate(fromNoise.input), unitX, n), 5),
    encoder: round(meanImageError(await generate(codes.data), unitX, n), 5),
    encoderThenDescent: round(meanImageError(await generate(fromEncoder.input), unitX, n), 5),
  };

  // Attribute classifier and directions from train faces.
  const train = await heldOut(ctx, data.node, { split: 'train', count: Math.max(4 * n, 400) });
  const trainCodes = (await engine.sample(encoder.node, encoder.port, train.count, { draws: { [data.node]: { [data.port]: train.draw[data.port] } } })).data;
  const trainFeatures = classifierFeatures(toUnitRange(train.draw[data.port]), train.count, h, w, c);
  const testFeatures = classifierFeatures(unitX, n, h, w, c);
  const base = await generate(codes.data);
  const baseFeatures = classifierFeatures(base, n, h, w, c);
  const attributes: Record<string, { classifierAccuracy: number; flipShare: number; identityChange: number }> = {};
  const directions: Record<string, number[]> = {};
  let flips = 0;
  let edits = 0;
  for (let a = 0; a < k; a++) {
    const has = column(train.raw.attributes, k, a);
    let model: LogisticModel;
    let v: Float32Array;
    try {
      model = fitLogistic(trainFeatures, has, trainFeatures.length / train.count, { epochs: 60, lr: 0.5 });
      v = attributeDirection(trainCodes, has, d);
    } catch {
      continue; // an attribute absent (or universal) in the sample has no direction
    }
    const truth = column(test.raw.attributes, k, a);
    const onReal = predictLogistic(model, testFeatures);
    let correct = 0;
    for (let i = 0; i < n; i++) if (onReal[i] === (truth[i] > 0.5 ? 1 : 0)) correct++;
    const before = predictLogistic(model, baseFeatures);
    const edited = Float32Array.from(codes.data, (value, j) => {
      const i = Math.floor(j / d);
      return value + (before[i] ? -alpha : alpha) * v[j % d];
    });
    const editedImages = await generate(edited);
    const after = predictLogistic(model, classifierFeatures(editedImages, n, h, w, c));
    let flipped = 0;
    for (let i = 0; i < n; i++) if (after[i] !== before[i]) flipped++;
    flips += flipped;
    edits += n;
    directions[FACE_ATTRIBUTES[a]] = Array.from(v, (value) => round(value, 3));
    attributes[FACE_ATTRIBUTES[a]] = {
      classifierAccuracy: round(correct / n),
      flipShare: round(flipped / n),
      identityChange: round(meanImageError(editedImages, base, n), 5),
    };
  }
  return {
    reconstructionError: errors,
    attributes,
    flipShare: round(edits ? flips / edits : 0),
    /** v per attribute (the view's sliders add α·v to E(x)). */
    directions,
    alpha,
    descentSteps: steps,
    count: n,
  };
}

