/**
 * `npm run results [-- NAME…] [--steps N] [--size tiny|small|full] [--table]`: for each lesson with reference
 * figures (or the named ones: template names or view names), trains the template and its listed
 * variants headless with `ganvas train`, evaluates each checkpoint with `ganvas eval`, and writes
 * docs/results.md — our figure beside the paper's and our target, with steps, size, backend and
 * time. The raw rows are kept in docs/results.json, so a subset run merges into the table; `--table`
 * only rewrites the table from them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figureAt } from '../src/lessons/figures';
import { LESSONS, type Lesson, type LessonMetrics, type LessonValue } from '../src/lessons/index';

export { figureAt };

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = join(ROOT, 'runs', 'results');
const JSON_FILE = join(ROOT, 'docs', 'results.json');
const MD_FILE = join(ROOT, 'docs', 'results.md');
const CLI = join(ROOT, 'bin', 'ganvas.mjs');

/** One trained and evaluated run: a template or one of its variants. */
interface ResultRun {
  /** "infogan" or "vae-gan/plain-vae". */
  id: string;
  template: string;
  variant?: string;
  view: string;
  size: string;
  steps: number;
  backend: string;
  trainSeconds: number;
  evalSeconds: number;
  date: string;
  metrics: LessonMetrics;
}

function parseArgs(argv: string[]): { names: string[]; steps?: number; size: string; tableOnly: boolean } {
  const names: string[] = [];
  let steps: number | undefined;
  let size = 'small';
  let tableOnly = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--table') tableOnly = true;
    else if (argv[i] === '--steps') steps = Number(argv[++i]);
    else if (argv[i] === '--size') size = argv[++i];
    else names.push(argv[i]);
  }
  if (steps !== undefined && !(Number.isInteger(steps) && steps >= 1)) throw new Error('--steps must be a whole number ≥ 1');
  return { names, steps, size, tableOnly };
}

/** One run of a results batch: a template, or one of its variants, for a lesson. */
interface RunSpec {
  lesson: Lesson;
  template: string;
  variant?: string;
  id: string;
}

/** Every run the lessons list (template, its variants, other templates of the lesson), or those named. */
export function runSpecs(names: string[]): RunSpec[] {
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
    const picked = all.filter((s) => s.id === name || (main(s) && (s.template === name || s.lesson.view === name)));
    if (picked.length === 0) throw new Error(`no results run named "${name}" (have: ${all.map((s) => s.id).join(', ')})`);
    return picked;
  });
}

function ganvas(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
}

function runOne({ lesson, template, variant, id }: RunSpec, size: string, steps?: number): ResultRun {
  const file = join(ROOT, 'templates', `${template}.json`);
  const which = variant ? ['--variant', variant] : [];
  const out = join(RUNS, variant ? `${template}--${variant}` : template);
  console.log(`\n== ${id}: training (${size}${steps ? `, ${steps} steps` : ''})`);
  const t0 = Date.now();
  ganvas(['train', file, ...which, '--size', size, '--out', out, ...(steps ? ['--steps', String(steps)] : [])]);
  const trainSeconds = (Date.now() - t0) / 1000;
  console.log(`== ${id}: evaluating`);
  const t1 = Date.now();
  const printed = JSON.parse(ganvas(['eval', file, ...which, '--checkpoint', out])) as { step: number; size: string; backend: string; metrics: LessonMetrics };
  const run: ResultRun = {
    id,
    template,
    ...(variant ? { variant } : {}),
    view: lesson.view,
    size: printed.size,
    steps: printed.step,
    backend: printed.backend,
    trainSeconds,
    evalSeconds: (Date.now() - t1) / 1000,
    date: new Date().toISOString().slice(0, 10),
    metrics: printed.metrics,
  };
  console.log(JSON.stringify(run.metrics));
  return run;
}

/** Shares and accuracies as percentages, other numbers to 4 significant digits. */
export function formatFigure(metric: string, value: LessonValue | undefined): string {
  if (typeof value === 'number') {
    if (/accuracy|share|agreement|correct/i.test(metric) && value >= 0 && value <= 1) return `${(value * 100).toFixed(1)}%`;
    return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  }
  if (value === undefined || value === null) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function resultsMarkdown(runs: ResultRun[]): string {
  const lines = [
    '# Results',
    '',
    'Written by `npm run results` (`npm run results -- NAME…` reruns some and merges them in): each template',
    'is trained headless with `ganvas train` and evaluated with `ganvas eval` — the figures the lesson',
    'views show. A row with a variant is a baseline: the same graph as its one-click variant, trained the',
    'same way. "Met" judges our figure against the target; a missed target is reported as missed.',
    '',
    '| Template | Run | Metric | Ours | Paper | Target | Met | Steps | Size | Backend | Train time |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const lesson of LESSONS.filter((l) => l.results)) {
    const template = lesson.results!.template;
    const runOf = (variant?: string, other?: string) => runs.find((r) => r.id === (other ?? (variant ? `${template}/${variant}` : template)));
    const reader = (metric: string, variant?: string) => {
      const v = runOf(variant) && figureAt(runOf(variant)!.metrics, metric);
      return typeof v === 'number' ? v : undefined;
    };
    for (const ref of lesson.results!.reference) {
      const run = runOf(ref.variant, ref.template);
      if (!run) continue;
      const value = figureAt(run.metrics, ref.metric);
      const met = ref.met && typeof value === 'number' ? (ref.met(value, reader) ? 'yes' : '**missed**') : '';
      lines.push(
        `| ${cell(ref.template ?? template)} | ${cell(ref.variant ?? 'template')} | ${cell(ref.metric)} | ${cell(formatFigure(ref.metric, value))} | ${cell(ref.paper ?? '')} | ${cell(ref.target ?? '')} | ${met} | ${run.steps} | ${run.size} | ${run.backend} | ${formatSeconds(run.trainSeconds)} |`,
      );
    }
  }
  lines.push('', `Raw figures (confusion matrices, per-mode shares, …) are in \`docs/results.json\`; pictures of each lesson view after these runs are in \`docs/lessons/\` (\`npm run screenshots\`).`, '');
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
  return existsSync(JSON_FILE) ? (JSON.parse(readFileSync(JSON_FILE, 'utf8')) as ResultRun[]) : [];
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.tableOnly) {
    // Only rewrite docs/results.md (and compact docs/results.json) from the runs already there.
    writeRuns(readRuns());
    console.log(`wrote ${MD_FILE}`);
    return;
  }
  const specs = runSpecs(args.names);
  mkdirSync(RUNS, { recursive: true });
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  for (const spec of specs) {
    const run = runOne(spec, args.size, args.steps);
    // Re-read before writing, so two batches run side by side (one per core) keep each other's rows;
    // written after every run, so a long batch keeps what it finished.
    writeRuns([...readRuns().filter((r) => r.id !== run.id), run]);
  }
  console.log(`\nwrote ${MD_FILE}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
