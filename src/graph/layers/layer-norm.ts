import { defineLayer } from './define';

export const layerNorm = defineLayer({
  type: 'layerNorm',
  title: 'LayerNorm',
  description: 'Normalises each example over its features, then scales and shifts.',
  params: {},
  infer: 'same',
  weights: (input) => 2 * input[input.length - 1],
});
