/**
 * `npm run results [-- NAME…] [--seeds 1,2] [--steps N] [--size tiny|small|full] [--curve] [--only] [--table]`: for
 * each lesson with reference figures (or the named ones: template names or view names), trains the
 * template and its listed variants headless with `ganvas train`, once per seed, evaluates each
 * checkpoint with `ganvas eval`, and writes docs/results.md — our figure per seed beside the paper's
 * and our target, judged on the worse seed, with steps, size, backend and time. The raw rows are kept
 * in docs/results.json, so a subset run merges into the table; `--table` only rewrites the table from
 * them. A run whose folder already holds a finished training of the same document, size, steps and
 * seed is evaluated again without training. `--curve` also evaluates the checkpoints kept along the
 * way (every tenth of the run), for the figures' curve over training. `--only` takes the names as run
 * ids alone ("triple-gan" is then the template without its variants).
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocumentFile } from '../src/cli/documents';
import { compilePlan } from '../src/compiler/compile';
import type { SizePreset } from '../src/graph/document';
import { figureAt } from '../src/lessons/figures';
import { LESSONS, type Lesson, type LessonMetrics, type LessonValue } from '../src/lessons/index';

export { figureAt };

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = join(ROOT, 'runs', 'results');
const JSON_FILE = join(ROOT, 'docs', 'results.json');
const MD_FILE = join(ROOT, 'docs', 'results.md');
const CLI = join(ROOT, 'bin', 'ganvas.mjs');
/** Two seeds: a target counts as met only when it holds on both. */
export const DEFAULT_SEEDS = [1, 2];

/** One trained and evaluated run: a template or one of its variants, at one seed. */
export interface ResultRun {
  /** "infogan" or "vae-gan/plain-vae". */
  id: string;
  template: string;
  variant?: string;
  view: string;
  seed: number;
  size: string;
  steps: number;
  backend: string;
  trainSeconds: number;
  evalSeconds: number;
  date: string;
  metrics: LessonMetrics;
  /** The reference figures at checkpoints along the run (with `--curve`). */
  curve?: { step: number; figures: Record<string, number> }[];
}

interface Args {
  names: string[];
  seeds: number[];
  steps?: number;
  size: string;
  tableOnly: boolean;
  curve: boolean;
  /** Names are run ids, matched exactly (no template's variants, no views). */
  only: boolean;
}

function parseArgs(argv: string[]): Args {
  const names: string[] = [];
  let steps: number | undefined;
  let size = 'small';
  let tableOnly = false;
  let curve = false;
  let only = false;
  let seeds = DEFAULT_SEEDS;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--table') tableOnly = true;
    else if (argv[i] === '--curve') curve = true;
    else if (argv[i] === '--only') only = true;
    else if (argv[i] === '--steps') steps = Number(argv[++i]);
    else if (argv[i] === '--size') size = argv[++i];
    else if (argv[i] === '--seeds') seeds = (argv[++i] ?? '').split(',').map(Number);
    else names.push(argv[i]);
  }
  if (steps !== undefined && !(Number.isInteger(steps) && steps >= 1)) throw new Error('--steps must be a whole number ≥ 1');
  if (seeds.length === 0 || !seeds.every((s) => Number.isInteger(s) && s >= 0)) throw new Error('--seeds must be whole numbers ≥ 0, e.g. 1,2');
  return { names, seeds, steps, size, tableOnly, curve, only };
}

/** One run of a results batch: a template, or one of its variants, for a lesson. */
interface RunSpec {
  lesson: Lesson;
  template: string;
  variant?: string;
  id: string;
}

/** Every run the lessons list (template, its variants, other templates of the lesson), or those named. */
export function runSpecs(names: string[], exact = false): RunSpec[] {
  const all = LESSONS.filter((l) => l.results).flatMap((lesson) => {
    const r = lesson.results!;
    return [
      ...[undefined, ...(r.variants ?? [])].map((variant) => ({ lesson, template: r.template, variant, id: variant ? `${r.template}/${variant}` : r.template })),
      ...(r.templates ?? []).map((template) => ({ lesson, template, id: template })),
    ];
  });
  if (names.length === 0) return all;
  return names.flatMap((name) => {
    // A run id ("vae-gan/plain-vae"), a template with its variants ("vae-gan"), or a view ("dann").
    const main = (s: RunSpec) => s.template === s.lesson.results!.template;
    const picked = all.filter((s) => s.id === name || (!exact && main(s) && (s.template === name || s.lesson.view === name)));
    if (picked.length === 0) throw new Error(`no results run named "${name}" (have: ${all.map((s) => s.id).join(', ')})`);
    return picked;
  });
}

function ganvas(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** What a training depends on: the plan the document (or its variant) compiles to at this size, steps and seed. */
export function trainingKey(file: string, variant: string | undefined, size: string, steps: number | undefined, seed: number): string {
  const read = readDocumentFile(file, variant);
  if (!read.ok) throw new Error(read.error);
  const compiled = compilePlan(read.document, { size: size as SizePreset, steps, seed });
  if (!compiled.ok) throw new Error(`${file}${variant ? ` (${variant})` : ''} does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return createHash('sha256').update(JSON.stringify(compiled.plan)).digest('hex').slice(0, 16);
}

/** A finished training in `out` made from the same inputs: its train time, or undefined. */
function finishedTraining(out: string, key: string): number | undefined {
  try {
    const kept = JSON.parse(readFileSync(join(out, 'results-key.json'), 'utf8')) as { key: string; trainSeconds: number };
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { status: string; steps: number; totalSteps: number };
    return kept.key === key && summary.status === 'done' && summary.steps === summary.totalSteps ? kept.trainSeconds : undefined;
  } catch {
    return undefined;
  }
}

function evaluate(file: string, which: string[], checkpoint: string) {
  return JSON.parse(ganvas(['eval', file, ...which, '--checkpoint', checkpoint])) as { step: number; size: string; backend: string; metrics: LessonMetrics };
}

function runOne({ lesson, template, variant, id }: RunSpec, seed: number, size: string, steps: number | undefined, curve: boolean): ResultRun {
  const file = join(ROOT, 'templates', `${template}.json`);
  const which = variant ? ['--variant', variant] : [];
  const out = join(RUNS, `${variant ? `${template}--${variant}` : template}--seed${seed}`);
  const key = trainingKey(file, variant, size, steps, seed);
  let trainSeconds = finishedTraining(out, key);
  if (trainSeconds === undefined) {
    console.log(`\n== ${id} (seed ${seed}): training (${size}${steps ? `, ${steps} steps` : ''})`);
    const t0 = Date.now();
    ganvas(['train', file, ...which, '--size', size, '--seed', String(seed), '--out', out, '--keep-checkpoints', ...(steps ? ['--steps', String(steps)] : [])]);
    trainSeconds = (Date.now() - t0) / 1000;
    writeFileSync(join(out, 'results-key.json'), JSON.stringify({ key, trainSeconds }) + '\n');
  } else console.log(`\n== ${id} (seed ${seed}): trained before, evaluating again`);
  console.log(`== ${id} (seed ${seed}): evaluating`);
  const t1 = Date.now();
  const printed = evaluate(file, which, join(out, 'checkpoint'));
  const run: ResultRun = {
    id,
    template,
    ...(variant ? { variant } : {}),
    view: lesson.view,
    seed,
    size: printed.size,
    steps: printed.step,
    backend: printed.backend,
    trainSeconds,
    evalSeconds: (Date.now() - t1) / 1000,
    date: new Date().toISOString().slice(0, 10),
    metrics: printed.metrics,
  };
  if (curve) run.curve = curveOf(lesson, id, file, which, out);
  console.log(JSON.stringify(compactMetrics(run.metrics)));
  return run;
}

/** The run's reference figures at each kept checkpoint, in step order. */
function curveOf(lesson: Lesson, id: string, file: string, which: string[], out: string): ResultRun['curve'] {
  const metrics = lesson.results!.reference.filter((r) => (r.template ?? lesson.results!.template) === id.split('/')[0] && r.variant === (id.split('/')[1] ?? undefined)).map((r) => r.metric);
  const steps = readdirSync(out)
    .map((f) => /^checkpoint-(\d+)$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  return steps.map((step) => {
    const printed = evaluate(file, which, join(out, `checkpoint-${step}`));
    const figures: Record<string, number> = {};
    for (const m of metrics) {
      const v = figureAt(printed.metrics, m);
      if (typeof v === 'number') figures[m] = v;
    }
    console.log(`   ${id} step ${step}: ${JSON.stringify(figures)}`);
    return { step, figures };
  });
}

/** Shares and accuracies as percentages, other numbers to 4 significant digits. */
export function formatFigure(metric: string, value: LessonValue | undefined): string {
  if (typeof value === 'number') {
    if (/accuracy|share|agreement|correct|intended/i.test(metric) && value >= 0 && value <= 1) return `${(value * 100).toFixed(1)}%`;
    return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  }
  if (value === undefined || value === null) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function resultsMarkdown(runs: ResultRun[]): string {
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const lines = [
    '# Results',
    '',
    'Written by `npm run results` (`npm run results -- NAME…` reruns some and merges them in): each template',
    'is trained headless with `ganvas train` and evaluated with `ganvas eval` — the figures the lesson',
    'views show — once per seed. A row with a variant is a baseline: the same graph as its one-click',
    'variant, trained the same way. "Ours" lists the figure per seed; "Met" judges each seed against its',
    'target (a baseline is read from the same seed) and says yes only when every seed meets it, so the',
    'worse seed decides; a missed target is reported as missed.',
    '',
    `Seeds: ${seeds.join(', ')}.`,
    '',
    '| Template | Run | Metric | Ours (per seed) | Paper | Target | Met | Steps | Size | Backend | Train time (per seed) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const lesson of LESSONS.filter((l) => l.results)) {
    const template = lesson.results!.template;
    const runOf = (seed: number, variant?: string, other?: string) =>
      runs.find((r) => r.seed === seed && r.id === (other ?? (variant ? `${template}/${variant}` : template)));
    const readerFor = (seed: number) => (metric: string, variant?: string) => {
      const run = runOf(seed, variant);
      const v = run && figureAt(run.metrics, metric);
      return typeof v === 'number' ? v : undefined;
    };
    for (const ref of lesson.results!.reference) {
      const perSeed = seeds.map((seed) => ({ seed, run: runOf(seed, ref.variant, ref.template) })).filter((p) => p.run);
      if (perSeed.length === 0) continue;
      const values = perSeed.map((p) => figureAt(p.run!.metrics, ref.metric));
      let met = '';
      if (ref.met) {
        const judged = perSeed.map((p, i) => (typeof values[i] === 'number' ? ref.met!(values[i] as number, readerFor(p.seed)) : false));
        const missedSeeds = perSeed.filter((_, i) => !judged[i]).map((p) => p.seed);
        met = missedSeeds.length === 0 ? 'yes' : `**missed**${perSeed.length > 1 && missedSeeds.length < perSeed.length ? ` (seed ${missedSeeds.join(', ')})` : ''}`;
        // A target counts on every seed of the table: one not run yet is said, not passed over.
        const notRun = seeds.filter((seed) => !perSeed.some((p) => p.seed === seed));
        if (notRun.length && missedSeeds.length === 0) met = `${met} on seed ${perSeed.map((p) => p.seed).join(', ')}; seed ${notRun.join(', ')} not run`;
      }
      const first = perSeed[0].run!;
      lines.push(
        `| ${cell(ref.template ?? template)} | ${cell(ref.variant ?? 'template')} | ${cell(ref.metric)} | ${cell(values.map((v) => formatFigure(ref.metric, v)).join(' / '))} | ${cell(ref.paper ?? '')} | ${cell(ref.target ?? '')} | ${met} | ${first.steps} | ${first.size} | ${first.backend} | ${perSeed.map((p) => formatSeconds(p.run!.trainSeconds)).join(' / ')} |`,
      );
    }
  }
  const missing = LESSONS.filter((l) => l.results && !runs.some((r) => r.template === l.results!.template)).map((l) => l.results!.template);
  if (missing.length) lines.push('', `Not run for this table: ${missing.join(', ')}.`);
  lines.push('', `Raw figures (confusion matrices, per-mode shares, the curves over training, …) are in \`docs/results.json\`; pictures of each lesson view after these runs are in \`docs/lessons/\` (\`npm run screenshots\`).`, '');
  return lines.join('\n');
}

function formatSeconds(s: number): string {
  return s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`;
}

/**
 * Figures as kept in docs/results.json: long arrays (PCA points, embeddings) are left out — they
 * are pictures' data, shown by the lesson views, not figures to compare.
 */
export function compactMetrics(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 64 ? `(${value.length} values left out)` : value.map(compactMetrics);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactMetrics(v)]));
  return value;
}

function writeRuns(runs: ResultRun[]): void {
  const compact = runs.map((r) => ({ ...r, metrics: compactMetrics(r.metrics) as LessonMetrics }));
  writeFileSync(JSON_FILE, `${JSON.stringify(compact, null, 1)}\n`);
  writeFileSync(MD_FILE, resultsMarkdown(compact));
}

function readRuns(): ResultRun[] {
  return existsSync(JSON_FILE) ? (JSON.parse(readFileSync(JSON_FILE, 'utf8')) as ResultRun[]).filter((r) => typeof r.seed === 'number') : [];
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.tableOnly) {
    // Only rewrite docs/results.md (and compact docs/results.json) from the runs already there.
    writeRuns(readRuns());
    console.log(`wrote ${MD_FILE}`);
    return;
  }
  const specs = runSpecs(args.names, args.only);
  mkdirSync(RUNS, { recursive: true });
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  for (const seed of args.seeds) {
    for (const spec of specs) {
      const run = runOne(spec, seed, args.size, args.steps, args.curve);
      // Re-read before writing, so two batches run side by side (one per core) keep each other's rows;
      // written after every run, so a long batch keeps what it finished.
      writeRuns([...readRuns().filter((r) => !(r.id === run.id && r.seed === run.seed)), run]);
    }
  }
  console.log(`\nwrote ${MD_FILE}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
