/**
 * `ganvas train FILE [--steps N] [--size tiny|small|full] [--backend wasm|cpu] [--seed S]
 * [--out DIR] [--resume DIR] [--every N] [--variant NAME]`: trains a graph in Node and writes DIR/metrics.jsonl,
 * DIR/samples-STEP.png, DIR/checkpoint/, DIR/summary.json and DIR/run.json (the run record the app's
 * Runs panel imports).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { compilePlan } from '../../compiler/compile';
import type { Plan } from '../../compiler/plan';
import { loadImagesFromPath, nodeDataEnv } from '../../data/env-node';
import type { LoadedImages } from '../../data/images';
import { encodePng } from '../../data/png';
import { MAX_STEPS, SIZE_PRESETS, type GraphDocument, type SizePreset } from '../../graph/document';
import type { Checkpoint } from '../../engine/checkpoint';
import { asTrained, makeRunRecord, RUN_FILE, runSettings, thinCurves } from '../../runs/record';
import { readCheckpoint, writeCheckpoint } from '../../engine/checkpoint-node';
import { Engine, type EngineEvent } from '../../engine/index';
import type { PlanSamples } from '../../compiler/plan';
import { sampleGrid, scatterPlot } from '../../data/sample-images';
import { getKind } from '../../graph/catalog';
import { shown } from '../../graph/text';
import { readDocumentFile } from '../documents';
import { parseFlags } from '../flags';
import { EXIT, processIO } from '../io';

const USAGE =
  'usage: ganvas train FILE [--steps N] [--size tiny|small|full] [--backend wasm|cpu] [--seed S] [--out DIR] [--resume DIR] [--every N] [--data DIR|ZIP] [--variant NAME] [--keep-checkpoints] [--engine tfjs|torch]';
const BACKENDS = ['wasm', 'cpu'] as const;

interface IO {
  log(s: string): void;
  error(s: string): void;
}

interface TrainArgs {
  file: string;
  steps?: number;
  size?: SizePreset;
  backend: 'wasm' | 'cpu';
  seed?: number;
  out?: string;
  resume?: string;
  every?: number;
  /** A folder or zip of the user's images, for the nodes that read them (a Dataset named "custom"). */
  data?: string;
  /** One of the document's one-click variants (e.g. a baseline) instead of the graph itself. */
  variant?: string;
  /** Keep every checkpoint (checkpoint-STEP/) beside the latest, to evaluate the run's curve. */
  keepCheckpoints: boolean;
}

function parseArgs(argv: string[]): TrainArgs | string {
  const parsed = parseFlags(argv, { steps: 'number', size: 'string', backend: 'string', seed: 'number', out: 'string', resume: 'string', every: 'number', data: 'string', variant: 'string', 'keep-checkpoints': 'boolean' });
  if (!parsed.ok) return parsed.error;
  const { flags, positional } = parsed;
  if (positional.length !== 1) return positional.length === 0 ? 'name a graph document (a .json file or a template name)' : `one document at a time, got: ${positional.join(' ')}`;
  const wholeAtLeast = (name: string, min: number): string | undefined => {
    const v = flags[name];
    return v !== undefined && !(Number.isInteger(v) && (v as number) >= min) ? `--${name} must be a whole number ≥ ${min}, not ${v}` : undefined;
  };
  const bad = wholeAtLeast('steps', 1) ?? wholeAtLeast('every', 1) ?? wholeAtLeast('seed', 0);
  if (bad) return bad;
  // The same ceiling as a document's own step count, so no run is asked to go on for ever.
  if (flags.steps !== undefined && (flags.steps as number) > MAX_STEPS) return `--steps must be at most ${MAX_STEPS.toLocaleString('en-US')}, not ${flags.steps}`;
  if (flags.every !== undefined && (flags.every as number) > MAX_STEPS) return `--every must be at most ${MAX_STEPS.toLocaleString('en-US')}, not ${flags.every}`;
  if (flags.seed !== undefined && (flags.seed as number) > 2 ** 31 - 1) return `--seed must be at most ${2 ** 31 - 1}`;
  const size = flags.size as string | undefined;
  if (size !== undefined && !(SIZE_PRESETS as readonly string[]).includes(size)) return `--size must be one of ${SIZE_PRESETS.join(', ')}, not "${size}"`;
  const backend = (flags.backend as string | undefined) ?? 'wasm';
  if (!(BACKENDS as readonly string[]).includes(backend)) return `--backend must be one of ${BACKENDS.join(', ')} in Node, not "${backend}"`;
  return {
    file: positional[0],
    steps: flags.steps as number | undefined,
    size: size as SizePreset | undefined,
    backend: backend as TrainArgs['backend'],
    seed: flags.seed as number | undefined,
    out: flags.out as string | undefined,
    resume: flags.resume as string | undefined,
    every: flags.every as number | undefined,
    data: flags.data as string | undefined,
    variant: flags.variant as string | undefined,
    keepCheckpoints: flags['keep-checkpoints'] === true,
  };
}

export async function trainCommand(argv: string[], io: IO): Promise<number> {
  const engine = engineFlag(argv);
  if (engine.value === 'torch') return (await import('./train-torch')).trainTorchCommand(engine.rest, io);
  if (engine.value !== undefined && engine.value !== 'tfjs') {
    io.error(`--engine must be tfjs or torch, not "${engine.value}" (ganvas train --help)`);
    return EXIT.usage;
  }
  argv = engine.rest;
  if (argv.includes('--help') || argv.includes('-h')) {
    io.log(USAGE);
    return EXIT.ok;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.error(`${args} (ganvas train --help)`);
    return EXIT.usage;
  }
  const read = readDocumentFile(args.file, args.variant);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const compiled = compilePlan(read.document, { size: args.size, steps: args.steps, seed: args.seed });
  if (!compiled.ok) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) io.error(`error ${d.node ?? d.phase ?? 'document'}: ${d.message}`);
    // A document that loads but does not check is a graph failure, as for `check` and `compile`.
    return EXIT.failure;
  }
  const plan = compiled.plan;
  const custom = customImages(plan, args.data);
  if (typeof custom === 'string') {
    io.error(custom);
    return EXIT.usage;
  }
  for (const line of custom?.skipped.length ? [custom.summary] : []) io.log(line);
  // A checkpoint is read and checked before anything is built, so a bad one fails at once.
  let resumeFrom: Checkpoint | undefined;
  if (args.resume) {
    try {
      resumeFrom = readCheckpoint(resolve(args.resume));
    } catch (e) {
      io.error(`cannot resume from ${shown(args.resume, 120)}: ${shown((e as Error).message, 300)}`);
      return EXIT.usage;
    }
  }
  const out = resolve(args.out ?? join('runs', basename(args.file).replace(/\.json$/i, '') + (args.variant ? `--${args.variant}` : '')));
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    io.error(`cannot create the output folder ${out}: ${(e as Error).message}`);
    return EXIT.usage;
  }
  try {
    return await train(plan, args, out, io, custom, read.document, resumeFrom);
  } catch (e) {
    io.error(`training failed: ${shown((e as Error).message, 300)}`);
    return EXIT.failure;
  }
}

/** `--engine NAME` (or `--engine=NAME`) taken out of argv. */
function engineFlag(argv: string[]): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--engine') value = argv[++i] ?? '';
    else if (argv[i].startsWith('--engine=')) value = argv[i].slice('--engine='.length);
    else rest.push(argv[i]);
  }
  return { value, rest };
}

/**
 * The user's images for the nodes that read them, resized to the first such node's size; an
 * error message when they are needed and missing or unreadable (the graph stays as it is).
 */
export function customImages(plan: Plan, path: string | undefined): LoadedImages | undefined | string {
  const reader = plan.nodes.map((node) => ({ node, size: getKind(node.kind)?.customImages?.(node.params) })).find((r) => r.size);
  if (!reader) return path ? `--data is only used by graphs with a Dataset named "custom"; this one has none` : undefined;
  if (!path) return `${reader.node.label} reads your own images: pass a folder or zip with --data DIR`;
  const [height, width, channels] = reader.size!;
  try {
    return loadImagesFromPath(resolve(path), { height, width, channels: channels === 1 ? 1 : 3 });
  } catch (e) {
    return (e as Error).message;
  }
}

async function train(plan: Plan, args: TrainArgs, out: string, io: IO, custom: LoadedImages | undefined, document: GraphDocument, resumeFrom?: Checkpoint): Promise<number> {
  const engine = await Engine.create(plan, { dataEnv: nodeDataEnv(), backend: args.backend, custom });
  try {
    if (resumeFrom) {
      try {
        engine.loadState(resumeFrom);
      } catch (e) {
        io.error(`cannot resume from ${shown(args.resume ?? "", 120)}: ${shown((e as Error).message, 300)}`);
        return EXIT.usage;
      }
    }
    const startStep = engine.step;
    const tensorsStart = engine.memory().tensors;
    const every = args.every ?? plan.logEvery;
    const remaining = Math.max(0, plan.steps - startStep);
    const sampleEvery = Math.max(every, Math.ceil(plan.steps / 10 / every) * every);
    const printEvery = Math.max(every, Math.ceil(plan.steps / 20 / every) * every);
    // The sample grid's output, drawn as images or 2-D points (plain vectors have no picture).
    const view = plan.samples && plan.samples.kind !== 'vectors' ? plan.samples : undefined;
    const metricsPath = join(out, 'metrics.jsonl');
    if (!args.resume || !existsSync(metricsPath)) writeFileSync(metricsPath, '');
    const tty = io === processIO && process.stdout.isTTY === true;
    io.log(
      `training "${plan.title}" (${plan.size}, batch ${plan.batchSize}) on ${engine.backend}: steps ${startStep + 1}–${plan.steps}` +
        `${engine.backendTried.some((t) => !t.ok) ? ` (${engine.backendTried.filter((t) => !t.ok).map((t) => `${t.name}: ${t.reason}`).join('; ')})` : ''}`,
    );

    let latest: EngineEvent | undefined;
    const curves: { steps: number[]; values: Record<string, (number | null)[]> } = { steps: [], values: {} };
    let lastSamples: { step: number; path: string } | undefined;
    let failure: Extract<EngineEvent, { type: 'error' }> | undefined;
    const saveOutputs = async (step: number) => {
      if (view) {
        await writeSamples(engine, view, join(out, `samples-${step}.png`));
        lastSamples = { step, path: join(out, `samples-${step}.png`) };
      }
      const state = await engine.saveState();
      // Weights that already overflowed would replace a good checkpoint with a useless one.
      if (new Float32Array(state.weightData).every(Number.isFinite)) {
        writeCheckpoint(join(out, 'checkpoint'), state);
        if (args.keepCheckpoints) writeCheckpoint(join(out, `checkpoint-${step}`), state);
      } else io.error(`step ${step}: weights are not finite; kept the previous checkpoint`);
    };
    const started = Date.now();
    const result = await engine.run({
      steps: remaining,
      logEvery: every,
      listener: async (event) => {
        if (event.type === 'metrics') {
          latest = event;
          addReading(curves, event.step, event.losses);
          appendFileSync(metricsPath, JSON.stringify({ step: event.step, losses: event.losses, stepsPerSecond: round(event.stepsPerSecond), tensors: event.tensors }) + '\n');
          if (tty) process.stdout.write(`\r${progressLine(event, plan.steps, process.stdout.columns ?? 100)}`);
          else if (event.step % printEvery === 0 || event.step === plan.steps) io.log(plainLine(event, plan.steps));
          if (event.step % sampleEvery === 0 || event.step === plan.steps) await saveOutputs(event.step);
        } else if (event.type === 'error') failure = event;
      },
    });
    if (tty) process.stdout.write('\n');
    const seconds = (Date.now() - started) / 1000;
    const trained = engine.step - startStep;
    if (result.status === 'done' && !failure && engine.step % sampleEvery !== 0 && engine.step !== plan.steps) await saveOutputs(engine.step);
    const summary = {
      title: plan.title,
      file: args.file,
      status: failure ? 'failed' : 'done',
      steps: engine.step,
      totalSteps: plan.steps,
      size: plan.size,
      batchSize: plan.batchSize,
      seed: plan.seed,
      backend: engine.backend,
      backendTried: engine.backendTried,
      stepsPerSecond: seconds > 0 ? round(trained / seconds) : 0,
      seconds: round(seconds),
      tensors: { start: tensorsStart, end: engine.memory().tensors },
      losses: latest?.type === 'metrics' ? latest.losses : {},
      ...(args.resume ? { resumedFrom: { dir: args.resume, step: startStep } } : {}),
      ...(failure ? { error: { code: failure.code, message: failure.message, phase: failure.phase, loss: failure.loss, step: failure.step } } : {}),
    };
    writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    const startedAt = Date.now() - seconds * 1000;
    const record = makeRunRecord({
      id: `cli:${out}:${Math.round(startedAt)}`,
      source: 'cli',
      title: plan.title,
      startedAt,
      endedAt: Date.now(),
      status: failure ? 'failed' : result.status === 'stopped' ? 'stopped' : 'done',
      step: engine.step,
      settings: { ...runSettings(plan, engine.backend), stepsPerSecond: summary.stepsPerSecond },
      document: asTrained(document, plan),
      curves: thinCurves(curves),
      ...(lastSamples ? { samples: { step: lastSamples.step, png: `data:image/png;base64,${readFileSync(lastSamples.path).toString('base64')}` } } : {}),
      ...(existsSync(join(out, 'checkpoint')) ? { checkpoint: { step: engine.step, path: join(out, 'checkpoint') } } : {}),
      ...(failure ? { error: failure.message } : {}),
    });
    writeFileSync(join(out, RUN_FILE), JSON.stringify(record) + '\n');
    if (failure) {
      io.error(`training stopped: ${failure.message}`);
      return EXIT.failure;
    }
    io.log(`done: ${engine.step} steps in ${summary.seconds} s (${summary.stepsPerSecond} steps/s); outputs in ${out}`);
    return EXIT.ok;
  } finally {
    engine.dispose();
  }
}

async function writeSamples(engine: Engine, view: PlanSamples, path: string): Promise<void> {
  if (view.kind === 'images') {
    const s = await engine.sample(view.node, view.port, 64);
    const grid = sampleGrid(s.data, s.shape, view.range);
    writeFileSync(path, encodePng(grid.width, grid.height, grid.rgba));
    return;
  }
  const fake = await engine.sample(view.node, view.port, 1000);
  const real = view.real ? (await engine.sample(view.real.node, view.real.port, 1000)).data : new Float32Array(0);
  const plot = scatterPlot(real, fake.data);
  writeFileSync(path, encodePng(plot.width, plot.height, plot.rgba));
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Appends one readback to the curves (a loss first seen later is blank before). */
function addReading(curves: { steps: number[]; values: Record<string, (number | null)[]> }, step: number, losses: Record<string, number>): void {
  for (const name of Object.keys(losses)) curves.values[name] ??= curves.steps.map(() => null);
  curves.steps.push(step);
  for (const [name, values] of Object.entries(curves.values)) values.push(Number.isFinite(losses[name]) ? losses[name] : null);
}

function lossText(losses: Record<string, number>, digits = 4): string {
  return Object.entries(losses)
    .map(([k, v]) => `${k}=${Number.isFinite(v) ? v.toFixed(digits) : String(v)}`)
    .join(' ');
}

function plainLine(e: Extract<EngineEvent, { type: 'metrics' }>, total: number): string {
  return `step ${e.step}/${total}  ${e.stepsPerSecond.toFixed(1)} steps/s  ${lossText(e.losses)}`;
}

function progressLine(e: Extract<EngineEvent, { type: 'metrics' }>, total: number, columns: number): string {
  const width = 24;
  const done = Math.min(width, Math.round((e.step / total) * width));
  const bar = `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${e.step}/${total} ${e.stepsPerSecond.toFixed(1)} steps/s ${lossText(e.losses, 3)}`;
  return bar.length >= columns ? bar.slice(0, columns - 1) : bar.padEnd(columns - 1);
}
