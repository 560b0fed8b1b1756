import { DATASETS, DATASET_NAMES } from '../datasets';
import { defineKind, type OutputPort } from '../node-kind';
import type { ParamValues } from '../params';
import { ShapeError, type Shape } from '../types';
import { channelsParam, imageRange, rangeParam, withChannels } from './shared';

function outputsFor(params: ParamValues): OutputPort[] {
  const info = DATASETS[params.name as string];
  const ports: OutputPort[] = info
    ? Object.entries(info.outputs).map(([name, o]) => ({ name, kind: o.kind, description: o.description }))
    : [{ name: 'x', kind: 'image', description: 'your image, values in the chosen range' }];
  ports.push({ name: 'domain', kind: 'label', description: 'the domain number of this data set as a label of 1 (for DANN)' });
  return ports;
}

export const Dataset = defineKind({
  id: 'Dataset',
  category: 'data',
  title: 'Dataset',
  description: 'Draws a fresh shuffled batch of examples (and their labels) at every step.',
  params: [
    { name: 'name', type: 'enum', options: [...DATASET_NAMES, 'custom'], default: 'mnist', help: 'Which data set.' },
    { name: 'split', type: 'enum', options: ['train', 'test'], default: 'train', help: 'Training or held-out examples.' },
    rangeParam,
    channelsParam,
    { name: 'domain', type: 'int', default: 0, min: 0, max: 1, help: 'Domain label this set emits (0 source, 1 target).' },
    {
      name: 'size',
      type: 'ints',
      default: [32, 32, 3],
      min: 1,
      max: 512,
      minLength: 3,
      maxLength: 3,
      help: 'Height, width, channels for your own images (sides up to 512).',
      showIf: { param: 'name', values: ['custom'] },
    },
  ],
  inputs: [],
  outputs: outputsFor,
  formula: ({ port, symbol }) => (port === 'x' ? symbol : `${port}_${symbol}`),
  gradient: 'source',
  outputRange: (params, port) => imageRange(params, outputsFor(params).find((p) => p.name === port)?.kind),
  examples(params) {
    const info = DATASETS[params.name as string];
    return info && (params.split === 'test' ? info.testSize : info.trainSize);
  },
  customImages: (params) => (params.name === 'custom' ? (params.size as number[]) : undefined),
  outputsOwner: (params) => (DATASETS[params.name as string] ? `the ${DATASETS[params.name as string].title} data set` : undefined),
  checkParams: (params) =>
    params.name === 'custom' && (params.size as number[]).length !== 3
      ? [{ field: 'size', message: 'size must be height, width, channels' }]
      : [],
  infer(ctx) {
    const name = ctx.params.name as string;
    const out: Record<string, Shape> = { domain: { kind: 'label', dims: [1] } };
    if (name === 'custom') {
      const [h, w, c] = ctx.params.size as number[];
      if (c !== 1 && c !== 3) throw new ShapeError('size channels must be 1 or 3', undefined, 'size');
      out.x = withChannels({ kind: 'image', dims: [h, w, c] }, ctx.params.channels);
      return out;
    }
    const info = DATASETS[name];
    if (!info) throw new ShapeError('choose a data set', undefined, 'name');
    for (const [port, o] of Object.entries(info.outputs)) {
      out[port] = withChannels({ kind: o.kind, dims: [...o.dims] }, ctx.params.channels);
    }
    return out;
  },
});
