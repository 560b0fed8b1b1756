/**
 * What the views read, resolved for the plan: each role of the document as the output it names,
 * and what the sample grid shows (which output, drawn how, in what value range, beside which real
 * data). Pure, from the checked graph and the kinds' declarations; never from kind names.
 */
import { getKind } from '../graph/catalog';
import type { CheckResult } from '../graph/checker';
import type { GraphDocument } from '../graph/document';
import type { GraphIndex } from '../graph/graph-index';
import { outputPorts } from '../graph/node-kind';
import { roleTarget } from '../graph/roles';
import { sameDims } from '../graph/types';
import type { PlanNode, PlanPortRef, PlanSamples } from './plan';

/** The document's roles whose outputs the plan has, by name. */
export function planRoles(doc: GraphDocument, index: GraphIndex, check: CheckResult, nodes: Map<string, PlanNode>): Record<string, PlanPortRef> {
  const roles: Record<string, PlanPortRef> = {};
  for (const [name, ref] of Object.entries(doc.meta.roles ?? {})) {
    const target = roleTarget(ref, index, check.params);
    if (target.ok && nodes.get(target.ref.node)?.outputs[target.ref.port]) roles[name] = target.ref;
  }
  return roles;
}

/** The first output port's shape of a plan node, if known. */
function firstOutput(node: PlanNode): PlanPortRef | undefined {
  const kind = getKind(node.kind);
  if (!kind) return undefined;
  const port = outputPorts(kind, node.params).find((p) => node.outputs[p.name]);
  return port ? { node: node.id, port: port.name } : undefined;
}

function rangeOf(nodes: Map<string, PlanNode>, ref: PlanPortRef): [number, number] | undefined {
  const node = nodes.get(ref.node)!;
  const range = getKind(node.kind)?.outputRange?.(node.params, ref.port);
  return range ? [range[0], range[1]] : undefined;
}

/**
 * What the sample grid shows: the `samples` role, or else the first network (in dependency order)
 * whose output is an image or a plain vector — what a generator makes; drawn as images, as 2-D
 * points or as vectors. Beside it, the `real` role, or else the first data source with an output
 * of the same shape. The value range is the real data's, or else what the network's last layer
 * squashes to; absent when neither says.
 */
export function planSamples(nodes: PlanNode[], roles: Record<string, PlanPortRef>): PlanSamples | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ref =
    roles.samples ??
    nodes
      .filter((n) => getKind(n.kind)?.trainable)
      .map(firstOutput)
      .find((r) => r && ['image', 'vector'].includes(byId.get(r.node)!.outputs[r.port].kind));
  if (!ref) return undefined;
  const node = byId.get(ref.node)!;
  const shape = node.outputs[ref.port];
  const kind = shape.kind === 'image' && shape.dims.length === 3 ? 'images' : shape.dims.length === 1 && shape.dims[0] === 2 ? 'points' : 'vectors';
  let real = roles.real;
  if (!real) {
    for (const n of nodes) {
      const k = getKind(n.kind);
      if (k?.category !== 'data' || k.gradient !== 'source') continue;
      const port = Object.entries(n.outputs).find(([, s]) => s.kind === shape.kind && sameDims(s.dims, shape.dims));
      if (port) {
        real = { node: n.id, port: port[0] };
        break;
      }
    }
  }
  const range = (real && rangeOf(byId, real)) ?? rangeOf(byId, ref);
  return { node: ref.node, port: ref.port, label: node.label, kind, ...(range ? { range } : {}), ...(real ? { real } : {}) };
}
