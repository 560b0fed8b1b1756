import { basename } from 'node:path';
import { listTemplateFiles, readDocumentFile } from '../documents';
import { EXIT, type CliIO } from '../io';

/** `ganvas templates`: one line per template: file name, title, what it teaches, its variants. */
export function templatesCommand(_argv: string[], io: CliIO): number {
  for (const file of listTemplateFiles()) {
    const read = readDocumentFile(file);
    const name = basename(file, '.json');
    if (!read.ok) {
      io.log(`${name.padEnd(20)} (unreadable: ${read.error})`);
      continue;
    }
    const { meta, variants } = read.document;
    io.log(`${name.padEnd(20)} ${meta.title} — ${meta.description}`);
    // Variants open with --variant NAME in check, compile, train and eval.
    for (const v of variants) io.log(`${''.padEnd(20)}   --variant ${v.id}: ${v.title}`);
  }
  return EXIT.ok;
}
