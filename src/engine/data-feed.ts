/**
 * Where the graph's data and randomness come from: one runtime per node that draws (data sets,
 * noise, codes, masks, ε, dropout masks), each on its own Rng stream named by the node's id, so a
 * node's draws do not depend on which other nodes exist. A feed's whole state (stream states and
 * batch-stream positions) is plain data for checkpoints.
 */
import type { Plan, PlanNode } from '../compiler/plan';
import { openDataset } from '../data/open';
import type { LoadedImages } from '../data/images';
import { DEFAULT_DATA_SEED } from '../data/seed';
import type { DataEnv, DataSource } from '../data/types';
import { Rng, type RngState } from '../util/rng';
import { evaluatorOf, type Drawn, type NodeRuntime } from './nodes/index';

export type RngStreamState = { s: RngState; spareNormal: number | null };

/** Named random streams forked from one seed; forking does not advance the root, so order does not matter. */
export class Streams {
  private readonly root: Rng;
  private readonly streams = new Map<string, Rng>();

  constructor(seed: number) {
    this.root = new Rng(seed);
  }

  get(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      rng = this.root.fork(name);
      this.streams.set(name, rng);
    }
    return rng;
  }

  getState(): Record<string, RngStreamState> {
    return Object.fromEntries([...this.streams].map(([name, rng]) => [name, rng.getState()]));
  }

  setState(states: Record<string, RngStreamState>): void {
    for (const [name, state] of Object.entries(states)) this.get(name).setState(state);
  }
}

export interface DataFeedOptions {
  dataEnv: DataEnv;
  /** Seed of the generated data sets' content (not their order): default DEFAULT_DATA_SEED. */
  dataSeed?: number;
  /** The user's images, for Dataset nodes named "custom". */
  custom?: LoadedImages;
}

export interface FeedState {
  streams: Record<string, RngStreamState>;
  nodes: Record<string, unknown>;
}

/** Opened data sets, shared by the feeds of one engine. */
export type DatasetCache = Map<string, Promise<DataSource>>;

export class DataFeed {
  private readonly runtimes = new Map<string, NodeRuntime>();
  private readonly byId: Map<string, PlanNode>;
  readonly streams: Streams;

  private constructor(
    readonly plan: Plan,
    private readonly opts: DataFeedOptions,
    /** Names this feed's streams: "train" for training, others for samples and probes. */
    readonly prefix: string,
    private readonly datasets: DatasetCache,
  ) {
    this.byId = new Map(plan.nodes.map((n) => [n.id, n]));
    this.streams = new Streams(plan.seed);
  }

  /** A feed with the nodes of every phase prepared. */
  static async create(plan: Plan, opts: DataFeedOptions, prefix = 'train', datasets: DatasetCache = new Map()): Promise<DataFeed> {
    const feed = new DataFeed(plan, opts, prefix, datasets);
    await feed.prepare([...new Set(plan.phases.flatMap((p) => p.nodes))]);
    return feed;
  }

  /** Sets up the runtimes of these nodes (opening their data sets) if not done yet. */
  async prepare(nodeIds: string[]): Promise<void> {
    for (const id of nodeIds) {
      if (this.runtimes.has(id)) continue;
      const node = this.byId.get(id);
      if (!node) throw new Error(`the plan has no node "${id}"`);
      const evaluator = evaluatorOf(node.kind);
      if (!evaluator.setup) continue;
      const runtime = await evaluator.setup({
        plan: this.plan,
        node,
        stream: (name) => this.streams.get(`${this.prefix}/${id}/${name}`),
        dataset: (name) => this.dataset(name),
      });
      this.runtimes.set(id, runtime);
    }
  }

  private dataset(name: string): Promise<DataSource> {
    let source = this.datasets.get(name);
    if (!source) {
      source = openDataset(name, this.opts.dataEnv, { seed: this.opts.dataSeed ?? DEFAULT_DATA_SEED, custom: this.opts.custom });
      this.datasets.set(name, source);
    }
    return source;
  }

  /** One evaluation's draws for these nodes, in order (nodes that drew nothing are left out). */
  draw(nodeIds: string[], batch: number, training = true): Map<string, Drawn> {
    const out = new Map<string, Drawn>();
    for (const id of nodeIds) {
      const runtime = this.runtimes.get(id);
      if (runtime) {
        const drawn = runtime.draw(batch, training);
        if (Object.keys(drawn).length > 0) out.set(id, drawn);
      }
      else if (!this.byId.has(id)) throw new Error(`the plan has no node "${id}"`);
      else if (evaluatorOf(this.byId.get(id)!.kind).setup) throw new Error(`node "${id}" was not prepared`);
    }
    return out;
  }

  getState(): FeedState {
    const nodes: Record<string, unknown> = {};
    for (const [id, runtime] of this.runtimes) if (runtime.getState) nodes[id] = runtime.getState();
    return { streams: this.streams.getState(), nodes };
  }

  setState(state: FeedState): void {
    for (const [id, s] of Object.entries(state.nodes)) this.runtimes.get(id)?.setState?.(s);
    this.streams.setState(state.streams);
  }
}
