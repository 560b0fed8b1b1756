/**
 * The data sets of ganvas: pure TypeScript, deterministic given a seed, no TF.js and no Node APIs
 * (the Node environment and folder reading live in ./env-node, imported separately).
 */
export type { Batch, DataEnv, DataSource, Split } from './types';
export { SPLITS } from './types';
export { openDataset, OPENABLE_DATASETS, type OpenOptions } from './open';
export { browserDataEnv } from './env-browser';
export { DEFAULT_DATA_SEED } from './seed';
export { BatchStream, labelledSubset, type BatchStreamState, type LabelledSubset, type NextBatch } from './batches';
export { degrade, makeMasks, resize, upsampleBicubic, type DownsampleMethod, type MaskKind, type MaskParams } from './transforms';
export { imageGrid, type GridOptions } from './grid';
export { decodePng, encodePng, type RgbaImage } from './png';
export { renderPreview, type Preview } from './preview';
export { MnistSource, MNIST_FILE } from './mnist';
export { MnistMSource, mnistMPatch } from './mnist-m';
export { FacesSource, faceParams, drawFaceBytes, FACE_SIZE } from './faces/index';
export { SpeechSource, PHONEME_NAMES, synthesizeUtterance, type Utterance } from './speech';
export { PointsSource, MIXTURES, SPIRAL, MOONS, nearestMode, type GaussianMixture } from './points';
export {
  CustomImagesSource,
  decodeImage,
  loadImages,
  resizeCrop,
  unzipFiles,
  type ImageInput,
  type ImageSize,
  type LoadedImages,
  type NamedBytes,
  type SkippedFile,
} from './images';
