/**
 * A small builder for writing template documents readably in TypeScript. `npm run templates`
 * writes them to templates/*.json, the format the app and the CLI load; a test checks the JSON
 * is up to date with these sources.
 */
import {
  CURRENT_VERSION,
  DEFAULT_PRESETS,
  DOCUMENT_FORMAT,
  type GraphDocument,
  type GraphEdge,
  type GraphNode,
  type Phase,
  type RoleRef,
  type RunSettings,
  type Translation,
  type Variant,
} from '../../src/graph/document';

const COL = 250;
const ROW = 150;

export type Params = Record<string, unknown>;

export interface PhaseSpec {
  id: string;
  name: string;
  /** Loss ids (weight 1), or terms with a weight and optionally a weight schedule. */
  terms: (string | Phase['terms'][number])[];
  updates: string[];
  optimizer: Phase['optimizer'];
  lrSchedule?: Phase['lrSchedule'];
  repeats?: number;
  /** BatchNorm mode per network, where not `batch` (e.g. `{ G: 'moving' }` to train E against a fixed G). */
  batchNorm?: Phase['batchNorm'];
  /** Clip the phase's gradients to this global norm. */
  clipNorm?: number;
}

export const adam = (lr: number, beta1 = 0.5, beta2 = 0.999): Phase['optimizer'] => ({ type: 'adam', lr, beta1, beta2, epsilon: 1e-8 });
export const sgd = (lr: number, momentum = 0.9): Phase['optimizer'] => ({ type: 'sgd', lr, momentum });

export function phase(spec: PhaseSpec): Phase {
  return {
    id: spec.id,
    name: spec.name,
    terms: spec.terms.map((t) => (typeof t === 'string' ? { loss: t, weight: 1 } : t)),
    updates: spec.updates,
    optimizer: spec.optimizer,
    lrSchedule: spec.lrSchedule ?? { type: 'constant' },
    repeats: spec.repeats ?? 1,
    enabled: true,
    ...(spec.batchNorm ? { batchNorm: spec.batchNorm } : {}),
    ...(spec.clipNorm !== undefined ? { clipNorm: spec.clipNorm } : {}),
  };
}

/** Collects nodes and edges; `at(col, row)` places nodes on a loose grid, left to right. */
export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];

  node(id: string, kind: string, at: [number, number], params: Params = {}, label?: string): string {
    this.nodes.push({ id, kind, params, position: { x: at[0] * COL, y: at[1] * ROW }, ...(label ? { label } : {}) });
    return id;
  }

  /** `wire('z.z', 'G.x')`: source node.port → target node.port. */
  wire(from: string, to: string): void {
    const [sn, sp] = from.split('.');
    const [tn, tp] = to.split('.');
    this.edges.push({ id: `${sn}.${sp}->${tn}.${tp}`, source: { node: sn, port: sp }, target: { node: tn, port: tp } });
  }

  /** A mean squared pixel error node `id` between `prediction` and `target` (both node.port). */
  reconstructionLoss(id: string, at: [number, number], prediction: string, target: string, label: string, params: Params = {}): void {
    this.node(id, 'ReconstructionLoss', at, { metric: 'l2', ...params }, label);
    this.wire(prediction, `${id}.prediction`);
    this.wire(target, `${id}.target`);
  }

  /** Applies `owner`'s weights at `node` (one set of variables). */
  share(owner: string, node: string): void {
    this.wire(`${owner}.weights`, `${node}.shares`);
  }
}

export interface TemplateSpec {
  id: string;
  title: string;
  description: string;
  lesson: string;
  view: string;
  /** What the lesson view reads as what (see src/graph/roles.ts): `{ encoder: 'E', code: { node: 'G', input: 'x' } }`. */
  roles?: Record<string, RoleRef>;
  build: (g: GraphBuilder) => void;
  phases: Phase[];
  presets?: Partial<RunSettings['presets']>;
  seed?: number;
  variants?: ((base: GraphBuilder) => Variant)[];
  /** The template's words in Chinese: title, description, lesson (written for learners), node labels, phase names, variants. */
  zh?: Translation;
}

export function makeTemplate(spec: TemplateSpec): GraphDocument {
  const g = new GraphBuilder();
  spec.build(g);
  return {
    format: DOCUMENT_FORMAT,
    version: CURRENT_VERSION,
    meta: {
      title: spec.title,
      description: spec.description,
      lesson: spec.lesson.trim(),
      template: spec.id,
      view: spec.view,
      ...(spec.roles ? { roles: spec.roles } : {}),
      ...(spec.zh ? { translations: { zh: { ...spec.zh, ...(spec.zh.lesson ? { lesson: spec.zh.lesson.trim() } : {}) } } } : {}),
    },
    nodes: g.nodes,
    edges: g.edges,
    phases: spec.phases,
    run: { seed: spec.seed ?? 7, size: 'small', presets: { ...structuredClone(DEFAULT_PRESETS), ...spec.presets }, logEvery: 10 },
    notes: [],
    groups: [],
    variants: (spec.variants ?? []).map((v) => v(g)),
  };
}

/** Builds a variant's added nodes/edges with the same builder, so they read like the template. */
export function variant(
  id: string,
  title: string,
  description: string,
  opts: { remove?: string[]; add?: (g: GraphBuilder) => void; phases?: Phase[]; set?: Variant['setParams'] },
): () => Variant {
  return () => {
    const g = new GraphBuilder();
    opts.add?.(g);
    return {
      id,
      title,
      description,
      removeNodes: opts.remove ?? [],
      addNodes: g.nodes,
      addEdges: g.edges,
      setParams: opts.set ?? [],
      ...(opts.phases ? { phases: opts.phases } : {}),
    };
  };
}
