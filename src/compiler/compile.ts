/**
 * compilePlan: graph document → training plan. Pure. It compiles only graphs the checker passes,
 * so the engine never has to explain a bad graph.
 */
import { getKind } from '../graph/catalog';
import { checkDocument, type Diagnostic } from '../graph/checker';
import type { GraphDocument, SizePreset } from '../graph/document';
import { indexGraph } from '../graph/graph-index';
import type { ResolvedNetwork } from '../graph/nodes/network-common';
import { gradientReach } from '../graph/reach';
import { PLAN_FORMAT, PLAN_VERSION, type Plan, type PlanLoss, type PlanNode, type PlanParamGroup, type PlanPhase } from './plan';

export type CompileResult = { ok: true; plan: Plan; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export interface CompileOptions {
  /** Compile at this size preset instead of the document's. */
  size?: SizePreset;
  /** Override the number of training steps. */
  steps?: number;
  /** Override the seed. */
  seed?: number;
}

export function compilePlan(input: GraphDocument, opts: CompileOptions = {}): CompileResult {
  const doc: GraphDocument = opts.size || opts.seed !== undefined ? { ...input, run: { ...input.run } } : input;
  if (opts.size) doc.run.size = opts.size;
  if (opts.seed !== undefined) doc.run.seed = opts.seed;

  const check = checkDocument(doc);
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
      terms: p.terms.map((t) => ({ loss: t.loss, weight: t.weight * lossWeight.get(t.loss)! })),
      updates: [...new Set(p.updates.map((u) => check.owners[u] ?? u))],
      optimizer: p.optimizer,
      lrSchedule: p.lrSchedule,
      nodes: ancestorsInOrder(p.terms.map((t) => t.loss), byId, check.order),
    };
    const batchNorm = Object.entries(p.batchNorm ?? {}).filter(([, mode]) => mode !== 'batch');
    if (batchNorm.length) phase.batchNorm = Object.fromEntries(batchNorm.map(([id, mode]) => [check.owners[id] ?? id, mode]));
    return phase;
  });

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
  };
  return { ok: true, plan, warnings: check.diagnostics };
}

/** The nodes the given ones depend on (themselves included), in dependency order. */
export function ancestorsInOrder(targets: string[], byId: Map<string, PlanNode>, order: string[]): string[] {
  const need = new Set<string>();
  const todo = [...targets];
  while (todo.length) {
    const id = todo.pop()!;
    if (need.has(id)) continue;
    need.add(id);
    const node = byId.get(id);
    if (!node) continue;
    for (const ref of Object.values(node.inputs)) todo.push(ref.node);
  }
  return order.filter((id) => need.has(id));
}
