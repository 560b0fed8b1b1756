/**
 * What the PyTorch export can write, checked before it writes anything: a node kind, layer type,
 * param, layer field or phase setting it has no Python for is refused with a message naming the
 * node, layer or phase, never dropped. A param or field the export does not know is accepted only
 * at its declared default, where it changes nothing.
 */
import type { Plan, PlanNode, PlanPhase } from '../../compiler/plan';
import { getKind } from '../../graph/catalog';
import { layerDefinition } from '../../graph/layers';
import { nodeName } from '../../graph/node-kind';
import type { ResolvedNetwork } from '../../graph/nodes/network-common';
import { torchLayer } from './layers';
import { torchNode } from './nodes/index';

export interface ExportProblem {
  node?: string;
  phase?: string;
  message: string;
}

const PHASE_KEYS = new Set(['id', 'name', 'repeats', 'terms', 'updates', 'optimizer', 'lrSchedule', 'nodes', 'batchNorm', 'clipNorm']);
const TERM_KEYS = new Set(['loss', 'weight', 'schedule']);
const TERM_SCHEDULE_KEYS: Record<string, string[]> = { constant: ['type'], linear: ['type', 'from', 'to', 'start', 'end', 'unit'], step: ['type', 'at', 'before', 'after', 'unit'], dann: ['type', 'gamma'] };
const BATCH_NORM_MODES: readonly string[] = ['batch', 'batch-frozen', 'moving'];
const OPTIMIZER_KEYS: Record<string, string[]> = {
  adam: ['type', 'lr', 'beta1', 'beta2', 'epsilon'],
  sgd: ['type', 'lr', 'momentum'],
  rmsprop: ['type', 'lr', 'decay', 'momentum', 'epsilon'],
};
const SCHEDULE_KEYS: Record<string, string[]> = { constant: ['type'], dann: ['type', 'alpha', 'beta'] };
const LAYER_COMMON = new Set(['type', 'name', 'fixed']);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Absent, null, false and empty values change nothing, whatever the option. */
function inert(value: unknown): boolean {
  return value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && Object.keys(value as object).length === 0);
}

function nodeProblems(node: PlanNode): ExportProblem[] {
  const kind = getKind(node.kind);
  const name = nodeName(kind, node);
  const entry = torchNode(node.kind);
  if (!entry) return [{ node: node.id, message: `${name}: the PyTorch export has no code for ${kind?.title ?? node.kind} nodes yet` }];
  const problems: ExportProblem[] = [];
  for (const [param, value] of Object.entries(node.params)) {
    if (entry.params.includes(param)) continue;
    const spec = kind?.params.find((p) => p.name === param);
    if (spec ? same(value, spec.default) : inert(value)) continue;
    problems.push({ node: node.id, message: `${name}: ${spec?.label ?? param} = ${JSON.stringify(value)} is not supported by the PyTorch export yet` });
  }
  const refusal = entry.refuse?.(node);
  if (refusal) problems.push({ node: node.id, message: `${name}: ${refusal} by the PyTorch export` });
  return problems;
}

function networkProblems(node: PlanNode, network: ResolvedNetwork): ExportProblem[] {
  const name = nodeName(getKind(node.kind), node);
  const problems: ExportProblem[] = [];
  network.layers.forEach((resolved, i) => {
    const layer = resolved.layer as Record<string, unknown> & { type: string };
    const declaration = layerDefinition(layer.type);
    const where = `${name}, layer ${i + 1} (${declaration?.title ?? layer.type})`;
    const entry = torchLayer(layer.type);
    if (!entry) {
      problems.push({ node: node.id, message: `${where}: the PyTorch export has no code for this layer type yet` });
      return;
    }
    for (const [field, value] of Object.entries(layer)) {
      if (LAYER_COMMON.has(field) || entry.fields.includes(field)) continue;
      const spec = declaration?.fields.find((p) => p.name === field);
      if (spec ? same(value, spec.default) : inert(value)) continue;
      problems.push({ node: node.id, message: `${where}: ${field} = ${JSON.stringify(value)} is not supported by the PyTorch export yet` });
    }
  });
  return problems;
}

function phaseProblems(phase: PlanPhase): ExportProblem[] {
  const where = `phase “${phase.name}” (${phase.id})`;
  const problems: ExportProblem[] = [];
  const unknown = (what: string, keys: Set<string> | string[], value: Record<string, unknown>) => {
    for (const [key, v] of Object.entries(value)) {
      if ((Array.isArray(keys) ? keys.includes(key) : keys.has(key)) || inert(v)) continue;
      problems.push({ phase: phase.id, message: `${where}: ${what}${key} = ${JSON.stringify(v)} is not supported by the PyTorch export yet` });
    }
  };
  unknown('', PHASE_KEYS, phase as unknown as Record<string, unknown>);
  for (const term of phase.terms) {
    unknown(`the term of ${term.loss}: `, TERM_KEYS, term as unknown as Record<string, unknown>);
    if (!term.schedule) continue;
    const keys = TERM_SCHEDULE_KEYS[term.schedule.type];
    if (!keys) problems.push({ phase: phase.id, message: `${where}: the ${term.schedule.type} weight schedule of ${term.loss} is not supported by the PyTorch export yet` });
    else unknown(`the weight schedule of ${term.loss}: `, keys, term.schedule as unknown as Record<string, unknown>);
  }
  for (const [group, mode] of Object.entries(phase.batchNorm ?? {})) {
    if (!BATCH_NORM_MODES.includes(mode)) problems.push({ phase: phase.id, message: `${where}: BatchNorm mode "${mode}" of ${group} is not supported by the PyTorch export yet` });
  }
  const optimizer = OPTIMIZER_KEYS[phase.optimizer.type];
  if (!optimizer) problems.push({ phase: phase.id, message: `${where}: the ${phase.optimizer.type} optimizer is not supported by the PyTorch export yet` });
  else unknown('optimizer ', optimizer, phase.optimizer as unknown as Record<string, unknown>);
  const schedule = SCHEDULE_KEYS[phase.lrSchedule.type];
  if (!schedule) problems.push({ phase: phase.id, message: `${where}: the ${phase.lrSchedule.type} learning-rate schedule is not supported by the PyTorch export yet` });
  else unknown('learning-rate schedule ', schedule, phase.lrSchedule as unknown as Record<string, unknown>);
  return problems;
}

/** Everything in the plan's phases (and the extra nodes given) that the export cannot write. */
export function exportProblems(plan: Plan, extraNodes: string[] = []): ExportProblem[] {
  const ids = new Set([...plan.phases.flatMap((p) => p.nodes), ...extraNodes]);
  const problems: ExportProblem[] = [];
  const groupsSeen = new Set<string>();
  for (const node of plan.nodes) {
    if (!ids.has(node.id)) continue;
    problems.push(...nodeProblems(node));
    const group = node.group && plan.groups.find((g) => g.id === node.group);
    if (group && !groupsSeen.has(group.id)) {
      groupsSeen.add(group.id);
      problems.push(...networkProblems(plan.nodes.find((n) => n.id === group.id) ?? node, group.network));
    }
  }
  for (const phase of plan.phases) problems.push(...phaseProblems(phase));
  return problems;
}
