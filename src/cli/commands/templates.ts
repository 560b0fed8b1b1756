import { basename } from 'node:path';
import { listTemplateFiles, readDocumentFile } from '../documents';
import { EXIT, type CliIO } from '../io';

/** `ganvas templates`: one line per template: file name, title, what it teaches. */
export function templatesCommand(_argv: string[], io: CliIO): number {
  for (const file of listTemplateFiles()) {
    const read = readDocumentFile(file);
    const name = basename(file, '.json');
    io.log(read.ok ? `${name.padEnd(20)} ${read.document.meta.title} — ${read.document.meta.description}` : `${name.padEnd(20)} (unreadable: ${read.error})`);
  }
  return EXIT.ok;
}
