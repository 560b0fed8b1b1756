import { DATASETS } from '../datasets';
import { defineKind } from '../node-kind';
import { channelsParam, imageRange, rangeParam, withChannels } from './shared';

const labelled = Object.values(DATASETS)
  .filter((d) => d.outputs.label && (d.classes ?? 0) >= 2)
  .map((d) => d.name);

export const LabelledSubset = defineKind({
  id: 'LabelledSubset',
  category: 'data',
  title: 'Labelled subset',
  description: 'Keeps the labels of only the first k examples of each class; the rest come unlabelled (semi-supervised).',
  params: [
    { name: 'dataset', type: 'enum', options: labelled, default: 'mnist', help: 'A data set with class labels.' },
    { name: 'perClass', label: 'labels per class', type: 'int', default: 10, min: 1, max: 1000, help: 'Labelled examples kept per class.' },
    rangeParam,
    channelsParam,
  ],
  inputs: [],
  outputs: [
    { name: 'x_labelled', kind: 'image', description: 'a batch from the labelled examples' },
    { name: 'label', kind: 'label', description: 'their labels' },
    { name: 'x_unlabelled', kind: 'image', description: 'a batch from the unlabelled rest' },
  ],
  formula: ({ port }) => (port === 'label' ? 'y_l' : port === 'x_labelled' ? 'x_l' : 'x_u'),
  gradient: 'source',
  outputRange: (params, port) => imageRange(params, port === 'label' ? 'label' : 'image'),
  infer(ctx) {
    const info = DATASETS[ctx.params.dataset as string];
    const x = withChannels({ kind: info.outputs.x.kind, dims: [...info.outputs.x.dims] }, ctx.params.channels);
    return { x_labelled: x, label: { kind: 'label', dims: [...info.outputs.label.dims] }, x_unlabelled: x };
  },
});
