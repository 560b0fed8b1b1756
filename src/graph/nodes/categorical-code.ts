import { defineKind } from '../node-kind';

export const CategoricalCode = defineKind({
  id: 'CategoricalCode',
  category: 'latent',
  title: 'Categorical code',
  description: 'A random category out of k, as a one-hot vector (InfoGAN’s c1).',
  params: [{ name: 'k', label: 'categories', type: 'int', default: 10, min: 1, max: 1000, help: 'Number of categories.' }],
  inputs: [],
  outputs: [{ name: 'c', kind: 'label', description: 'one-hot categories' }],
  gradient: 'source',
  infer: (ctx) => ({ c: { kind: 'label', dims: [ctx.params.k as number] } }),
});
