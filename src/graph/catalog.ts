/**
 * The node catalog: every kind declared in `nodes/` (one file each, listed in the generated
 * `nodes/index.ts`), looked up by id, in palette order (by category, then title). The kind ids are
 * a type, `NodeKindId`; the engine's evaluators are typed over it.
 */
import { CATEGORIES, type NodeKind, type PlanParamsOf } from './node-kind';
import { NODE_KIND_DECLARATIONS } from './nodes/index';

type Declared = (typeof NODE_KIND_DECLARATIONS)[number];

/** The id of every node kind there is. */
export type NodeKindId = Declared['id'];

/** A plan node's params for a kind: what its evaluator reads (declared params, defaults filled, and what the kind resolves). */
export type KindParams<Id extends NodeKindId> = PlanParamsOf<Extract<Declared, { id: Id }>>;

export const NODE_KINDS: readonly NodeKind[] = [...NODE_KIND_DECLARATIONS].sort(
  (a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.title.localeCompare(b.title),
);

const BY_ID = new Map<string, NodeKind>(NODE_KINDS.map((k) => [k.id, k]));

export function getKind(id: string): NodeKind | undefined {
  return BY_ID.get(id);
}

export function isKindId(id: string): id is NodeKindId {
  return BY_ID.has(id);
}

export const KIND_IDS: readonly NodeKindId[] = NODE_KINDS.map((k) => k.id as NodeKindId);
