import { defineKind } from '../node-kind';

export const ContinuousCode = defineKind({
  id: 'ContinuousCode',
  category: 'latent',
  title: 'Continuous code',
  description: 'Random values drawn uniformly from a range (InfoGAN’s c2, c3).',
  params: [
    { name: 'dim', label: 'dimension', type: 'int', default: 2, min: 1, max: 256, help: 'Number of values.' },
    { name: 'min', type: 'float', default: -1, min: -1000, max: 1000, help: 'Lower end of the range.' },
    { name: 'max', type: 'float', default: 1, min: -1000, max: 1000, help: 'Upper end of the range.' },
  ],
  inputs: [],
  outputs: [{ name: 'c', kind: 'code', description: 'continuous codes' }],
  gradient: 'source',
  checkParams: (p) => ((p.min as number) >= (p.max as number) ? [{ field: 'max', message: `max (${p.max}) must be above min (${p.min})` }] : []),
  infer: (ctx) => ({ c: { kind: 'code', dims: [ctx.params.dim as number] } }),
});
