import { defineNetwork } from './network-common';

export const Classifier = defineNetwork({
  id: 'Classifier',
  title: 'Classifier',
  description: 'Predicts a class for its input, as logits.',
  accepts: ['image', 'vector', 'code'],
  inputDescription: 'images or features to classify',
  outputDescription: 'class logits',
  outputKind: () => 'logits',
  defaultLayers: [
    { type: 'flatten' },
    { type: 'dense', units: 128 },
    { type: 'relu' },
    { type: 'dense', units: 10 },
  ],
});
