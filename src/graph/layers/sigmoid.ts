import { defineLayer } from './define';

export const sigmoid = defineLayer({ type: 'sigmoid', title: 'Sigmoid', description: 'Squashes to (0, 1).', params: {}, infer: 'same', outputRange: [0, 1] });
