/** train.py and data.py: the graph's phases as functions, their table, the loop; its sources. */
import type { Plan, PlanPhase } from '../../compiler/plan';
import type { TermSchedule } from '../../graph/document';
import { getKind } from '../../graph/catalog';
import { planHash } from '../../compiler/plan-hash';
import { writeForward } from './forward';
import type { GroupNames } from './model';
import { torchNode } from './nodes/index';
import { indent, Names, pyComment, pyFloat, pyString, pyTuple, snakeCase } from './python';

/** Names the generated modules import or use at top level: no phase function or variable takes them. */
export const RESERVED = [
  'torch', 'nn', 'F', 'ops', 'data', 'feed', 'os', 'nets', 'batch', 'progress', 'main', 'Phase', 'Training', 'Networks', 'arguments',
  'run_main', 'adam', 'sgd', 'rmsprop', 'constant_lr', 'dann_lr', 'linear_weight', 'step_weight', 'dann_weight', 'PHASES', 'v', 'TITLE', 'SEED', 'BATCH_SIZE', 'STEPS', 'LOG_EVERY', 'PLAN_HASH',
  'HERE', 'DATA', 'sources', 'make_feed', 'np', 'json', 'sys', 'math', 'checkpoint', 'images', 'model',
];

const label = (plan: Plan, id: string) => plan.nodes.find((n) => n.id === id)?.label ?? id;

function termsText(plan: Plan, phase: PlanPhase): string {
  return phase.terms.map((t) => (t.weight === 1 ? label(plan, t.loss) : `${Number(t.weight.toPrecision(6))} × ${label(plan, t.loss)}`)).join(' + ');
}

/**
 * Whether some weights of the networks a phase updates get no gradient from its losses: a trunk
 * read only at its features, or a network the losses do not reach. DistributedDataParallel must
 * then look for unused parameters, or it waits for their gradients forever.
 */
export function leavesWeightsUnused(plan: Plan, phase: PlanPhase): boolean {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const consumed = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const todo = phase.terms.map((t) => t.loss);
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id);
    const rule = node && getKind(node.kind)?.gradient;
    if (!node || (rule !== 'pass' && rule !== 'reverse')) continue;
    for (const ref of Object.values(node.inputs)) {
      if (!consumed.has(ref.node)) consumed.set(ref.node, new Set());
      consumed.get(ref.node)!.add(ref.port);
      todo.push(ref.node);
    }
  }
  return phase.updates.some((groupId) => {
    const group = plan.groups.find((g) => g.id === groupId);
    if (!group) return false;
    const last = group.network.layers.length - 1;
    const whole = (ports: Set<string>) => ports.has('out') || (ports.has('features') && group.network.features?.index === last);
    return !group.appliedBy.some((app) => consumed.has(app) && seen.has(app) && whole(consumed.get(app)!));
  });
}

/** The nodes of a phase the feed draws for (data, codes, masks, ε, dropout). */
export function phaseDraws(plan: Plan, phase: PlanPhase): string[] {
  return phase.nodes.filter((id) => {
    const node = plan.nodes.find((n) => n.id === id)!;
    return !!torchNode(node.kind)?.source?.(node);
  });
}

function optimizerCode(phase: PlanPhase): string {
  const o = phase.optimizer;
  if (o.type === 'adam') return `adam(${pyFloat(o.lr)}, beta1=${pyFloat(o.beta1)}, beta2=${pyFloat(o.beta2)}, epsilon=${pyFloat(o.epsilon)})`;
  if (o.type === 'sgd') return `sgd(${pyFloat(o.lr)}, momentum=${pyFloat(o.momentum)})`;
  return `rmsprop(${pyFloat(o.lr)}, decay=${pyFloat(o.decay)}, momentum=${pyFloat(o.momentum)}, epsilon=${pyFloat(o.epsilon)})`;
}

/** A term's weight schedule as a ganvas_torch.training factor function. */
function termScheduleCode(schedule: TermSchedule): string | undefined {
  const unit = (u: string) => (u === 'progress' ? ', unit="progress"' : '');
  if (schedule.type === 'linear') return `linear_weight(${pyFloat(schedule.start)}, ${pyFloat(schedule.end)}, from_=${pyFloat(schedule.from)}, to=${pyFloat(schedule.to)}${unit(schedule.unit)})`;
  if (schedule.type === 'step') return `step_weight(${pyFloat(schedule.at)}, before=${pyFloat(schedule.before)}, after=${pyFloat(schedule.after)}${unit(schedule.unit)})`;
  if (schedule.type === 'dann') return `dann_weight(gamma=${pyFloat(schedule.gamma)})`;
  return undefined;
}

function scheduleCode(phase: PlanPhase): string {
  const s = phase.lrSchedule;
  if (s.type === 'dann') return `dann_lr(${pyFloat(phase.optimizer.lr)}, alpha=${pyFloat(s.alpha)}, beta=${pyFloat(s.beta)})`;
  return `constant_lr(${pyFloat(phase.optimizer.lr)})`;
}

function phaseFunction(plan: Plan, phase: PlanPhase, fn: string, groups: GroupNames): string[] {
  const names = new Names(RESERVED);
  const written = writeForward(plan, phase.nodes, names, {
    training: true,
    network: (g) => `nets.${groups.attribute.get(g)}`,
    wanted: phase.terms.map((t) => ({ node: t.loss, port: 'loss' })),
  });
  const updated = phase.updates.map((g) => plan.groups.find((x) => x.id === g)?.id ?? g);
  const doc = [`"""“${pyComment(phase.name)}”: updates ${updated.join(', ')}.`, '', `Minimises ${pyComment(termsText(plan, phase))}.`, '"""'];
  const result = phase.terms.map((t) => `${pyString(t.loss)}: ${written.outputs.get(t.loss)!.loss},`);
  return [`def ${fn}(nets, batch, progress):`, ...indent([...doc, ...written.lines, 'return {', ...indent(result), '}'])];
}

function phaseEntry(plan: Plan, phase: PlanPhase, fn: string, groups: GroupNames): string[] {
  const scheduled = phase.terms.flatMap((t) => {
    const code = t.schedule && termScheduleCode(t.schedule);
    return code ? [[t.loss, code] as const] : [];
  });
  const attrs = phase.updates.map((g) => pyString(groups.attribute.get(g)!));
  return [
    'Phase(',
    ...indent([
      `id=${pyString(phase.id)},`,
      `name=${pyString(phase.name)},`,
      `losses=${fn},`,
      `updates=${pyTuple(attrs)},`,
      `groups=${pyTuple(phase.updates.map(pyString))},`,
      `terms={${phase.terms.map((t) => `${pyString(t.loss)}: ${pyFloat(t.weight)}`).join(', ')}},`,
      `optimizer=${optimizerCode(phase)},`,
      `learning_rate=${scheduleCode(phase)},`,
      `draws=${pyTuple(phaseDraws(plan, phase).map(pyString))},`,
      `repeats=${phase.repeats},`,
      `find_unused=${leavesWeightsUnused(plan, phase) ? 'True' : 'False'},`,
      ...(phase.clipNorm ? [`clip_norm=${pyFloat(phase.clipNorm)},  # gradients scaled down to this global norm`] : []),
      ...(scheduled.length ? [`schedules={${scheduled.map(([loss, code]) => `${pyString(loss)}: ${code}`).join(', ')}},  # loss id → its weight's factor over training`] : []),
      ...(phase.batchNorm && Object.keys(phase.batchNorm).length
        ? [`batch_norm={${Object.entries(phase.batchNorm).map(([g, mode]) => `${pyString(groups.attribute.get(g) ?? g)}: ${pyString(mode)}`).join(', ')}},  # BatchNorm modes in this phase`]
        : []),
    ]),
    '),',
  ];
}

export function phaseFunctionNames(plan: Plan): string[] {
  const names = new Names(RESERVED);
  return plan.phases.map((p) => names.take(snakeCase(p.name), snakeCase(p.id), 'phase'));
}

/** `from MODULE import a, b` for the names the code uses ("" when none). */
export function importsUsed(module: string, names: string[], code: string, always: string[] = []): string {
  const used = names.filter((n) => always.includes(n) || new RegExp(`\\b${n}\\b`).test(code));
  return used.length ? `from ${module} import ${used.sort().join(', ')}` : '';
}

/** The (H, W, C) of the user's images when a node of the graph reads them. */
export function ownImagesSize(plan: Plan): number[] | undefined {
  for (const node of plan.nodes) {
    const size = getKind(node.kind)?.customImages?.(node.params);
    if (size) return [...size];
  }
  return undefined;
}

export function writeTrain(plan: Plan, groups: GroupNames): string {
  const own = ownImagesSize(plan);
  const fns = phaseFunctionNames(plan);
  const order = plan.phases.map((p) => `${p.name} (×${p.repeats}) updates ${p.updates.join(', ')}`).join('; then ');
  const functions = plan.phases.flatMap((p, i) => [...phaseFunction(plan, p, fns[i], groups), '', '']);
  const table = indent(plan.phases.flatMap((p, i) => phaseEntry(plan, p, fns[i], groups)));
  const code = [...functions, ...table].join('\n');
  const lines = [
    `"""Trains “${pyComment(plan.title)}” with PyTorch, phase by phase as ganvas does.`,
    '',
    `Each iteration: ${pyComment(order)}.`,
    'Each phase has its own optimizer over exactly the networks it updates; the others only',
    'pass gradients through. Losses are logged to OUT/metrics.jsonl as `ganvas train` writes',
    'them, checkpoints to OUT/checkpoint/ in ganvas’s format (`ganvas eval --checkpoint OUT`).',
    '',
    '    python3 train.py [--steps N] [--device cpu|cuda] [--out DIR] [--resume DIR] [--rng ganvas]',
    '    torchrun --nproc_per_node N train.py [...]   # DistributedDataParallel, the batch split N ways',
    '    python3 -m ganvas_torch.run --nproc_per_node N train.py [...]   # the same where torchrun fails (README)',
    '"""',
    'import os',
    '',
    ...(/\btorch\./.test(code) ? ['import torch', ''] : []),
    'import data',
    ...(/\bops\./.test(code) ? ['from ganvas_torch import ops'] : []),
    importsUsed('ganvas_torch.training', ['Phase', 'Training', 'adam', 'arguments', 'constant_lr', 'dann_lr', 'dann_weight', 'linear_weight', 'rmsprop', 'run_main', 'sgd', 'step_weight'], code, ['Phase', 'Training', 'arguments', 'run_main']),
    'from model import Networks',
    '',
    `TITLE = ${pyString(plan.title)}`,
    `SEED = ${plan.seed}`,
    `BATCH_SIZE = ${plan.batchSize}  # the global batch: under torchrun each process takes BATCH_SIZE / N of it`,
    `STEPS = ${plan.steps}`,
    `LOG_EVERY = ${plan.logEvery}`,
    `PLAN_HASH = ${pyString(planHash(plan))}  # which graph and size the checkpoints belong to`,
    '',
    '',
    ...functions,
    '# The phases in the order they run within an iteration. `terms`: loss id → weight (the phase’s',
    '# term weight × the loss node’s own); `draws`: the nodes the feed draws a fresh batch for.',
    'PHASES = [',
    ...table,
    ']',
    '',
    '',
    'def main(argv=None):',
    ...indent([
      `args = arguments(__doc__, steps=STEPS, every=LOG_EVERY${own ? `, own_images=(${own.join(', ')})` : ''}).parse_args(argv)`,
      'run = Training(args, title=TITLE, seed=SEED, plan_hash=PLAN_HASH, batch_size=BATCH_SIZE, folder=os.path.dirname(os.path.abspath(__file__)))',
      'nets = run.networks(Networks)',
      `feed = data.make_feed(run.seed, rng=args.rng, rank=run.rank, world=run.world, device=run.device${own ? ', images=args.images' : ''})`,
      'phases = run.phases(PHASES, nets)',
      'step = run.restore(nets, phases, feed)  # --resume, --weights, or weights/ beside this file',
      'while step < run.until:',
      '    for phase in phases:',
      '        for _ in range(phase.repeats):',
      '            phase.update(nets, feed.draw(phase.draws, BATCH_SIZE), step, run.steps)',
      '    step += 1',
      '    run.end_iteration(step, nets, phases, feed)  # metrics every --every steps, checkpoints every --save-every',
      'return run.finish(step)',
    ]),
    '',
    '',
    'if __name__ == "__main__":',
    '    raise SystemExit(run_main(main))',
    '',
  ];
  return lines.join('\n');
}

export function writeData(plan: Plan): string {
  const own = ownImagesSize(plan);
  const makeFeed = own
    ? [
        'def make_feed(seed, rng="torch", rank=0, world=1, device="cpu", images=None):',
        '    """The training feed (ganvas’s streams train/NODE/…), giving this process its shard of each batch;',
        '    `images`: a folder of your own images for the “custom” data set, in place of data/custom."""',
        '    files = feed.DataFiles(DATA)',
        '    if images:',
        `        files.use_images("custom", load_folder(images, ${own.join(', ')}))`,
        '    return feed.Feed(sources(), seed, files, rng=rng, rank=rank, world=world, device=device)',
      ]
    : [
        'def make_feed(seed, rng="torch", rank=0, world=1, device="cpu"):',
        '    """The training feed (ganvas’s streams train/NODE/…), giving this process its shard of each batch."""',
        '    return feed.Feed(sources(), seed, feed.DataFiles(DATA), rng=rng, rank=rank, world=world, device=device)',
      ];
  const drawn = [...new Set(plan.phases.flatMap((p) => phaseDraws(plan, p)))];
  const entries = drawn.map((id) => {
    const node = plan.nodes.find((n) => n.id === id)!;
    const source = torchNode(node.kind)!.source!(node)!;
    return [`# “${pyComment(node.label)}”: ${pyComment(source.comment)}`, `${pyString(id)}: ${source.expression},`];
  });
  return [
    `"""Where every input of “${pyComment(plan.title)}” comes from: one source per node that draws.`,
    '',
    'The data sets are the ones ganvas builds, written by the exporter under data/ (listed in',
    'data/manifest.json); ganvas_torch/feed.py draws batches, noise and codes from one named',
    'stream per node, in ganvas’s order with --rng ganvas.',
    '"""',
    'import os',
    '',
    'from ganvas_torch import feed',
    ...(own ? ['from ganvas_torch.images import load_folder'] : []),
    '',
    'DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")',
    '',
    '',
    'def sources():',
    '    """node id → what it draws."""',
    '    return {',
    ...indent(entries.flat(), '        '),
    '    }',
    '',
    '',
    ...makeFeed,
    '',
  ].join('\n');
}
