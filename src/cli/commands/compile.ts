import { compilePlan } from '../../compiler/compile';
import { SIZE_PRESETS, type SizePreset } from '../../graph/document';
import { readDocumentFile } from '../documents';
import { EXIT, type CliIO } from '../io';
import { parseFlags } from '../flags';

/** `ganvas compile FILE [--size tiny|small|full] [--variant NAME]`: the training plan as JSON. */
export function compileCommand(argv: string[], io: CliIO): number {
  const parsed = parseFlags(argv, { size: 'string', variant: 'string' });
  if (!parsed.ok || parsed.positional.length !== 1) {
    io.error(parsed.ok ? 'usage: ganvas compile FILE [--size tiny|small|full] [--variant NAME]' : parsed.error);
    return EXIT.usage;
  }
  const size = parsed.flags.size as string | undefined;
  if (size !== undefined && !(SIZE_PRESETS as readonly string[]).includes(size)) {
    io.error(`--size must be one of ${SIZE_PRESETS.join(', ')}, not "${size}"`);
    return EXIT.usage;
  }
  const read = readDocumentFile(parsed.positional[0], parsed.flags.variant as string | undefined);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const result = compilePlan(read.document, { size: size as SizePreset | undefined });
  if (!result.ok) {
    for (const d of result.diagnostics.filter((x) => x.severity === 'error')) io.error(`error ${d.node ?? d.phase ?? 'document'}: ${d.message}`);
    return EXIT.failure;
  }
  io.log(JSON.stringify(result.plan, null, 2));
  return EXIT.ok;
}
