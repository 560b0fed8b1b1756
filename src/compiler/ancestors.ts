/** The one walk up a plan's wiring: what some nodes depend on, for a phase's nodes and for sampling. */
import type { Plan, PlanNode } from './plan';

/**
 * The nodes `targets` depend on (themselves included), in the plan's dependency order; the inputs
 * of `stop` nodes are not followed (their outputs are given).
 */
export function ancestors(plan: Pick<Plan, 'nodes'> | readonly PlanNode[], targets: readonly string[], stop?: ReadonlySet<string>): string[] {
  const nodes = 'nodes' in plan ? plan.nodes : plan;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const need = new Set<string>();
  const todo = [...targets];
  while (todo.length) {
    const id = todo.pop()!;
    if (need.has(id)) continue;
    need.add(id);
    if (stop?.has(id)) continue;
    for (const ref of Object.values(byId.get(id)?.inputs ?? {})) todo.push(ref.node);
  }
  return nodes.filter((n) => need.has(n.id)).map((n) => n.id);
}
