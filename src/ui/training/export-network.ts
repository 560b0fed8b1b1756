/**
 * One trained network out of a checkpoint as a tf.js LayersModel — `model.json` (topology and
 * weights manifest) and `weights.bin`, zipped — which `tf.loadLayersModel` opens as it is (see
 * src/export/layers-model.ts for how each layer type maps, and which are refused).
 */
import { strToU8, zipSync } from 'fflate';
import type { Plan } from '../../compiler/plan';
import { layersModelFromCheckpoint, MODEL_FILE, MODEL_WEIGHTS_FILE } from '../../export/layers-model';
import type { Checkpoint } from '../../../workers/training-api';

export function exportNetworkZip(checkpoint: Checkpoint, group: string, plan: Plan): Uint8Array {
  const { model, weights } = layersModelFromCheckpoint(plan, checkpoint, group);
  return zipSync({ [MODEL_FILE]: strToU8(JSON.stringify(model, null, 1)), [MODEL_WEIGHTS_FILE]: weights }, { level: 6 });
}
