import { defineLayer } from './define';

export const flatten = defineLayer({
  type: 'flatten',
  title: 'Flatten',
  description: 'Turns an image into a vector.',
  params: {},
  infer: (input) => [input.reduce((p, d) => p * d, 1)],
});
