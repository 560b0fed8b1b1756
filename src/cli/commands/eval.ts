/**
 * `ganvas eval FILE --checkpoint DIR [--count N] [--backend wasm|cpu] [--variant NAME] [--judge-steps N]`: the
 * lesson's figures for a trained checkpoint, as JSON — the same numbers the lesson view shows.
 * `--judge-steps` trains the lessons' reference judges (BiGAN's digit classifier, photo editing's
 * attribute judge) for N iterations instead of their defaults: a quick look with a weaker judge.
 */
import { resolve } from 'node:path';
import { nodeDataEnv } from '../../data/env-node';
import { Engine } from '../../engine/engine';
import { evaluationFor } from '../../lessons/evaluators';
import { lessonFor } from '../../lessons/index';
import { configureReference } from '../../lessons/generative/reference-classifier';
import { referenceStoreIn } from '../../lessons/generative/reference-store-node';
import { readDocumentFile, REPO_ROOT } from '../documents';
import { parseFlags } from '../flags';
import { EXIT, type CliIO } from '../io';
import { openTrained } from '../trained';

const USAGE = 'usage: ganvas eval FILE --checkpoint DIR [--count N] [--backend wasm|cpu] [--variant NAME] [--judge-steps N]';

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(argv, { checkpoint: 'string', count: 'number', backend: 'string', variant: 'string', 'judge-steps': 'number' });
  if (!parsed.ok || parsed.positional.length !== 1 || typeof parsed.flags.checkpoint !== 'string') {
    io.error(parsed.ok ? USAGE : `${parsed.error} (${USAGE})`);
    return EXIT.usage;
  }
  const backend = (parsed.flags.backend as string | undefined) ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') {
    io.error(`--backend must be wasm or cpu, not "${backend}"`);
    return EXIT.usage;
  }
  const count = parsed.flags.count as number | undefined;
  if (count !== undefined && !(Number.isInteger(count) && count >= 1)) {
    io.error(`--count must be a whole number ≥ 1, not ${count}`);
    return EXIT.usage;
  }
  const judgeSteps = parsed.flags['judge-steps'] as number | undefined;
  if (judgeSteps !== undefined && !(Number.isInteger(judgeSteps) && judgeSteps >= 1 && judgeSteps <= 100_000)) {
    io.error(`--judge-steps must be a whole number from 1 to 100000, not ${judgeSteps}`);
    return EXIT.usage;
  }
  const read = readDocumentFile(parsed.positional[0], parsed.flags.variant as string | undefined);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const doc = read.document;
  const lesson = lessonFor(doc.meta.view);
  const evaluate = evaluationFor(lesson?.view);
  if (!lesson || !evaluate) {
    io.error(`“${doc.meta.title}” has no lesson metrics${doc.meta.view ? ` (view "${doc.meta.view}")` : ' (no meta.view)'}`);
    return EXIT.usage;
  }
  const trained = openTrained(doc, parsed.flags.checkpoint);
  if (!trained.ok) {
    io.error(trained.error);
    return EXIT.usage;
  }
  const { checkpoint, plan } = trained;
  const dataEnv = nodeDataEnv();
  // Reference judges (BiGAN's MNIST classifier) are trained once and kept in a git-ignored folder.
  // Prebuilt by `npm run judges` in public/data/judges/, else trained once into runs/reference/.
  configureReference({ store: referenceStoreIn(resolve(REPO_ROOT, 'runs', 'reference'), resolve(REPO_ROOT, 'public', 'data', 'judges')), ...(judgeSteps ? { steps: judgeSteps } : {}) });
  const engine = await Engine.create(plan, { dataEnv, backend });
  try {
    engine.loadState(checkpoint);
    const metrics = await evaluate({ plan, engine, dataEnv }, { count });
    io.log(JSON.stringify({ template: doc.meta.template ?? null, view: lesson.view, step: engine.step, size: plan.size, backend: engine.backend, metrics }, null, 2));
    return EXIT.ok;
  } catch (e) {
    io.error(`evaluation failed: ${(e as Error).message}`);
    return EXIT.failure;
  } finally {
    engine.dispose();
  }
}
