import { defineKind } from '../node-kind';

export const Noise = defineKind({
  id: 'Noise',
  category: 'latent',
  title: 'Noise',
  description: 'Random vectors z, fresh each step, that a generator turns into samples.',
  params: [
    { name: 'dim', label: 'dimension', type: 'int', default: 62, min: 1, max: 4096, help: 'Length of z.' },
    { name: 'distribution', type: 'enum', options: ['normal', 'uniform'], default: 'normal', help: 'N(0,1) or U(−1,1).' },
  ],
  inputs: [],
  outputs: [{ name: 'z', kind: 'code', description: 'a batch of noise vectors' }],
  gradient: 'source',
  // 62 values suit images (InfoGAN's z); for points or short vectors a long z only gives the
  // generator more to ignore, and a 2-D GAN with it misses modes: twice the data's values.
  sizeFor: (data) => (data.kind !== 'image' && data.dims.length === 1 && data.dims[0] <= 16 ? { dim: Math.max(2, 2 * data.dims[0]) } : undefined),
  infer: (ctx) => ({ z: { kind: 'code', dims: [ctx.params.dim as number] } }),
});
