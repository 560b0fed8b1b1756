/**
 * compilePlan: graph document → training plan. Pure. It compiles only graphs the checker passes,
 * so the engine never has to explain a bad graph.
 */
import { getKind } from '../graph/catalog';
import { checkDocument, type Diagnostic } from '../graph/checker';
import type { RoleNeeds } from '../graph/roles';
import type { GraphDocument, SizePreset } from '../graph/document';
import { indexGraph } from '../graph/graph-index';
import type { ResolvedNetwork } from '../graph/nodes/network-common';
import { gradientReach } from '../graph/reach';
import { ancestors } from './ancestors';
import { planRoles, planSamples } from './roles';
import { PLAN_FORMAT, PLAN_VERSION, type Plan, type PlanLoss, type PlanNode, type PlanParamGroup, type PlanPhase } from './plan';

export type CompileResult = { ok: true; plan: Plan; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export interface CompileOptions {
  /** Compile at this size preset instead of the document's. */
  size?: SizePreset;
  /** Override the number of training steps. */
  steps?: number;
  /** Override the seed. */
  seed?: number;
  /** The roles the document's lesson reads, checked as warnings. */
  roles?: RoleNeeds;
}

export function compilePlan(input: GraphDocument, opts: CompileOptions = {}): CompileResult {
  const doc: GraphDocument = opts.size || opts.seed !== undefined ? { ...input, run: { ...input.run } } : input;
  if (opts.size) doc.run.size = opts.size;
  if (opts.seed !== undefined) doc.run.seed = opts.seed;

  const check = checkDocument(doc, { roles: opts.roles });
  if (!check.ok) return { ok: false, diagnostics: check.diagnostics };

  const index = indexGraph(doc);
  const settings = doc.run.presets[doc.run.size];
  const labelOf = (id: string) => index.nodes.get(id)?.label || id;

  const nodes: PlanNode[] = [];
  for (const id of check.order) {
    const node = index.nodes.get(id)!;
    const kind = getKind(node.kind)!;
    const shapes = check.shapes[id];
    if (!shapes) continue;
    const inputs: PlanNode['inputs'] = {};
    for (const [port, edges] of index.incoming.get(id) ?? []) {
      if (port === 'shares') continue;
      inputs[port] = { node: edges[0].source.node, port: edges[0].source.port };
    }
    const params = kind.resolve
      ? kind.resolve({ node, params: check.params[id], inputs: shapes.inputs, width: settings.width })
      : { ...check.params[id] };
    const outputs = Object.fromEntries(Object.entries(shapes.outputs).filter(([, s]) => s.kind !== 'weights'));
    nodes.push({ id, kind: node.kind, label: labelOf(id), params, inputs, outputs, ...(kind.trainable ? { group: check.owners[id] } : {}) });
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const groups: PlanParamGroup[] = [];
  for (const n of nodes) {
    if (n.group !== n.id) continue;
    const network = n.params.network as ResolvedNetwork;
    const group: PlanParamGroup = {
      id: n.id,
      kind: n.kind,
      label: n.label,
      appliedBy: nodes.filter((m) => m.group === n.id).map((m) => m.id),
      network,
      parameterCount: network.parameterCount,
    };
    const trunkSource = n.inputs.features?.node;
    const trunkNode = trunkSource ? byId.get(trunkSource) : undefined;
    if (trunkNode?.group && n.inputs.features.port === 'features') {
      group.trunk = { group: trunkNode.group, node: trunkNode.id, layer: trunkNode.params.featuresAt as string };
    }
    const ema = n.params.ema as number | undefined;
    if (ema) group.ema = ema;
    groups.push(group);
  }

  const phasesEnabled = doc.phases.filter((p) => p.enabled);
  const lossIds = [...new Set(phasesEnabled.flatMap((p) => p.terms.map((t) => t.loss)))];
  const losses: PlanLoss[] = lossIds.map((id) => ({
    id,
    kind: byId.get(id)!.kind,
    label: labelOf(id),
    weight: byId.get(id)!.params.weight as number,
    reaches: Object.fromEntries(gradientReach(index, id, check.owners)),
  }));
  const lossWeight = new Map(losses.map((l) => [l.id, l.weight]));

  const phases: PlanPhase[] = phasesEnabled.map((p) => {
    const phase: PlanPhase = {
      id: p.id,
      name: p.name,
      repeats: p.repeats,
      terms: p.terms.map((t) => ({
        loss: t.loss,
        weight: t.weight * lossWeight.get(t.loss)!,
        ...(t.schedule && t.schedule.type !== 'constant' ? { schedule: t.schedule } : {}),
      })),
      updates: [...new Set(p.updates.map((u) => check.owners[u] ?? u))],
      optimizer: p.optimizer,
      lrSchedule: p.lrSchedule,
      nodes: ancestors(nodes, p.terms.map((t) => t.loss)),
    };
    const batchNorm = Object.entries(p.batchNorm ?? {}).filter(([, mode]) => mode !== 'batch');
    if (batchNorm.length) phase.batchNorm = Object.fromEntries(batchNorm.map(([id, mode]) => [check.owners[id] ?? id, mode]));
    if (p.clipNorm !== undefined) phase.clipNorm = p.clipNorm;
    return phase;
  });

  const roles = planRoles(doc, index, check, byId);
  const samples = planSamples(nodes, roles);

  const plan: Plan = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    title: doc.meta.title,
    seed: doc.run.seed,
    size: doc.run.size,
    width: settings.width,
    batchSize: settings.batchSize,
    steps: opts.steps ?? settings.steps,
    logEvery: doc.run.logEvery,
    nodes,
    groups,
    losses,
    phases,
    roles,
    ...(samples ? { samples } : {}),
  };
  return { ok: true, plan, warnings: check.diagnostics };
}
