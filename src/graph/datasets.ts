/**
 * What each built-in data set offers to a graph: its outputs and their shapes.
 *
 * This is the contract between the `Dataset` node (which the checker reads) and `src/data`
 * (which produces the batches). Pure data, no generators here, so the page can show a
 * dataset's ports without loading any pixels.
 */
import type { TensorKind } from './types';

export interface DatasetOutput {
  kind: TensorKind;
  dims: number[];
  description: string;
}

export interface DatasetInfo {
  name: string;
  /** Shown in the UI; says "synthetic" where the set is generated. */
  title: string;
  description: string;
  /** Number of training examples (for epochs). */
  trainSize: number;
  testSize: number;
  outputs: Record<string, DatasetOutput>;
  /** Number of classes of `label`, where the set has labels. */
  classes?: number;
  /** Names of the binary attributes of `attributes`, in order. */
  attributeNames?: string[];
}

export const FACE_ATTRIBUTES = [
  'long_hair',
  'dark_hair',
  'smiling',
  'glasses',
  'dark_skin',
  'round_face',
  'bangs',
  'light_background',
] as const;

export const SPEECH = { frames: 32, bins: 40, speakers: 24, phonemes: 12 } as const;

const points = (name: string, title: string, modes: number, description: string): DatasetInfo => ({
  name,
  title,
  description,
  trainSize: 10_000,
  testSize: 1_000,
  classes: modes,
  outputs: {
    x: { kind: 'vector', dims: [2], description: 'a point in the plane' },
    label: { kind: 'label', dims: [modes], description: 'which mode the point was drawn from' },
  },
});

/** Looked up by a document's `name` param: a null-prototype record, so only these names are found. */
export const DATASETS: Record<string, DatasetInfo> = Object.assign(Object.create(null) as Record<string, DatasetInfo>, {
  mnist: {
    name: 'mnist',
    title: 'MNIST digits',
    description: '10,000 real handwritten digits, 28×28 grey (9,000 train / 1,000 test).',
    trainSize: 9_000,
    testSize: 1_000,
    classes: 10,
    outputs: {
      x: { kind: 'image', dims: [28, 28, 1], description: 'digit image, values in [0, 1]' },
      label: { kind: 'label', dims: [10], description: 'the digit, one-hot' },
    },
  },
  'mnist-m': {
    name: 'mnist-m',
    title: 'MNIST-M (synthetic textures)',
    description: 'MNIST digits blended with generated colour textures, 28×28 RGB.',
    trainSize: 9_000,
    testSize: 1_000,
    classes: 10,
    outputs: {
      x: { kind: 'image', dims: [28, 28, 3], description: 'textured digit, values in [0, 1]' },
      label: { kind: 'label', dims: [10], description: 'the digit, one-hot' },
    },
  },
  faces: {
    name: 'faces',
    title: 'Cartoon faces (synthetic)',
    description: 'Procedurally drawn 32×32 RGB faces with labelled attributes.',
    trainSize: 20_000,
    testSize: 1_000,
    attributeNames: [...FACE_ATTRIBUTES],
    outputs: {
      x: { kind: 'image', dims: [32, 32, 3], description: 'face image, values in [0, 1]' },
      attributes: {
        kind: 'vector',
        dims: [FACE_ATTRIBUTES.length],
        description: `binary attributes: ${FACE_ATTRIBUTES.join(', ')}`,
      },
    },
  },
  speech: {
    name: 'speech',
    title: 'Speech-like utterances (synthetic)',
    description: `Spectrum-like frame sequences (${SPEECH.frames} frames × ${SPEECH.bins} bins) from ${SPEECH.speakers} synthetic speakers.`,
    trainSize: 12_000,
    testSize: 1_200,
    classes: SPEECH.speakers,
    outputs: {
      x: { kind: 'image', dims: [SPEECH.frames, SPEECH.bins, 1], description: 'utterance spectrogram, values in [0, 1]' },
      x2: {
        kind: 'image',
        dims: [SPEECH.frames, SPEECH.bins, 1],
        description: 'another utterance by the same speaker as x',
      },
      speaker: { kind: 'label', dims: [SPEECH.speakers], description: 'speaker of x (and x2), one-hot' },
      content: { kind: 'label', dims: [SPEECH.phonemes], description: 'first phoneme of x, one-hot' },
    },
  },
  ring8: points('ring8', 'Ring of 8 Gaussians (2-D)', 8, 'Eight Gaussians on a circle of radius 2.'),
  grid25: points('grid25', '5×5 grid of Gaussians (2-D)', 25, 'Twenty-five Gaussians on a grid.'),
  spiral: points('spiral', 'Spiral (2-D)', 1, 'Points along a two-turn spiral.'),
  moons: points('moons', 'Two moons (2-D)', 2, 'Two interleaved half circles.'),
} satisfies Record<string, DatasetInfo>);

/** Names a `Dataset` node may take. `custom` is the user's own images (shape from its params). */
export const DATASET_NAMES = Object.keys(DATASETS);
