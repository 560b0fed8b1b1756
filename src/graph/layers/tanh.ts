import { defineLayer } from './define';

export const tanh = defineLayer({ type: 'tanh', title: 'Tanh', description: 'Squashes to (−1, 1); the usual last layer of an image generator.', params: {}, infer: 'same' });
