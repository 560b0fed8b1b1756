/**
 * Connection checks while a wire is dragged: can this output go into that input? Kept apart from
 * the whole-graph checker so the canvas can ask it for every handle on every mouse move. Uses the
 * last check's shapes where known, the declared port kinds otherwise.
 */
import { getKind } from './catalog';
import { describeAccepts, type CheckResult } from './checker';
import type { GraphDocument, PortRef } from './document';
import { indexGraph, wouldCycle, type GraphIndex } from './graph-index';
import { inputPorts, nodeName, outputPorts } from './node-kind';
import { withDefaults } from './params';
import { describeShape, type Shape } from './types';

export type ConnectVerdict =
  | { ok: true; /** An existing edge into the same input that this one replaces. */ replaces?: string }
  | { ok: false; reason: string };

export function canConnect(
  doc: GraphDocument,
  source: PortRef,
  target: PortRef,
  check?: Pick<CheckResult, 'shapes' | 'params'>,
  index: GraphIndex = indexGraph(doc),
): ConnectVerdict {
  const sNode = index.nodes.get(source.node);
  const tNode = index.nodes.get(target.node);
  if (!sNode || !tNode) return { ok: false, reason: 'That node no longer exists' };
  const sKind = getKind(sNode.kind);
  const tKind = getKind(tNode.kind);
  if (!sKind || !tKind) return { ok: false, reason: 'Unknown node kind' };
  const sParams = check?.params[sNode.id] ?? withDefaults(sKind.params, sNode.params);
  const tParams = check?.params[tNode.id] ?? withDefaults(tKind.params, tNode.params);
  const out = outputPorts(sKind, sParams).find((p) => p.name === source.port);
  const inp = inputPorts(tKind, tParams).find((p) => p.name === target.port);
  if (!out) return { ok: false, reason: `${nodeName(sKind, sNode)} has no output "${source.port}"` };
  if (!inp) return { ok: false, reason: `${nodeName(tKind, tNode)} has no input "${target.port}"` };
  if (sNode.id === tNode.id) return { ok: false, reason: 'A node cannot feed itself' };

  const shape: Shape | undefined = check?.shapes[sNode.id]?.outputs[source.port];
  const kind = shape?.kind ?? out.kind;
  if (!inp.accepts.includes(kind)) {
    const got = shape ? describeShape(shape) : describeAccepts([kind]);
    return { ok: false, reason: `${nodeName(tKind, tNode)}: input ${inp.label ?? inp.name} expects ${describeAccepts(inp.accepts)} but gets ${got}` };
  }
  if (inp.name === 'shares') {
    if (sNode.kind !== tNode.kind) return { ok: false, reason: `${nodeName(tKind, tNode)} can only share the weights of another ${tKind.title}` };
  }
  if (wouldCycle(index, sNode.id, tNode.id)) {
    return { ok: false, reason: `This would make a cycle: ${nodeName(tKind, tNode)} already feeds ${nodeName(sKind, sNode)}` };
  }
  const existing = index.incoming.get(tNode.id)?.get(target.port)?.[0];
  if (existing && existing.source.node === source.node && existing.source.port === source.port) {
    return { ok: false, reason: 'Already connected' };
  }
  return existing ? { ok: true, replaces: existing.id } : { ok: true };
}

/** Inputs anywhere in the graph that could take this output: for lighting up valid targets. */
export function validTargets(doc: GraphDocument, source: PortRef, check?: Pick<CheckResult, 'shapes' | 'params'>): PortRef[] {
  const index = indexGraph(doc);
  const result: PortRef[] = [];
  for (const node of doc.nodes) {
    const kind = getKind(node.kind);
    if (!kind) continue;
    const params = check?.params[node.id] ?? withDefaults(kind.params, node.params);
    for (const port of inputPorts(kind, params)) {
      const target = { node: node.id, port: port.name };
      if (canConnect(doc, source, target, check, index).ok) result.push(target);
    }
  }
  return result;
}
