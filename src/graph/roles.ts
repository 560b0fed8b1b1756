/**
 * Roles: which node's output a view reads as what — the encoder a lesson projects through, the
 * judge whose verdict it shows, the code it replaces. A template names them in `meta.roles`; a
 * lesson declares the roles it needs (`RoleNeeds`); the checker checks both; the compiler puts
 * them in the plan (`plan.roles`, resolved to outputs). Views, the dock, the CLI and the lessons
 * read roles, never kind names.
 *
 * A role names an output three ways: a node id (its first output), `{ node, port }`, or
 * `{ node, input }` — whatever feeds that input (a generator's code, which a variant may rewire).
 */
import { getKind } from './catalog';
import type { Diagnostic } from './checker';
import type { GraphDocument, PortRef, RoleRef } from './document';
import type { GraphIndex } from './graph-index';
import { nodeName, outputPorts, type Category } from './node-kind';
import type { ParamValues } from './params';
import { describeShape, type Shape, type TensorKind } from './types';

/** What a lesson needs of one role. */
export interface RoleNeed {
  /** What the role is, in words: "the encoder E(x)". */
  description: string;
  /** Categories its node may have. */
  category?: readonly Category[];
  /** Tensor kinds its output may carry. */
  outputs?: readonly TensorKind[];
  /** Its node has weights. */
  trainable?: boolean;
  /** The lesson works without it (e.g. the judge, absent in a variant without the adversarial part). */
  optional?: boolean;
}

/** The roles a lesson reads, by name, and whose they are (for messages). */
export interface RoleNeeds {
  /** "The BiGAN lesson". */
  reader: string;
  roles: Readonly<Record<string, RoleNeed>>;
}

const CATEGORY_NAMES: Record<Category, string> = { data: 'a data node', latent: 'a code or noise node', network: 'a network', gradient: 'a gradient node', loss: 'a loss' };

const or = (words: string[]) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);

export type RoleTarget = { ok: true; ref: PortRef } | { ok: false; problem: string; node?: string };

/** Where a role's output is: the node and output port it names (or that feeds the input it names). */
export function roleTarget(ref: RoleRef, index: GraphIndex, params: Record<string, ParamValues>): RoleTarget {
  const nodeId = typeof ref === 'string' ? ref : ref.node;
  const node = index.nodes.get(nodeId);
  const kind = node && getKind(node.kind);
  if (!node || !kind || !params[nodeId]) return { ok: false, problem: `names a node "${nodeId}" that is not in the graph` };
  const name = nodeName(kind, node);
  if (typeof ref !== 'string' && 'input' in ref) {
    const edge = index.incoming.get(nodeId)?.get(ref.input)?.[0];
    if (!edge) return { ok: false, node: nodeId, problem: `reads what feeds input ${ref.input} of ${name}, but nothing is connected there` };
    return { ok: true, ref: { node: edge.source.node, port: edge.source.port } };
  }
  const ports = outputPorts(kind, params[nodeId]).map((p) => p.name);
  const port = typeof ref === 'string' ? ports[0] : ref.port;
  if (!port || !ports.includes(port)) return { ok: false, node: nodeId, problem: `names output "${port}" of ${name}, which has ${ports.join(', ') || 'none'}` };
  return { ok: true, ref: { node: nodeId, port } };
}

/**
 * Problems with the document's roles, as warnings (training does not need them): roles that name
 * nothing, and — given a lesson's needs — roles it needs that are missing or of the wrong sort.
 */
export function checkRoles(
  doc: GraphDocument,
  index: GraphIndex,
  params: Record<string, ParamValues>,
  shapes: Record<string, { outputs: Record<string, Shape> }>,
  needs?: RoleNeeds,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const declared = doc.meta.roles ?? {};
  const warn = (role: string, message: string, node?: string) =>
    out.push({ severity: 'warning', code: 'role', field: `meta.roles.${role}`, message, ...(node ? { node } : {}) });
  for (const [role, ref] of Object.entries(declared)) {
    const target = roleTarget(ref, index, params);
    if (!target.ok) warn(role, `Role ‹${role}› ${target.problem}`, target.node);
  }
  if (!needs) return out;
  for (const [role, need] of Object.entries(needs.roles)) {
    const ref = declared[role];
    if (ref === undefined) {
      if (!need.optional) warn(role, `${needs.reader} reads role ‹${role}› (${need.description}), which this graph does not name`);
      continue;
    }
    const target = roleTarget(ref, index, params);
    if (!target.ok) continue; // reported above
    const node = index.nodes.get(target.ref.node)!;
    const kind = getKind(node.kind)!;
    const name = nodeName(kind, node);
    if (need.category && !need.category.includes(kind.category)) {
      warn(role, `${needs.reader} reads role ‹${role}› as ${need.description} (${or(need.category.map((c) => CATEGORY_NAMES[c]))}), but ${name} is ${CATEGORY_NAMES[kind.category]}`, node.id);
    } else if (need.trainable && !kind.trainable) {
      warn(role, `${needs.reader} reads role ‹${role}› as ${need.description}, a network with weights, but ${name} has none`, node.id);
    }
    const shape = shapes[target.ref.node]?.outputs[target.ref.port];
    if (need.outputs && shape && !need.outputs.includes(shape.kind)) {
      warn(role, `${needs.reader} reads role ‹${role}› as ${need.description}, but ${name}’s output ${target.ref.port} is ${describeShape(shape)}`, node.id);
    }
  }
  return out;
}
