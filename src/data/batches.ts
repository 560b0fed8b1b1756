/**
 * Training batches: a BatchStream walks a data source in an order reshuffled every epoch from its
 * Rng, always returning full batches (a batch that crosses an epoch boundary is completed from the
 * next epoch's order, so every epoch still visits each example exactly once). Its state is a few
 * numbers, saved with a checkpoint to continue the same sequence.
 */
import type { Rng, RngState } from '../util/rng';
import type { Batch, DataSource, Split } from './types';

export interface BatchStreamState {
  /** Epochs started so far minus one (the epoch of the next example). */
  epoch: number;
  /** Position of the next example in the current epoch's order. */
  position: number;
  /** The Rng's state just before it shuffled the current epoch's order. */
  orderRng: { s: RngState; spareNormal: number | null };
}

export interface NextBatch {
  /** Example indices within the split. */
  indices: Int32Array;
  /** Epoch of the batch's first example (0-based). */
  epoch: number;
  data: Batch;
}

export class BatchStream {
  private readonly pool: Int32Array;
  private order: Int32Array;
  private epoch = -1;
  private position = 0;
  private orderRng: BatchStreamState['orderRng'];

  /**
   * The stream owns `rng` (give it a fork of its own, e.g. `seedRng.fork('batches')`) so its state
   * alone decides the order. `indices` restricts the stream to a subset of the split (e.g. the labelled examples of a
   * LabelledSubset); by default it covers the whole split.
   */
  constructor(
    readonly source: DataSource,
    readonly split: Split,
    readonly batchSize: number,
    private readonly rng: Rng,
    indices?: Int32Array,
  ) {
    if (!(batchSize >= 1 && Number.isInteger(batchSize))) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
    this.pool = indices ? Int32Array.from(indices) : Int32Array.from({ length: source.count(split) }, (_, i) => i);
    if (this.pool.length === 0) throw new Error(`${source.info.name}: no examples to draw batches from (${split} split)`);
    this.order = new Int32Array(this.pool.length);
    this.orderRng = rng.getState();
    this.newEpoch();
  }

  /** Number of examples one epoch covers. */
  get size(): number {
    return this.pool.length;
  }

  private newEpoch(): void {
    this.orderRng = this.rng.getState();
    this.order.set(this.pool);
    this.rng.shuffle(this.order);
    this.epoch++;
    this.position = 0;
  }

  /** The next batch's indices without loading its data. */
  nextIndices(): { indices: Int32Array; epoch: number } {
    const indices = new Int32Array(this.batchSize);
    const epoch = this.epoch;
    for (let i = 0; i < this.batchSize; i++) {
      if (this.position >= this.order.length) this.newEpoch();
      indices[i] = this.order[this.position++];
    }
    // Start the next epoch eagerly so `epoch` of the next batch is right.
    if (this.position >= this.order.length) this.newEpoch();
    return { indices, epoch };
  }

  next(): NextBatch {
    const { indices, epoch } = this.nextIndices();
    return { indices, epoch, data: this.source.get(this.split, indices) };
  }

  getState(): BatchStreamState {
    return { epoch: this.epoch, position: this.position, orderRng: { s: [...this.orderRng.s] as RngState, spareNormal: this.orderRng.spareNormal } };
  }

  /** Restores a state from getState (of a stream over the same source, split and subset). */
  setState(state: BatchStreamState): void {
    this.rng.setState(state.orderRng);
    this.newEpoch();
    this.epoch = state.epoch;
    this.position = state.position;
  }
}

export interface LabelledSubset {
  /** The first k examples of each class of the train split, in split order. */
  labelled: Int32Array;
  /** Every other train example. */
  unlabelled: Int32Array;
}

/**
 * Triple-GAN's split: the first `perClass` examples of each class of the train split are labelled,
 * the rest unlabelled (their labels are not to be used for training).
 */
export function labelledSubset(source: DataSource, perClass: number, split: Split = 'train'): LabelledSubset {
  const classes = source.info.classes;
  if (!source.labels || !classes) throw new Error(`${source.info.name} has no class labels`);
  const labels = source.labels(split);
  const taken = new Int32Array(classes);
  const labelled: number[] = [];
  const unlabelled: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (taken[labels[i]] < perClass) {
      taken[labels[i]]++;
      labelled.push(i);
    } else unlabelled.push(i);
  }
  return { labelled: Int32Array.from(labelled), unlabelled: Int32Array.from(unlabelled) };
}
