import { checkDocument } from '../../graph/checker';
import { readDocumentFile } from '../documents';
import { EXIT, type CliIO } from '../io';

/** `ganvas check FILE`: one diagnostic per line; exit 1 on any error. */
export function checkCommand(argv: string[], io: CliIO): number {
  if (argv.length !== 1) {
    io.error('usage: ganvas check FILE');
    return EXIT.usage;
  }
  const read = readDocumentFile(argv[0]);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const result = checkDocument(read.document);
  for (const d of result.diagnostics) {
    const where = d.node ? `${d.node}${d.port ? `.${d.port}` : ''}` : d.phase ? `phase:${d.phase}` : d.edge ? `edge:${d.edge}` : 'document';
    io.log(`${d.severity} ${where}: ${d.message}`);
  }
  return result.ok ? EXIT.ok : EXIT.failure;
}
