/**
 * The training engine: builds a plan's networks as tf.Variables, runs its phases (each a weighted
 * loss sum, gradients with respect to exactly its parameter groups, its own optimizer and learning
 * rate schedule), keeps loss readings on the device and reads them back in batches, samples in
 * inference mode, and saves and restores its whole state.
 */
import type { Plan, PlanTerm } from '../compiler/plan';
import type { LoadedImages } from '../data/images';
import type { DataEnv } from '../data/types';
import { chooseBackend, type BackendAttempt, type BackendName } from './backend';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, planHash, specSize, WEIGHTS_FILE, type Checkpoint, type CheckpointManifest, type WeightSpec } from './checkpoint';
import { DataFeed, type DatasetCache } from './data-feed';
import { clipByGlobalNorm } from './clip';
import { classifyError, EngineError, type EngineErrorCode } from './errors';
import { ancestors } from '../compiler/ancestors';
import { GraphRunner } from './graph';
import { initialPlanValues, type InitialVariable } from './init';
import { Metrics, type Reading } from './metrics';
import { GroupVariables, type NamedVariable } from './network';
import { evaluatorOf, type Drawn } from './nodes/index';
import { optimiseInput, type OptimiseInputOptions, type OptimisedInput } from './optimise-input';
import { PhaseOptimizer } from './optimizers';
import { probeWire, type ProbeOptions, type WireProbe } from './probe';
import { learningRateAt, progressAt } from './schedules';
import { termScheduleFactor } from '../graph/term-schedule';
import { tf, type Scalar, type Tensor, type Variable } from './tf';

export interface EngineOptions {
  /** Where data set binaries come from (nodeDataEnv() in Node, browserDataEnv() in a page). */
  dataEnv: DataEnv;
  /** Preferred backend; later ones in webgpu → webgl → wasm → cpu are the fallbacks. */
  backend?: BackendName;
  /** Default: 'node' when running under Node, else 'browser'. */
  env?: 'node' | 'browser';
  /** URL folder of the wasm binaries (browser). */
  wasmPaths?: string;
  /** Train on TF.js's current backend instead of choosing one. */
  keepBackend?: boolean;
  /** Seed of generated data sets' content (default: the data module's default). */
  dataSeed?: number;
  /** The user's images, for Dataset nodes named "custom". */
  custom?: LoadedImages;
  /** Initial values to start from instead of the seeded initialisation (same names). */
  initialValues?: InitialVariable[];
}

export type EngineEvent =
  | { type: 'metrics'; step: number; losses: Record<string, number>; stepsPerSecond: number; tensors: number }
  | { type: 'done'; step: number; stopped: boolean }
  | { type: 'error'; code: EngineErrorCode; message: string; phase?: string; loss?: string; step: number };

/** May return a promise: the engine waits for it before the next iteration (e.g. to save a checkpoint). */
export type EngineListener = (event: EngineEvent) => void | Promise<void>;

export interface RunOptions {
  /** Iterations to run (default: until the plan's total). */
  steps?: number;
  /** Read metrics back every this many iterations (default: the plan's logEvery). */
  logEvery?: number;
  listener?: EngineListener;
  /**
   * Read each window's metrics back while the next window trains, reporting it one window late
   * (default: on GPU backends, whose readbacks would otherwise leave the device idle; on wasm and
   * cpu a readback costs nothing to wait for, and events arrive at the step they describe).
   */
  readBehind?: boolean;
}

export interface RunResult {
  status: 'done' | 'stopped' | 'error';
  step: number;
  error?: EngineError;
}

export interface SampleResult {
  data: Float32Array;
  /** [count, ...dims] */
  shape: number[];
}

export interface MemoryInfo {
  tensors: number;
  bytes: number;
}

let engineCount = 0;

const isNode = (): boolean => typeof process !== 'undefined' && !!process.versions?.node;

export class Engine {
  /** Iterations completed. */
  step = 0;
  readonly backend: string;
  readonly backendTried: BackendAttempt[];

  private readonly groups = new Map<string, GroupVariables>();
  private readonly optimizers: PhaseOptimizer[];
  private readonly phaseVariables: Variable[][];
  private readonly runner: GraphRunner;
  /** Per phase, its losses whose gradient is a second derivative (R1). */
  private readonly secondOrderTerms: string[][];
  private readonly metrics: Metrics;
  private readonly lrOverrides = new Map<string, number>();
  private readonly lossWeightOverrides = new Map<string, number>();
  private readonly sampleCache = new Map<number, Map<string, Drawn>>();
  /**
   * One feed per sample count, each from fresh streams: the batch of `count` is the same whatever
   * was sampled before it, so a lesson view that drew pictures first and `ganvas eval` that did not
   * get the same figures from one checkpoint.
   */
  private readonly sampleFeeds = new Map<number, DataFeed>();
  private probeFeed?: DataFeed;
  /** The wire probes' fixed batch: drawn once per node, so successive probes differ only because the model changed. */
  private previewFeed?: DataFeed;
  private readonly previewDraws = new Map<string, Drawn>();
  private paused = false;
  private resumeWaiters: (() => void)[] = [];
  /** Callers of `whenPaused`, told the step once the run stands still. */
  private pauseWaiters: ((step: number) => void)[] = [];
  /** The run is waiting for `resume`. */
  private parked = false;
  private stopRequested = false;
  private running = false;
  private lostReason?: string;
  private disposed = false;
  private readonly planId: string;

  private constructor(
    readonly plan: Plan,
    private readonly feed: DataFeed,
    private readonly datasets: DatasetCache,
    private readonly opts: EngineOptions,
    backend: { active: string; tried: BackendAttempt[] },
    initial: InitialVariable[],
  ) {
    this.backend = backend.active;
    this.backendTried = backend.tried;
    this.planId = planHash(plan);
    const prefix = `engine${++engineCount}/`;
    for (const g of plan.groups) {
      this.groups.set(g.id, new GroupVariables(g, initial.filter((v) => v.group === g.id), prefix));
    }
    this.optimizers = plan.phases.map((phase) => {
      const vars = phase.updates.flatMap((id) => this.group(id).variables.filter((v) => v.trainable));
      return new PhaseOptimizer(phase.optimizer, phase.id, vars, prefix);
    });
    this.phaseVariables = this.optimizers.map((o) => o.variables.map((v) => v.variable));
    this.runner = new GraphRunner(plan, this.groups);
    this.secondOrderTerms = plan.phases.map((p) => p.terms.map((t) => t.loss).filter((id) => evaluatorOf(this.runner.node(id).kind).secondOrder));
    this.metrics = new Metrics(plan);
    this.watchDevice();
  }

  /** Chooses the backend, opens the data, creates the variables (seeded) and optimizer slots. */
  static async create(plan: Plan, opts: EngineOptions): Promise<Engine> {
    let backend: { active: string; tried: BackendAttempt[] };
    if (opts.keepBackend) {
      await tf.ready();
      backend = { active: tf.getBackend(), tried: [{ name: tf.getBackend(), ok: true }] };
    } else {
      const env = opts.env ?? (isNode() ? 'node' : 'browser');
      backend = await chooseBackend({ prefer: opts.backend ?? (env === 'node' ? 'wasm' : 'webgpu'), env, wasmPaths: opts.wasmPaths });
    }
    const datasets: DatasetCache = new Map();
    let feed: DataFeed;
    try {
      feed = await DataFeed.create(plan, feedOptions(opts), 'train', datasets);
    } catch (e) {
      throw new EngineError('data', `cannot load the training data: ${(e as Error).message}`);
    }
    return new Engine(plan, feed, datasets, opts, backend, opts.initialValues ?? initialPlanValues(plan));
  }

  // ---------------------------------------------------------------------------------------------
  // Training

  /** One iteration: every phase in order, each repeated its k times. */
  iterate(): void {
    this.assertUsable();
    const progress = progressAt(this.step, this.plan.steps);
    this.plan.phases.forEach((phase, i) => {
      for (let r = 0; r < phase.repeats; r++) this.runPhase(i, progress);
    });
    this.metrics.endIteration();
    this.step++;
  }

  /**
   * One update of one phase at the current progress (`repeats` times); the iteration count stays,
   * unless `endsIteration` says this was the last phase of an iteration walked phase by phase.
   */
  stepPhase(phaseId: string, opts: { repeats?: number; endsIteration?: boolean } = {}): void {
    this.assertUsable();
    const i = this.plan.phases.findIndex((p) => p.id === phaseId);
    if (i < 0) throw new Error(`the plan has no phase "${phaseId}"`);
    const progress = progressAt(this.step, this.plan.steps);
    for (let r = 0; r < Math.max(1, opts.repeats ?? 1); r++) this.runPhase(i, progress);
    if (opts.endsIteration) {
      this.metrics.endIteration();
      this.step++;
    }
  }

  private runPhase(index: number, progress: number): void {
    if (!this.secondOrderTerms[index].length) return this.runPhaseSteps(index, progress);
    try {
      this.runPhaseSteps(index, progress);
    } catch (e) {
      throw this.secondOrderFailure(index, e);
    }
  }

  /**
   * A backend that lacks a kernel or gradient a second derivative needs is named with the penalty
   * and the network it differentiates, not left as a bare TF.js message.
   */
  private secondOrderFailure(index: number, e: unknown): unknown {
    const message = e instanceof Error ? e.message : String(e);
    if (!/gradient function not found|not registered|not implemented|not yet supported/i.test(message)) return e;
    const phase = this.plan.phases[index];
    const loss = this.runner.node(this.secondOrderTerms[index][0]);
    const network = loss.inputs.logits ? this.runner.node(loss.inputs.logits.node).label : 'its network';
    return new EngineError(
      'error',
      `${loss.label} (${loss.kind}) in phase "${phase.name}": the ${this.backend} backend cannot take the second derivative it needs through ‹${network}› (${message}); ${this.backend === 'cpu' ? 'change its layers' : 'train on the cpu backend'}, or remove the penalty`,
      phase.id,
      loss.id,
    );
  }

  private runPhaseSteps(index: number, progress: number): void {
    const phase = this.plan.phases[index];
    const draws = this.feed.draw(phase.nodes, this.plan.batchSize, true);
    const lr = learningRateAt(this.lrOverrides.get(phase.id) ?? phase.optimizer.lr, phase.lrSchedule, progress);
    const step = this.step;
    const weights = this.termWeightsNow(index);
    tf.tidy(() => {
      let readings: Tensor | undefined;
      const { grads } = tf.variableGrads(() => {
        const outputs = this.runner.evaluate(phase.nodes, draws, { training: true, batchNorm: phase.batchNorm, progress, batch: this.plan.batchSize });
        const losses = phase.terms.map((t) => outputs.get(t.loss)!.loss);
        const total = weightedSum(losses, weights);
        readings = tf.keep(tf.stack([...losses, total]));
        return total as Scalar;
      }, this.phaseVariables[index]);
      this.optimizers[index].apply(phase.clipNorm ? clipByGlobalNorm(grads, phase.clipNorm) : grads, lr);
      for (const id of phase.updates) this.group(id).updateAverages();
      this.metrics.record(index, readings!, step);
      readings!.dispose();
    });
  }

  /** The weights of a phase's terms at the current step (schedules and overrides applied). */
  private termWeightsNow(index: number): number[] {
    return this.plan.phases[index].terms.map((t) => (t.schedule ? this.termWeight(t) * termScheduleFactor(t.schedule, this.step, this.plan.steps) : this.termWeight(t)));
  }

  private termWeight(term: PlanTerm): number {
    const override = this.lossWeightOverrides.get(term.loss);
    if (override === undefined) return term.weight;
    const own = this.plan.losses.find((l) => l.id === term.loss)?.weight ?? 1;
    return (own !== 0 ? term.weight / own : 1) * override;
  }

  /**
   * Runs iterations until `steps` more are done (default: the plan's total), reading metrics back
   * every `logEvery`. Pause, resume and stop take effect between iterations.
   */
  async run(opts: RunOptions = {}): Promise<RunResult> {
    this.assertUsable();
    if (this.running) throw new Error('the engine is already running');
    this.running = true;
    this.stopRequested = false;
    const listener = opts.listener ?? (() => {});
    const logEvery = Math.max(1, Math.floor(opts.logEvery ?? this.plan.logEvery));
    const target = opts.steps !== undefined ? this.step + opts.steps : this.plan.steps;
    const readBehind = opts.readBehind ?? (this.backend === 'webgpu' || this.backend === 'webgl');
    let windowStart = now();
    // The window before the current one, on its way back from the device. Each window's readback
    // is queued when it ends and awaited only when the next one ends, so the device always has
    // the next window's work while the numbers travel (a GPU never idles for a readback).
    let pending: Promise<WindowReading> | undefined;
    const fail = async (error: EngineError): Promise<RunResult> => {
      pending = undefined;
      this.metrics.reset();
      try {
        await listener({ type: 'error', code: error.code, message: error.message, step: this.step, ...(error.phase ? { phase: error.phase } : {}), ...(error.loss ? { loss: error.loss } : {}) });
      } catch {
        // The error is returned below either way.
      }
      return { status: 'error', step: this.step, error };
    };
    const startRead = (): Promise<WindowReading> => {
      const step = this.step;
      const t = now();
      const seconds = (t - windowStart) / 1000;
      windowStart = t;
      const reading = this.metrics.read().then((r) => ({ reading: r, step, seconds }));
      // Awaited later (or dropped when the run fails first): never an unhandled rejection.
      reading.catch(() => undefined);
      return reading;
    };
    /** Waits for the window on its way back (if any) and reports it. */
    const settle = async (): Promise<EngineError | undefined> => {
      if (!pending) return undefined;
      const window = await pending;
      pending = undefined;
      const failure = this.failureOf(window.reading);
      if (failure) return failure;
      await listener({
        type: 'metrics',
        step: window.step,
        losses: window.reading.losses,
        stepsPerSecond: window.seconds > 0 ? window.reading.steps / window.seconds : 0,
        tensors: tf.memory().numTensors,
      });
      return undefined;
    };
    try {
      while (this.step < target && !this.stopRequested) {
        if (this.paused) {
          const failure = await settle();
          this.tellPaused();
          if (failure) return await fail(failure);
          this.parked = true;
          await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
          this.parked = false;
          windowStart = now();
          if (this.stopRequested) break;
        }
        this.iterate();
        if (this.lostReason) return await fail(new EngineError('device-lost', `the device was lost: ${this.lostReason}`));
        if (this.step % logEvery === 0 || this.step === target) {
          const next = startRead();
          let failure = await settle();
          pending = next;
          if (!failure && !readBehind) failure = await settle();
          if (failure) return await fail(failure);
          await yieldToEventLoop();
        }
      }
      let failure = await settle();
      if (!failure && this.metrics.pending > 0) {
        pending = startRead();
        failure = await settle();
      }
      if (failure) return await fail(failure);
      const stopped = this.step < target;
      await listener({ type: 'done', step: this.step, stopped });
      return { status: stopped ? 'stopped' : 'done', step: this.step };
    } catch (e) {
      return await fail(this.lostReason ? new EngineError('device-lost', `the device was lost: ${this.lostReason}`) : classifyError(e));
    } finally {
      this.running = false;
      this.tellPaused();
    }
  }

  /**
   * Reads back the loss readings not yet read (e.g. after `stepPhase`) in one batch; undefined when
   * there are none. A non-finite reading throws an EngineError with code 'nan'.
   */
  async flushMetrics(): Promise<Record<string, number> | undefined> {
    this.assertUsable();
    if (!this.metrics.hasReadings) return undefined;
    const reading = await this.metrics.read();
    const failure = this.failureOf(reading);
    if (failure) throw failure;
    return reading.losses;
  }

  private failureOf(reading: Reading): EngineError | undefined {
    const f = reading.failure;
    if (!f) return undefined;
    const phase = this.plan.phases.find((p) => p.id === f.phase);
    const phaseName = phase ? `"${phase.name}" (${phase.id})` : f.phase;
    if (f.loss) {
      const loss = this.plan.losses.find((l) => l.id === f.loss);
      const lossName = loss && loss.label !== loss.id ? `"${loss.label}" (${loss.id})` : `"${f.loss}"`;
      return new EngineError('nan', `loss ${lossName} of phase ${phaseName} became NaN or infinite at step ${f.step + 1}; try a lower learning rate`, f.phase, f.loss);
    }
    return new EngineError('nan', `the total loss of phase ${phaseName} became NaN or infinite at step ${f.step + 1}`, f.phase);
  }

  pause(): void {
    this.paused = true;
  }

  /**
   * The step a paused run stands at, once it stands: an iteration under way when `pause` was
   * called finishes first (at once when no run is going).
   */
  whenPaused(): Promise<number> {
    if (!this.running || this.parked) return Promise.resolve(this.step);
    return new Promise((resolve) => this.pauseWaiters.push(resolve));
  }

  private tellPaused(): void {
    const waiters = this.pauseWaiters;
    this.pauseWaiters = [];
    for (const w of waiters) w(this.step);
  }

  resume(): void {
    this.paused = false;
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const w of waiters) w();
  }

  /** Ends a run after the current iteration. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Changes a phase's base learning rate (its schedule still applies). */
  setLearningRate(phaseId: string, lr: number): void {
    if (!this.plan.phases.some((p) => p.id === phaseId)) throw new Error(`the plan has no phase "${phaseId}"`);
    if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`learning rate must be a positive number, not ${lr}`);
    this.lrOverrides.set(phaseId, lr);
  }

  /** Changes a loss node's own weight wherever a phase uses it (the phases' term weights still apply). */
  setLossWeight(lossId: string, weight: number): void {
    if (!this.plan.losses.some((l) => l.id === lossId)) throw new Error(`no phase uses a loss "${lossId}"`);
    if (!(weight >= 0 && Number.isFinite(weight))) throw new Error(`loss weight must be a number ≥ 0, not ${weight}`);
    this.lossWeightOverrides.set(lossId, weight);
  }

  // ---------------------------------------------------------------------------------------------
  // Samples and probes

  /**
   * A node's output in inference mode (BatchNorm moving statistics, no dropout, no reversal, and
   * the moving averages of the weights of networks that keep one) for a
   * fixed batch of `count`: the noise, codes and data are drawn once from their own streams, so
   * successive samples differ only because the model changed. `draws` replaces the draws of some
   * nodes (e.g. `{c1: {c: oneHots}, c23: {c: sweep}}` for a latent traversal; keys as the nodes'
   * output ports, `eps` for Reparameterize, `mask` for Mask). `given` sets any node's outputs
   * outright — e.g. real images in place of the generator's, to read Q's verdict on real digits —
   * and what feeds a given node is then not run. Values are row-major [count, ...dims].
   */
  async sample(
    nodeId: string,
    port = 'out',
    count = 64,
    opts: { draws?: Record<string, Drawn>; given?: Record<string, Record<string, Float32Array>> } = {},
  ): Promise<SampleResult> {
    this.assertUsable();
    const node = this.runner.node(nodeId);
    if (!node.outputs[port]) throw new Error(`${node.label} has no output "${port}" (outputs: ${Object.keys(node.outputs).join(', ')})`);
    if (!(Number.isInteger(count) && count >= 1)) throw new Error(`sample count must be a whole number ≥ 1, not ${count}`);
    const givenIds = new Set(Object.keys(opts.given ?? {}));
    for (const id of givenIds) {
      const g = this.runner.node(id);
      for (const [p, values] of Object.entries(opts.given![id])) {
        const shape = g.outputs[p];
        if (!shape) throw new Error(`${g.label} has no output "${p}"`);
        const expected = count * shape.dims.reduce((a, b) => a * b, 1);
        if (values.length !== expected) throw new Error(`${g.label}.${p}: given ${values.length} values, expected ${expected} (${count} × ${shape.dims.join('×') || 1})`);
      }
    }
    const order = ancestors(this.plan, [nodeId], givenIds);
    let feed = this.sampleFeeds.get(count);
    if (!feed) {
      feed = await DataFeed.create({ ...this.plan, phases: [] }, feedOptions(this.opts), 'sample', this.datasets);
      this.sampleFeeds.set(count, feed);
    }
    await feed.prepare(order);
    let cache = this.sampleCache.get(count);
    if (!cache) {
      cache = new Map();
      this.sampleCache.set(count, cache);
    }
    const missing = order.filter((id) => !cache!.has(id));
    const drawn = feed.draw(missing, count, false);
    for (const id of missing) cache.set(id, drawn.get(id) ?? {});
    const draws = new Map(cache);
    for (const [id, values] of Object.entries(opts.draws ?? {})) draws.set(id, { ...(cache.get(id) ?? {}), ...values });
    const out = tf.tidy(() => {
      const given = new Map(
        Object.entries(opts.given ?? {}).map(([id, ports]) => [
          id,
          Object.fromEntries(Object.entries(ports).map(([p, values]) => [p, tf.tensor(values, [count, ...this.runner.node(id).outputs[p].dims])])),
        ]),
      );
      const outputs = this.runner.evaluate(order, draws, { training: false, averaged: true, progress: progressAt(this.step, this.plan.steps), batch: count }, given);
      return outputs.get(nodeId)![port];
    });
    try {
      const data = (await out.data()) as Float32Array;
      return { data, shape: out.shape };
    } finally {
      out.dispose();
    }
  }

  /**
   * The tensor on one output port for a fixed probe batch as training sees it, summarised, with
   * the gradient norm each phase sends back along it; changes nothing (see probe.ts).
   */
  async probe(nodeId: string, port = 'out', opts: ProbeOptions = {}): Promise<WireProbe> {
    this.assertUsable();
    const batch = Math.min(this.plan.batchSize, 64);
    return probeWire(
      {
        plan: this.plan,
        runner: this.runner,
        step: this.step,
        progress: progressAt(this.step, this.plan.steps),
        batch,
        termWeights: (i) => this.termWeightsNow(i),
        draws: async (nodes) => {
          this.previewFeed ??= await DataFeed.create({ ...this.plan, phases: [] }, feedOptions(this.opts), 'preview', this.datasets);
          await this.previewFeed.prepare(nodes);
          const missing = nodes.filter((id) => !this.previewDraws.has(id));
          const drawn = this.previewFeed.draw(missing, batch, true);
          for (const id of missing) this.previewDraws.set(id, drawn.get(id) ?? {});
          return new Map(nodes.map((id) => [id, this.previewDraws.get(id)!]));
        },
      },
      nodeId,
      port,
      opts,
    );
  }

  /** Gradient descent on one node output (e.g. z) to fit another (e.g. G.out); weights unchanged. */
  optimiseInput(opts: OptimiseInputOptions): Promise<OptimisedInput> {
    this.assertUsable();
    return optimiseInput(this.runner, this.plan, progressAt(this.step, this.plan.steps), opts);
  }

  /**
   * Gradients of a weighted loss sum (one loss id, or terms) with respect to parameter groups, on
   * a fresh draw from a separate probe stream and without changing any state (BatchNorm uses batch
   * statistics but its moving averages stay). For lessons and tests.
   */
  async gradients(loss: string | PlanTerm[], groupIds: string[], opts: { progress?: number } = {}): Promise<Record<string, Float32Array>> {
    this.assertUsable();
    const terms: PlanTerm[] = typeof loss === 'string' ? [{ loss, weight: 1 }] : loss;
    const order = ancestors(this.plan, terms.map((t) => t.loss));
    this.probeFeed ??= await DataFeed.create({ ...this.plan, phases: [] }, feedOptions(this.opts), 'probe', this.datasets);
    await this.probeFeed.prepare(order);
    const draws = this.probeFeed.draw(order, this.plan.batchSize, true);
    const named: NamedVariable[] = groupIds.flatMap((id) => this.group(id).variables.filter((v) => v.trainable));
    const progress = opts.progress ?? progressAt(this.step, this.plan.steps);
    const grads = tf.tidy(() => {
      const { grads: g } = tf.variableGrads(() => {
        const outputs = this.runner.evaluate(order, draws, { training: true, frozenStats: true, progress, batch: this.plan.batchSize });
        return weightedSum(terms.map((t) => outputs.get(t.loss)!.loss), terms.map((t) => t.weight)) as Scalar;
      }, named.map((v) => v.variable));
      return g;
    });
    const out: Record<string, Float32Array> = {};
    for (const v of named) {
      const g = grads[v.variable.name];
      if (!g) continue;
      out[v.name] = (await g.data()) as Float32Array;
      g.dispose();
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** Every variable: group weights and BatchNorm statistics, then optimizer slots, then weight averages. */
  private stateVariables(): NamedVariable[] {
    const out: NamedVariable[] = [];
    for (const g of this.groups.values()) out.push(...g.variables);
    for (const o of this.optimizers) out.push(...o.slotVariables().map((s) => ({ name: s.name, variable: s.variable, trainable: false })));
    for (const g of this.groups.values()) out.push(...g.averages);
    return out;
  }

  /** Current values of every weight (by portable name), read in one batch. */
  async weights(): Promise<Record<string, Float32Array>> {
    const vars = [...this.groups.values()].flatMap((g) => g.variables);
    const data = await readAll(vars.map((v) => v.variable));
    const out: Record<string, Float32Array> = {};
    let offset = 0;
    for (const v of vars) {
      out[v.name] = data.slice(offset, offset + v.variable.size);
      offset += v.variable.size;
    }
    return out;
  }

  /**
   * The whole state, taken when called: the values are copied on the device and everything else
   * is captured before the readback, so training can go on while it travels (nothing awaits it
   * on the step loop).
   */
  async saveState(): Promise<Checkpoint> {
    this.assertUsable();
    const vars = this.stateVariables();
    const values = readAll(vars.map((v) => v.variable));
    const weightSpecs: WeightSpec[] = vars.map((v) => ({ name: v.name, shape: [...v.variable.shape], dtype: 'float32' }));
    const manifest: CheckpointManifest = {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      planHash: this.planId,
      title: this.plan.title,
      seed: this.plan.seed,
      step: this.step,
      totalSteps: this.plan.steps,
      backend: this.backend,
      weightSpecs,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs }],
      rng: this.feed.getState(),
      optimizers: Object.fromEntries(this.optimizers.map((o) => [o.phaseId, { type: o.config.type, iterations: o.iterations }])),
      overrides: { learningRates: Object.fromEntries(this.lrOverrides), lossWeights: Object.fromEntries(this.lossWeightOverrides) },
    };
    const data = await values;
    const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    return { manifest, weightData };
  }

  /** Restores a saved state; training then continues the same trajectory. */
  loadState(checkpoint: Checkpoint): void {
    this.assertUsable();
    const { manifest, weightData } = checkpoint;
    if (manifest.format !== CHECKPOINT_FORMAT) throw new EngineError('state', 'not a ganvas checkpoint');
    if (manifest.planHash !== this.planId) {
      throw new EngineError('state', `the checkpoint was saved from a different graph (its networks or phases differ: ${manifest.planHash} ≠ ${this.planId})`);
    }
    const byName = new Map(this.stateVariables().map((v) => [v.name, v.variable]));
    const total = manifest.weightSpecs.reduce((s, w) => s + specSize(w), 0);
    if (weightData.byteLength !== total * 4) throw new EngineError('state', `weight data has ${weightData.byteLength} bytes, the manifest describes ${total * 4}`);
    for (const spec of manifest.weightSpecs) {
      const v = byName.get(spec.name);
      if (!v) throw new EngineError('state', `the checkpoint has a variable "${spec.name}" this graph does not`);
      if (v.shape.join('×') !== spec.shape.join('×')) throw new EngineError('state', `variable ${spec.name} is ${spec.shape.join('×')} in the checkpoint but ${v.shape.join('×')} here`);
    }
    const missing = [...byName.keys()].filter((name) => !manifest.weightSpecs.some((s) => s.name === name));
    if (missing.length) throw new EngineError('state', `the checkpoint lacks ${missing.length} variable(s), e.g. ${missing[0]}`);
    const values = new Float32Array(weightData);
    let offset = 0;
    for (const spec of manifest.weightSpecs) {
      const size = specSize(spec);
      const v = byName.get(spec.name)!;
      tf.tidy(() => v.assign(tf.tensor(values.subarray(offset, offset + size), spec.shape)));
      offset += size;
    }
    for (const o of this.optimizers) o.iterations = manifest.optimizers[o.phaseId]?.iterations ?? 0;
    this.feed.setState(manifest.rng);
    this.step = manifest.step;
    this.lrOverrides.clear();
    for (const [k, v] of Object.entries(manifest.overrides?.learningRates ?? {})) this.lrOverrides.set(k, v);
    this.lossWeightOverrides.clear();
    for (const [k, v] of Object.entries(manifest.overrides?.lossWeights ?? {})) this.lossWeightOverrides.set(k, v);
    this.metrics.reset();
  }

  memory(): MemoryInfo {
    const m = tf.memory();
    return { tensors: m.numTensors, bytes: m.numBytes };
  }

  /** The variables of a parameter group. */
  group(id: string): GroupVariables {
    const g = this.groups.get(id);
    if (!g) throw new Error(`the plan has no parameter group "${id}"`);
    return g;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    for (const g of this.groups.values()) g.dispose();
    for (const o of this.optimizers) o.dispose();
    this.metrics.dispose();
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('the engine was disposed');
  }

  /** WebGPU does not report a lost device by itself: watch for it. */
  private watchDevice(): void {
    if (this.backend !== 'webgpu') return;
    const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
    device?.lost?.then((info) => {
      this.lostReason = info?.message || info?.reason || 'unknown reason';
    });
  }
}

/** A window of loss readings back from the device: the iteration it ended at and how long it took. */
interface WindowReading {
  reading: Reading;
  step: number;
  seconds: number;
}

function feedOptions(opts: EngineOptions) {
  return { dataEnv: opts.dataEnv, dataSeed: opts.dataSeed, custom: opts.custom };
}

/** Σ wᵢ·Lᵢ, in term order (a weight of 1 multiplies nothing). */
export function weightedSum(losses: Tensor[], weights: number[]): Tensor {
  const term = (i: number) => (weights[i] === 1 ? losses[i] : tf.mul(losses[i], weights[i]));
  let total = term(0);
  for (let i = 1; i < losses.length; i++) total = tf.add(total, term(i));
  return total;
}

/** Values of many variables with one readback: copied on the device when called, read later. */
function readAll(vars: Variable[]): Promise<Float32Array> {
  if (vars.length === 0) return Promise.resolve(new Float32Array(0));
  const flat = tf.tidy(() => tf.concat(vars.map((v) => tf.reshape(v, [-1]))));
  return flat.data().then(
    (data) => {
      flat.dispose();
      return data as Float32Array;
    },
    (error: unknown) => {
      flat.dispose();
      throw error;
    },
  );
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Lets messages (pause, stop) in between windows, without the clamped delay of setTimeout. */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown; MessageChannel?: typeof MessageChannel };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof g.MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new g.MessageChannel!();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
