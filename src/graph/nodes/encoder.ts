import { defineNetwork, imageOr } from './network-common';

export const Encoder = defineNetwork({
  id: 'Encoder',
  title: 'Encoder',
  description: 'Maps its input to a code (features, or μ and log σ² for a VAE).',
  accepts: ['image', 'vector'],
  inputDescription: 'images or vectors to encode',
  outputDescription: 'the code',
  outputKind: imageOr('code'),
  defaultLayers: [
    { type: 'flatten' },
    { type: 'dense', units: 128 },
    { type: 'relu' },
    { type: 'dense', units: 16 },
  ],
});
