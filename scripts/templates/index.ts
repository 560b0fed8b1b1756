/** All templates, in gallery order. `npx tsx scripts/templates/index.ts` writes templates/*.json. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeDocument } from '../../src/graph/load';
import type { GraphDocument } from '../../src/graph/document';
import bigan from './bigan';
import dann from './dann';
import dannAlternating from './dann-alternating';
import featureDisentangle from './feature-disentangle';
import gan2d from './gan-2d';
import infogan from './infogan';
import inpainting from './inpainting';
import photoEditing from './photo-editing';
import superResolution from './super-resolution';
import tripleGan from './triple-gan';
import vaeGan from './vae-gan';

export const TEMPLATE_SOURCES: GraphDocument[] = [
  gan2d,
  infogan,
  vaeGan,
  bigan,
  tripleGan,
  dann,
  dannAlternating,
  featureDisentangle,
  photoEditing,
  superResolution,
  inpainting,
];

export function templateFileName(doc: GraphDocument): string {
  return `${doc.meta.template}.json`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = new URL('../../templates/', import.meta.url);
  for (const doc of TEMPLATE_SOURCES) {
    writeFileSync(new URL(templateFileName(doc), dir), serializeDocument(doc));
    console.log(`templates/${templateFileName(doc)}`);
  }
}
