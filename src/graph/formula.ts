/**
 * A phase's loss as a formula, written from the wiring: each loss term is its kind's formula of
 * what feeds it (`BCE(D(G(z)), 1)`), networks as their symbol applied to their input, nested
 * networks shortened after two levels (`Q(D(G))`). For the lecture's step-by-step view. Pure.
 */
import { getKind } from './catalog';
import type { ParamValues } from './params';

/** What the formulas read of a compiled node (the plan's nodes carry it). */
export interface FormulaNode {
  id: string;
  kind: string;
  label: string;
  params: ParamValues;
  inputs: Record<string, { node: string; port: string }>;
  /** The parameter group it applies, for networks (shared networks are written as their owner). */
  group?: string;
}

interface Expr {
  text: string;
  /** Networks applied, outermost to innermost. */
  nets: string[];
}

/** An id is written as itself when it is short and plain, else the node's label. */
export function symbolOf(node: Pick<FormulaNode, 'id' | 'label'>): string {
  return /^[A-Za-z][A-Za-z0-9_]{0,3}$/.test(node.id) ? node.id : node.label || node.id;
}

export class FormulaWriter {
  private readonly byId: Map<string, FormulaNode>;
  private readonly memo = new Map<string, Expr>();

  constructor(nodes: readonly FormulaNode[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
  }

  /** The formula of one output. */
  of(nodeId: string, port: string): string {
    return this.expr(nodeId, port, new Set()).text;
  }

  private expr(nodeId: string, port: string, seen: Set<string>): Expr {
    const key = `${nodeId}.${port}`;
    const known = this.memo.get(key);
    if (known) return known;
    const node = this.byId.get(nodeId);
    if (!node || seen.has(nodeId)) return { text: nodeId, nets: [] };
    const kind = getKind(node.kind);
    const owner = node.group ? this.byId.get(node.group) : undefined;
    const symbol = symbolOf(owner ?? node);
    const inner = new Set(seen).add(nodeId);
    const args: Record<string, Expr> = {};
    for (const [p, ref] of Object.entries(node.inputs)) if (p !== 'shares') args[p] = this.expr(ref.node, ref.port, inner);
    let out: Expr;
    if (kind?.trainable) {
      const arg = Object.values(args)[0];
      // Past two networks deep, the inner ones are written by name only: Q(D(G)).
      const shown = !arg ? '' : arg.nets.length >= 2 ? shortForm(arg.nets) : arg.text;
      out = { text: `${symbol}(${shown})`, nets: [symbol, ...(arg?.nets ?? [])] };
    } else {
      const texts = Object.fromEntries(Object.entries(args).map(([p, e]) => [p, e.text]));
      const nets = Object.values(args).reduce<string[]>((a, e) => (e.nets.length > a.length ? e.nets : a), []);
      const text = kind?.formula ? kind.formula({ args: texts, params: node.params, port, symbol }) : Object.keys(texts).length ? `${symbol}(${Object.values(texts).join(', ')})` : symbol;
      out = { text, nets };
    }
    this.memo.set(key, out);
    return out;
  }
}

const shortForm = (nets: string[]): string => nets.reduceRight((inside, n) => (inside ? `${n}(${inside})` : n), '');

/** "0.5·" for a weight that is not 1. */
export function weighted(weight: number, formula: string): string {
  return weight === 1 ? formula : `${Number(weight.toPrecision(3))}·${formula}`;
}
