import { defineLayer } from './define';

export const relu = defineLayer({ type: 'relu', title: 'ReLU', description: 'max(0, x).', params: {}, infer: 'same' });
