/**
 * One trained network out of a checkpoint, in the tf.js weights format: a `model.json` whose
 * `weightsManifest` lists the group's weights (and BatchNorm statistics) in the order of the
 * values in `weights.bin`, zipped together. `tf.io.loadWeights(model.weightsManifest, folder)`
 * reads them back as named tensors; `modelTopology.ganvas` describes the layer stack they belong to.
 */
import { strToU8, zipSync } from 'fflate';
import type { Plan } from '../../compiler/plan';
import type { Checkpoint } from '../../../workers/training-api';

export interface NetworkExport {
  modelJson: Record<string, unknown>;
  weights: Uint8Array;
}

export function networkWeights(checkpoint: Checkpoint, group: string, plan?: Plan): NetworkExport {
  const { manifest, weightData } = checkpoint;
  const all = new Float32Array(weightData);
  const prefix = `${group}/`;
  const chunks: Float32Array[] = [];
  const specs: { name: string; shape: number[]; dtype: 'float32' }[] = [];
  let offset = 0;
  for (const spec of manifest.weightSpecs) {
    const size = spec.shape.reduce((p, d) => p * d, 1);
    if (spec.name.startsWith(prefix)) {
      chunks.push(all.subarray(offset, offset + size));
      specs.push({ name: spec.name.slice(prefix.length), shape: spec.shape, dtype: 'float32' });
    }
    offset += size;
  }
  if (specs.length === 0) throw new Error(`the checkpoint has no weights of "${group}"`);
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const values = new Float32Array(total);
  let at = 0;
  for (const c of chunks) {
    values.set(c, at);
    at += c.length;
  }
  const info = plan?.groups.find((g) => g.id === group);
  const modelJson = {
    format: 'ganvas-network',
    generatedBy: 'ganvas',
    convertedBy: null,
    modelTopology: {
      ganvas: {
        group,
        kind: info?.kind ?? null,
        label: info?.label ?? group,
        network: info?.network ?? null,
      },
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    userDefinedMetadata: { title: manifest.title, step: manifest.step, seed: manifest.seed, planHash: manifest.planHash, backend: manifest.backend },
  };
  return { modelJson, weights: new Uint8Array(values.buffer) };
}

export function exportNetworkZip(checkpoint: Checkpoint, group: string, plan?: Plan): Uint8Array {
  const { modelJson, weights } = networkWeights(checkpoint, group, plan);
  return zipSync({ 'model.json': strToU8(JSON.stringify(modelJson, null, 2)), 'weights.bin': weights }, { level: 6 });
}
