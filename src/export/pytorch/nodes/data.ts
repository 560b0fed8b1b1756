/** Dataset and LabelledSubset: batches from the data files the exporter writes beside the code. */
import type { PlanNode } from '../../../compiler/plan';
import { pyString } from '../python';
import { drawnOutputs, type FeedSource, type TorchNode } from './types';

const CHANNELS: Record<string, number | undefined> = { native: undefined, grey: 1, rgb: 3 };

/** `{"x": [28, 28, 1], "label": [10]}`: each port's dims, so the feed knows which are images. */
export function portDims(node: PlanNode): string {
  return `{${Object.entries(node.outputs)
    .map(([port, shape]) => `${pyString(port)}: [${shape.dims.join(', ')}]`)
    .join(', ')}}`;
}

function imageOptions(node: PlanNode): string {
  const channels = CHANNELS[node.params.channels as string];
  return `${channels !== undefined ? `, channels=${channels}` : ''}, value_range=${pyString(node.params.range as string)}`;
}

function rangeText(node: PlanNode): string {
  const images = Object.values(node.outputs).some((s) => s.kind === 'image');
  if (!images) return '';
  const range = node.params.range === '-1..1' ? 'images in −1..1' : 'images in 0..1';
  return `, ${range}${node.params.channels !== 'native' ? `, as ${node.params.channels}` : ''}`;
}

export const Dataset: TorchNode = {
  params: ['name', 'split', 'range', 'channels', 'domain', 'size'],
  datasets: (node) => [node.params.name as string],
  source: (node): FeedSource => ({
    expression: `feed.Dataset(${pyString(node.params.name as string)}, ${portDims(node)}, split=${pyString(node.params.split as string)}${imageOptions(node)}${
      node.params.domain ? `, domain=${node.params.domain}` : ''
    })`,
    comment: `${node.params.name} (${node.params.split} split)${rangeText(node)}`,
  }),
  forward: (ctx) => drawnOutputs(ctx, Object.keys(ctx.node.outputs)),
};

export const LabelledSubset: TorchNode = {
  params: ['dataset', 'perClass', 'range', 'channels'],
  datasets: (node) => [node.params.dataset as string],
  source: (node): FeedSource => ({
    expression: `feed.LabelledSubset(${pyString(node.params.dataset as string)}, ${portDims(node)}, per_class=${node.params.perClass}${imageOptions(node)})`,
    comment: `${node.params.dataset}: ${node.params.perClass} labelled examples per class and the unlabelled rest${rangeText(node)}`,
  }),
  forward: (ctx) => drawnOutputs(ctx, Object.keys(ctx.node.outputs)),
};
