import { defineNetwork } from './network-common';

export const Discriminator = defineNetwork({
  id: 'Discriminator',
  title: 'Discriminator',
  description: 'Scores how real its input looks (a logit: high = real).',
  accepts: ['image', 'vector'],
  inputDescription: 'real or generated samples (or pairs)',
  outputDescription: 'realness logits',
  outputKind: () => 'logits',
  sizing: { output: [1] },
  defaultLayers: [
    { type: 'dense', units: 128 },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'dense', units: 1 },
  ],
});
