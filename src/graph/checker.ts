/**
 * The checker: shape inference through the whole graph and diagnostics a learner understands, each
 * naming its node and port or field. Pure and fast: it runs on every edit. It never throws on a
 * document that passed the schema; whatever is wrong becomes a diagnostic.
 */
import { getKind } from './catalog';
import { sizeSettings, type GraphDocument, type GraphNode } from './document';
import { indexGraph, orderGraph, type GraphIndex } from './graph-index';
import { inputPorts, nodeName, outputPorts, type InputPort, type NodeKind } from './node-kind';
import { validateParam, withDefaults, type ParamValues } from './params';
import { describeShape, sameDims, ShapeError, size, type Shape, type TensorKind } from './types';
import { TENSOR_LIMIT } from './limits';
import { gradientReach, type GroupReach } from './reach';
import { checkRoles, type RoleNeeds } from './roles';
import { usesBatchStatistics, type Layer } from './layers';
import { shown } from './text';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable reason, e.g. `shape`, `cycle`, `unconnected`. */
  code: string;
  message: string;
  node?: string;
  port?: string;
  field?: string;
  phase?: string;
  edge?: string;
}

export interface CheckResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Inferred shapes of every known port (inputs and outputs), by node id then port name. */
  shapes: Record<string, { inputs: Record<string, Shape>; outputs: Record<string, Shape> }>;
  /** Params with defaults filled in and shared weights' params taken from their owner. */
  params: Record<string, ParamValues>;
  /** For each trainable node, the node that owns its weights (itself unless it shares). */
  owners: Record<string, string>;
  /** Nodes in dependency order (cyclic nodes left out). */
  order: string[];
}

const KIND_LIST: Record<TensorKind, string> = {
  image: 'an image',
  vector: 'a vector',
  label: 'labels',
  logits: 'logits',
  code: 'a code',
  scalar: 'a scalar',
  weights: 'shared weights',
};

export function describeAccepts(accepts: readonly TensorKind[]): string {
  const names = accepts.map((k) => KIND_LIST[k]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export interface CheckOptions {
  /** The roles the document's lesson reads: checked to be named, and of the right sort (warnings). */
  roles?: RoleNeeds;
}

export function checkDocument(doc: GraphDocument, opts: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Omit<Diagnostic, 'severity'> & { severity?: Severity }) =>
    diagnostics.push({ severity: d.severity ?? 'error', ...d } as Diagnostic);
  const index = indexGraph(doc);
  const { width, batchSize } = sizeSettings(doc);

  // 1. Nodes: ids, kinds, params.
  // Keyed by user ids: null-prototype records, so no id can find Object.prototype's members.
  const params: Record<string, ParamValues> = Object.create(null);
  const seen = new Set<string>();
  for (const node of doc.nodes) {
    if (seen.has(node.id)) report({ code: 'duplicate-id', node: node.id, message: `Two nodes have the id "${node.id}"; ids must be unique` });
    seen.add(node.id);
    const kind = getKind(node.kind);
    if (!kind) {
      report({ code: 'unknown-kind', node: node.id, message: `‹${node.label || node.id}›: unknown node kind "${node.kind}"` });
      continue;
    }
    params[node.id] = checkParams(node, kind, report);
  }

  // 2. Shared weights: who owns each network's variables (a sharer takes its owner's stack).
  const owners = resolveOwners(doc, index, params, report);

  // 3. Edges: ends exist, ports exist, one edge per input.
  checkEdges(doc, index, params, report);

  // 4. Cycles.
  const { order, cycles } = orderGraph(index);
  for (const cycle of cycles) {
    const names = cycle.length > 8 ? [...cycle.slice(0, 4), '…', ...cycle.slice(-3)] : cycle;
    const loop = [...names, cycle[0]].map((id) => (id === '…' ? `… ${cycle.length - 7} more …` : `‹${shown(index.nodes.get(id)?.label || id, 40)}›`)).join(' → ');
    const path = cycle.length > 8 ? `of ${cycle.length} nodes ${loop}` : loop;
    for (const id of cycle) {
      report({ code: 'cycle', node: id, message: `${nodeName(getKind(index.nodes.get(id)!.kind), index.nodes.get(id)!)} is part of a cycle ${path}; data must flow one way` });
    }
  }

  // 5. Shapes, in dependency order.
  const shapes: CheckResult['shapes'] = Object.create(null);
  for (const id of order) {
    const node = index.nodes.get(id)!;
    const kind = getKind(node.kind);
    if (!kind || !params[id]) continue;
    shapes[id] = inferNode(node, kind, params[id], index, shapes, owners, width, batchSize, report);
    checkTensorSizes(node, kind, shapes[id].outputs, batchSize, report);
  }

  // 6. Phases and what they can reach.
  checkPhases(doc, index, params, owners, report);

  // 7. Roles: what the views read (warnings; training does not need them).
  diagnostics.push(...checkRoles(doc, index, params, shapes, opts.roles));

  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { ok, diagnostics, shapes, params, owners, order };
}

type Report = (d: Omit<Diagnostic, 'severity'> & { severity?: Severity }) => void;

function checkParams(node: GraphNode, kind: NodeKind, report: Report): ParamValues {
  const values = withDefaults(kind.params, node.params);
  const name = nodeName(kind, node);
  for (const spec of kind.params) {
    for (const p of validateParam(spec, values[spec.name])) {
      report({ code: 'param', node: node.id, field: p.field, message: `${name}: ${p.message}` });
    }
  }
  const known = new Set(kind.params.map((p) => p.name));
  for (const key of Object.keys(node.params)) {
    if (!known.has(key)) report({ severity: 'warning', code: 'unknown-param', node: node.id, field: key, message: `${name}: unknown param "${key}" is ignored` });
  }
  if (kind.checkParams) {
    try {
      for (const p of kind.checkParams(values)) report({ code: 'param', node: node.id, field: p.field, message: `${name}: ${p.message}` });
    } catch {
      // A param already reported as malformed can trip a cross-field check; the first report stands.
    }
  }
  return values;
}

function checkEdges(doc: GraphDocument, index: GraphIndex, params: Record<string, ParamValues>, report: Report): void {
  const ids = new Set<string>();
  for (const edge of doc.edges) {
    if (ids.has(edge.id)) report({ code: 'duplicate-id', edge: edge.id, message: `Two edges have the id "${edge.id}"` });
    ids.add(edge.id);
    const source = index.nodes.get(edge.source.node);
    const target = index.nodes.get(edge.target.node);
    if (!source || !target) {
      const missing = !source ? edge.source.node : edge.target.node;
      report({ code: 'dangling-edge', edge: edge.id, node: source ? target?.id : undefined, message: `A connection refers to a node "${missing}" that does not exist` });
      continue;
    }
    const sKind = getKind(source.kind);
    const tKind = getKind(target.kind);
    if (sKind && params[source.id]) {
      const outs = outputPorts(sKind, params[source.id]);
      if (!outs.some((p) => p.name === edge.source.port)) {
        report({ code: 'no-such-port', node: source.id, port: edge.source.port, edge: edge.id, message: missingOutputMessage(source, sKind, params[source.id], edge.source.port, outs.map((p) => p.name)) });
      }
    }
    if (tKind && params[target.id]) {
      const ins = inputPorts(tKind, params[target.id]);
      if (!ins.some((p) => p.name === edge.target.port)) {
        report({ code: 'no-such-port', node: target.id, port: edge.target.port, edge: edge.id, message: `${nodeName(tKind, target)} has no input "${edge.target.port}" (it has ${ins.map((p) => p.name).join(', ') || 'none'})` });
      }
    }
  }
  for (const [nodeId, ports] of index.incoming) {
    for (const [port, edges] of ports) {
      if (edges.length > 1) {
        const node = index.nodes.get(nodeId)!;
        report({ code: 'multiple-inputs', node: nodeId, port, message: `${nodeName(getKind(node.kind), node)}: input ${port} has ${edges.length} connections; an input takes one` });
      }
    }
  }
}

function missingOutputMessage(node: GraphNode, kind: NodeKind, p: ParamValues, port: string, have: string[]): string {
  const name = nodeName(kind, node);
  const owner = kind.outputsOwner?.(p);
  if (owner) return `${name}: ${owner} has no “${port}” (it has ${have.join(', ')})`;
  return `${name} has no output "${port}" (it has ${have.join(', ') || 'none'})`;
}

function resolveOwners(doc: GraphDocument, index: GraphIndex, params: Record<string, ParamValues>, report: Report): Record<string, string> {
  const owners: Record<string, string> = Object.create(null);
  const direct = new Map<string, string>();
  for (const node of doc.nodes) {
    const kind = getKind(node.kind);
    if (!kind?.trainable) continue;
    const edge = index.incoming.get(node.id)?.get('shares')?.[0];
    if (!edge) continue;
    const source = index.nodes.get(edge.source.node)!;
    const sKind = getKind(source.kind);
    if (!sKind?.trainable || edge.source.port !== 'weights') continue; // reported as a port problem
    if (source.kind !== node.kind) {
      report({ code: 'share-kind', node: node.id, port: 'shares', message: `${nodeName(kind, node)} can only share the weights of another ${kind.title}, not of ${nodeName(sKind, source)}` });
      continue;
    }
    direct.set(node.id, source.id);
  }
  for (const node of doc.nodes) {
    if (!getKind(node.kind)?.trainable) continue;
    let owner = node.id;
    const visited = new Set<string>([owner]);
    while (direct.has(owner)) {
      owner = direct.get(owner)!;
      if (visited.has(owner)) break; // a sharing loop is reported as a cycle
      visited.add(owner);
    }
    owners[node.id] = owner;
    if (owner !== node.id) {
      const kind = getKind(node.kind)!;
      const ownerParams = params[owner];
      if (ownerParams && params[node.id]) {
        for (const key of kind.sharedParams ?? []) params[node.id][key] = ownerParams[key];
      }
    }
  }
  return owners;
}

function inferNode(
  node: GraphNode,
  kind: NodeKind,
  p: ParamValues,
  index: GraphIndex,
  shapes: CheckResult['shapes'],
  owners: Record<string, string>,
  width: number,
  batchSize: number,
  report: Report,
): { inputs: Record<string, Shape>; outputs: Record<string, Shape> } {
  const name = nodeName(kind, node);
  const inputs: Record<string, Shape> = Object.create(null);
  let complete = true;
  let ports: InputPort[];
  try {
    ports = inputPorts(kind, p);
  } catch {
    return { inputs, outputs: Object.create(null) };
  }
  for (const port of ports) {
    const edge = index.incoming.get(node.id)?.get(port.name)?.[0];
    if (!edge) {
      if (!port.optional) {
        report({ code: 'unconnected', node: node.id, port: port.name, message: `${name}: input ${port.label ?? port.name} is not connected (it needs ${describeAccepts(port.accepts)})` });
        complete = false;
      }
      continue;
    }
    const shape = shapes[edge.source.node]?.outputs[edge.source.port];
    if (!shape) {
      complete = false;
      continue;
    }
    if (!port.accepts.includes(shape.kind)) {
      report({ code: 'kind', node: node.id, port: port.name, edge: edge.id, message: `${name}: input ${port.label ?? port.name} expects ${describeAccepts(port.accepts)} but gets ${describeShape(shape)}` });
      complete = false;
      continue;
    }
    if (port.fromNetwork) {
      const source = index.nodes.get(edge.source.node)!;
      const sKind = getKind(source.kind);
      if (!sKind?.trainable || edge.source.port !== 'out') {
        report({ code: 'kind', node: node.id, port: port.name, edge: edge.id, message: `${name}: input ${port.label ?? port.name} must come straight from a network’s output, not from ${nodeName(sKind, source)}${edge.source.port !== 'out' ? `.${edge.source.port}` : ''}` });
        complete = false;
        continue;
      }
    }
    inputs[port.name] = shape;
  }
  if (!complete) return { inputs, outputs: Object.create(null) };

  const owner = owners[node.id];
  if (owner && owner !== node.id) {
    const ownerInput = shapes[owner]?.inputs[ports[0].name];
    const mine = inputs[ports[0].name];
    if (ownerInput && mine && !sameDims(ownerInput.dims, mine.dims)) {
      const ownerNode = index.nodes.get(owner)!;
      report({ code: 'shape', node: node.id, port: ports[0].name, message: `${name}: input ${ports[0].name} gets ${describeShape(mine)}, but the weights it shares with ‹${ownerNode.label || owner}› were made for ${describeShape(ownerInput)}` });
      return { inputs, outputs: Object.create(null) };
    }
  }
  try {
    const outputs = Object.assign(Object.create(null) as Record<string, Shape>, kind.infer({ node, params: p, inputs, width, batchSize }));
    return { inputs, outputs };
  } catch (e) {
    if (e instanceof ShapeError) {
      report({ code: 'shape', node: node.id, port: e.port, field: e.field, message: `${name}: ${e.message}` });
    } else {
      report({ code: 'internal', node: node.id, message: `${name}: could not work out shapes (${shown((e as Error).message, 200)})` });
    }
    return { inputs, outputs: Object.create(null) };
  }
}

/** A node's outputs must fit one training step: batch × values of one example, within TENSOR_LIMIT. */
function checkTensorSizes(node: GraphNode, kind: NodeKind, outputs: Record<string, Shape>, batchSize: number, report: Report): void {
  for (const [port, shape] of Object.entries(outputs)) {
    const values = size(shape.dims) * batchSize;
    if (values > TENSOR_LIMIT) {
      report({
        code: 'size',
        node: node.id,
        port,
        message: `${nodeName(kind, node)}: output ${port} holds ${values.toLocaleString('en-US')} values per step (batch ${batchSize} × ${describeShape(shape)}); at most ${TENSOR_LIMIT.toLocaleString('en-US')} fit a browser — lower the batch size or the sizes`,
      });
    }
  }
}

function checkPhases(doc: GraphDocument, index: GraphIndex, params: Record<string, ParamValues>, owners: Record<string, string>, report: Report): void {
  const usedLosses = new Set<string>();
  const updatedGroups = new Set<string>();
  const phaseIds = new Set<string>();
  const enabled = doc.phases.filter((ph) => ph.enabled);
  // One walk per loss, however many phases use it.
  const reachCache = new Map<string, Map<string, GroupReach>>();
  const reachOf = (loss: string) => {
    let r = reachCache.get(loss);
    if (!r) reachCache.set(loss, (r = gradientReach(index, loss, owners, { paths: false })));
    return r;
  };
  if (doc.nodes.length > 0 && enabled.length === 0) {
    report({ severity: 'warning', code: 'no-phase', message: 'No training phase: add one that says which losses update which networks' });
  }
  doc.phases.forEach((phase, pi) => {
    const where = `Phase ‹${shown(phase.name, 40)}›`;
    if (phaseIds.has(phase.id)) report({ code: 'duplicate-id', phase: phase.id, message: `Two phases have the id "${phase.id}"` });
    phaseIds.add(phase.id);
    const losses: string[] = [];
    phase.terms.forEach((term, ti) => {
      const node = index.nodes.get(term.loss);
      const kind = node && getKind(node.kind);
      if (!node || !kind) {
        report({ code: 'phase-loss', phase: phase.id, field: `phases[${pi}].terms[${ti}]`, message: `${where}: loss "${term.loss}" does not exist` });
      } else if (!kind.loss) {
        report({ code: 'phase-loss', phase: phase.id, node: node.id, field: `phases[${pi}].terms[${ti}]`, message: `${where}: ${nodeName(kind, node)} is not a loss` });
      } else {
        losses.push(node.id);
        if (phase.enabled) usedLosses.add(node.id);
      }
      checkTermSchedule(term, `phases[${pi}].terms[${ti}].schedule`, `${where}, ${node && kind ? nodeName(kind, node) : `loss "${term.loss}"`}`, phase.id, report);
    });
    const groups: string[] = [];
    phase.updates.forEach((id, ui) => {
      const node = index.nodes.get(id);
      const kind = node && getKind(node.kind);
      if (!node || !kind) {
        report({ code: 'phase-update', phase: phase.id, field: `phases[${pi}].updates[${ui}]`, message: `${where}: network "${id}" does not exist` });
      } else if (!kind.trainable) {
        report({ code: 'phase-update', phase: phase.id, node: id, field: `phases[${pi}].updates[${ui}]`, message: `${where}: ${nodeName(kind, node)} has no weights to update` });
      } else {
        const owner = owners[id] ?? id;
        groups.push(owner);
        if (phase.enabled) updatedGroups.add(owner);
      }
    });
    checkBatchNormModes(phase, pi, where, index, params, owners, report);
    if (phase.terms.length === 0) report({ code: 'phase-empty', phase: phase.id, message: `${where} has no loss to minimise` });
    if (phase.updates.length === 0) report({ code: 'phase-empty', phase: phase.id, message: `${where} updates nothing: choose the networks it trains` });
    if (!losses.length || !groups.length) return;

    const reachByLoss = new Map(losses.map((l) => [l, reachOf(l)]));
    for (const group of new Set(groups)) {
      if (![...reachByLoss.values()].some((r) => r.has(group))) {
        const g = index.nodes.get(group)!;
        report({
          code: 'no-gradient',
          phase: phase.id,
          node: group,
          message: `${where}: none of its losses reaches the weights of ${nodeName(getKind(g.kind), g)} (no gradient path${blockedBy(index, losses, group, owners)})`,
        });
      }
    }
    for (const [loss, reach] of reachByLoss) {
      if (!groups.some((g) => reach.has(g))) {
        const n = index.nodes.get(loss)!;
        report({ severity: 'warning', code: 'idle-loss', phase: phase.id, node: loss, message: `${where}: ${nodeName(getKind(n.kind), n)} reaches none of the networks this phase updates` });
      }
    }
  });
  for (const node of doc.nodes) {
    const kind = getKind(node.kind);
    if (kind?.loss && !usedLosses.has(node.id)) {
      report({ severity: 'warning', code: 'unused-loss', node: node.id, message: `${nodeName(kind, node)} is used by no phase, so nothing learns from it` });
    }
    if (kind?.trainable && owners[node.id] === node.id && !updatedGroups.has(node.id) && params[node.id]) {
      report({ severity: 'warning', code: 'frozen-network', node: node.id, message: `${nodeName(kind, node)} is updated by no phase, so it keeps its random weights` });
    }
  }
}

/** A term schedule's positions: a ramp ends after it starts; progress lies in [0, 1]. */
function checkTermSchedule(term: GraphDocument['phases'][number]['terms'][number], field: string, where: string, phase: string, report: Report): void {
  const s = term.schedule;
  if (!s || s.type === 'constant' || s.type === 'dann') return;
  const positions: [string, number][] = s.type === 'linear' ? [['start', s.start], ['end', s.end]] : [['at', s.at]];
  if (s.unit === 'progress') {
    for (const [key, value] of positions) {
      if (value > 1) report({ code: 'term-schedule', phase, node: term.loss, field: `${field}.${key}`, message: `${where}: schedule ${key} ${value} is a share of training and must be at most 1` });
    }
  }
  if (s.type === 'linear' && !(s.end > s.start)) {
    report({ code: 'term-schedule', phase, node: term.loss, field: `${field}.end`, message: `${where}: the ramp must end after it starts (start ${s.start}, end ${s.end})` });
  }
}

/** A phase's BatchNorm modes name networks, one mode per set of weights. */
function checkBatchNormModes(phase: GraphDocument['phases'][number], pi: number, where: string, index: GraphIndex, params: Record<string, ParamValues>, owners: Record<string, string>, report: Report): void {
  const byOwner = new Map<string, { id: string; mode: string }>();
  for (const [id, mode] of Object.entries(phase.batchNorm ?? {})) {
    const field = `phases[${pi}].batchNorm.${id}`;
    const node = index.nodes.get(id);
    const kind = node && getKind(node.kind);
    if (!node || !kind) {
      report({ code: 'phase-batchnorm', phase: phase.id, field, message: `${where}: BatchNorm mode for network "${id}", which does not exist` });
      continue;
    }
    if (!kind.trainable) {
      report({ code: 'phase-batchnorm', phase: phase.id, node: id, field, message: `${where}: ${nodeName(kind, node)} is not a network, so it has no BatchNorm mode` });
      continue;
    }
    const owner = owners[id] ?? id;
    const earlier = byOwner.get(owner);
    if (earlier && earlier.mode !== mode) {
      report({ code: 'phase-batchnorm', phase: phase.id, node: id, field, message: `${where}: ${nodeName(kind, node)} has BatchNorm mode "${mode}" but shares its weights with ‹${earlier.id}›, set to "${earlier.mode}"; one set of weights has one mode per phase` });
      continue;
    }
    byOwner.set(owner, { id, mode });
    const layers = params[owner]?.layers;
    const stack = Array.isArray(layers) ? layers.filter((l): l is Layer => !!l && typeof l === 'object') : [];
    if (mode !== 'batch' && !usesBatchStatistics(stack)) {
      report({ severity: 'warning', code: 'phase-batchnorm', phase: phase.id, node: id, field, message: `${where}: ${nodeName(kind, node)} has no BatchNorm layer, so its BatchNorm mode "${mode}" changes nothing` });
    }
  }
}

/** ", blocked by Stop gradient ‹sg›" when a StopGradient sits between a loss and the group. */
function blockedBy(index: GraphIndex, losses: string[], group: string, owners: Record<string, string>): string {
  const open = losses.map((l) => gradientReach(index, l, owners, { throughStops: true, paths: false }));
  if (!open.some((r) => r.has(group))) return '';
  const stops = [...index.nodes.values()].filter((n) => getKind(n.kind)?.gradient === 'stop');
  const named = stops.slice(0, 3).map((s) => nodeName(getKind(s.kind), s)).join(', ');
  return stops.length ? `: blocked by ${named}${stops.length > 3 ? ` and ${stops.length - 3} more` : ''}` : '';
}
