import { checkDocument } from '../../graph/checker';
import { roleNeedsFor } from '../../lessons/index';
import { readDocumentFile } from '../documents';
import { parseFlags } from '../flags';
import { EXIT, type CliIO } from '../io';

/** `ganvas check FILE [--variant NAME]`: one diagnostic per line; exit 1 on any error. */
export function checkCommand(argv: string[], io: CliIO): number {
  const parsed = parseFlags(argv, { variant: 'string' });
  if (!parsed.ok || parsed.positional.length !== 1) {
    io.error(parsed.ok ? 'usage: ganvas check FILE [--variant NAME]' : parsed.error);
    return EXIT.usage;
  }
  const read = readDocumentFile(parsed.positional[0], parsed.flags.variant as string | undefined);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const result = checkDocument(read.document, { roles: roleNeedsFor(read.document.meta.view) });
  for (const d of result.diagnostics) {
    const where = d.node ? `${d.node}${d.port ? `.${d.port}` : ''}` : d.phase ? `phase:${d.phase}` : d.edge ? `edge:${d.edge}` : 'document';
    io.log(`${d.severity} ${where}: ${d.message}`);
  }
  return result.ok ? EXIT.ok : EXIT.failure;
}
