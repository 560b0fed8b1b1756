/**
 * `ganvas layers-model FILE --checkpoint DIR --network ID --out DIR [--variant NAME]`: one
 * trained network of a checkpoint as a tf.js LayersModel folder (model.json + weights.bin) that
 * `tf.loadLayersModel` opens.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { layersModelFromCheckpoint, MODEL_FILE, MODEL_WEIGHTS_FILE } from '../../export/layers-model';
import { readDocumentFile } from '../documents';
import { parseFlags } from '../flags';
import { EXIT, type CliIO } from '../io';
import { openTrained } from '../trained';

const USAGE = 'usage: ganvas layers-model FILE --checkpoint DIR --network ID --out DIR [--variant NAME]';

export function layersModelCommand(argv: string[], io: CliIO): number {
  const parsed = parseFlags(argv, { checkpoint: 'string', network: 'string', out: 'string', variant: 'string' });
  if (!parsed.ok || parsed.positional.length !== 1 || typeof parsed.flags.checkpoint !== 'string' || typeof parsed.flags.network !== 'string' || typeof parsed.flags.out !== 'string') {
    io.error(parsed.ok ? USAGE : `${parsed.error} (${USAGE})`);
    return EXIT.usage;
  }
  const read = readDocumentFile(parsed.positional[0], parsed.flags.variant as string | undefined);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const trained = openTrained(read.document, parsed.flags.checkpoint);
  if (!trained.ok) {
    io.error(trained.error);
    return EXIT.usage;
  }
  const { checkpoint, plan } = trained;
  let exported;
  try {
    exported = layersModelFromCheckpoint(plan, checkpoint, parsed.flags.network);
  } catch (e) {
    io.error((e as Error).message);
    return EXIT.usage;
  }
  const out = resolve(parsed.flags.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, MODEL_FILE), JSON.stringify(exported.model, null, 1));
  writeFileSync(join(out, MODEL_WEIGHTS_FILE), exported.weights);
  const ganvas = exported.model.userDefinedMetadata.ganvas as { input: { dims: number[] }; output: { dims: number[] } };
  io.log(`wrote ${join(out, MODEL_FILE)} and ${MODEL_WEIGHTS_FILE}: ‹${parsed.flags.network}› at step ${checkpoint.manifest.step}, input [batch, ${ganvas.input.dims.join(', ')}] → output [batch, ${ganvas.output.dims.join(', ')}]`);
  return EXIT.ok;
}
