/**
 * What the dock draws of the current run and that is too big or too fast for the store: the loss
 * series and the latest samples. Views redraw on the store's `seriesVersion` and `sampleVersion`.
 */
import { MetricSeries } from './series';

/** What the sample grid draws. */
export type SampleView =
  | { kind: 'images'; step: number; data: Float32Array; shape: number[]; range: [number, number] }
  | { kind: 'points'; step: number; fake: Float32Array; real: Float32Array | null }
  | { kind: 'vectors'; step: number; data: Float32Array; shape: number[] };

export const liveRun: { readonly series: MetricSeries; sample: SampleView | null } = {
  series: new MetricSeries(),
  sample: null,
};
