import { defineNetwork, imageOr } from './network-common';

export const Generator = defineNetwork({
  id: 'Generator',
  title: 'Generator',
  description: 'Turns codes (or a damaged image) into new samples.',
  accepts: ['code', 'vector', 'label', 'image'],
  inputDescription: 'noise and codes, or an image to transform',
  outputDescription: 'the generated samples',
  outputKind: imageOr('vector'),
  sizing: { output: 'data' },
  defaultLayers: [
    { type: 'dense', units: 128 },
    { type: 'relu' },
    { type: 'dense', units: 2 },
  ],
});
