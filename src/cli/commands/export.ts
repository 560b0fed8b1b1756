/**
 * `ganvas export torch FILE [--variant V] [--size S] [--steps N] [--seed S] [--weights CKPT_DIR]
 * [--data DIR|ZIP] [--examples N] --out DIR`: the graph as a PyTorch project that trains without
 * ganvas (model.py, train.py, data.py, its data and starting weights).
 */
import { resolve } from 'node:path';
import { compilePlan } from '../../compiler/compile';
import { SIZE_PRESETS, type SizePreset } from '../../graph/document';
import { readDocumentFile } from '../documents';
import { parseFlags } from '../flags';
import { EXIT, type CliIO } from '../io';
import { writePytorchProject } from '../pytorch-project';
import { ownImagesSize } from '../../export/pytorch/train';
import { customImages } from './train';

const USAGE = 'usage: ganvas export torch FILE [--variant V] [--size tiny|small|full] [--steps N] [--seed S] [--weights CKPT_DIR] [--data DIR|ZIP] [--examples N] --out DIR';

export async function exportCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.log(USAGE);
    return EXIT.ok;
  }
  const parsed = parseFlags(argv, { variant: 'string', size: 'string', steps: 'number', seed: 'number', weights: 'string', data: 'string', examples: 'number', out: 'string' });
  if (!parsed.ok) {
    io.error(`${parsed.error} (${USAGE})`);
    return EXIT.usage;
  }
  const { flags, positional } = parsed;
  if (positional[0] !== 'torch' || positional.length !== 2) {
    io.error(positional[0] && positional[0] !== 'torch' ? `unknown export target "${positional[0]}" (known: torch)` : USAGE);
    return EXIT.usage;
  }
  if (typeof flags.out !== 'string') {
    io.error(`name the folder to write with --out DIR (${USAGE})`);
    return EXIT.usage;
  }
  for (const name of ['steps', 'examples'] as const) {
    const v = flags[name];
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 1)) {
      io.error(`--${name} must be a whole number ≥ 1, not ${v}`);
      return EXIT.usage;
    }
  }
  const size = flags.size as string | undefined;
  if (size !== undefined && !(SIZE_PRESETS as readonly string[]).includes(size)) {
    io.error(`--size must be one of ${SIZE_PRESETS.join(', ')}, not "${size}"`);
    return EXIT.usage;
  }
  const read = readDocumentFile(positional[1], flags.variant as string | undefined);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const compiled = compilePlan(read.document, { size: size as SizePreset | undefined, steps: flags.steps as number | undefined, seed: flags.seed as number | undefined });
  if (!compiled.ok) {
    io.error(`cannot export “${read.document.meta.title}”: the graph has errors`);
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) io.error(`error ${d.node ?? d.phase ?? 'document'}: ${d.message}`);
    return EXIT.usage;
  }
  // The user's images go into data/ when given; without them train.py reads a folder (--images).
  const custom = flags.data || !ownImagesSize(compiled.plan) ? customImages(compiled.plan, flags.data as string | undefined) : undefined;
  if (typeof custom === 'string') {
    io.error(custom);
    return EXIT.usage;
  }
  if (!custom && ownImagesSize(compiled.plan)) io.log('note: the graph reads your own images and none were given (--data DIR): pass a folder to train.py with --images DIR');
  const out = resolve(flags.out);
  const written = await writePytorchProject(compiled.plan, out, {
    weights: flags.weights ? resolve(flags.weights as string) : undefined,
    custom,
    examples: flags.examples as number | undefined,
    log: io.log,
  });
  if (!written.ok) {
    io.error(`cannot export “${compiled.plan.title}” to PyTorch:`);
    for (const e of written.errors) io.error(e);
    return EXIT.usage;
  }
  io.log(`exported “${compiled.plan.title}” (${compiled.plan.size}) to ${out}: ${written.files} files, ${(written.bytes / 1e6).toFixed(1)} MB; run: cd ${out} && python3 train.py`);
  return EXIT.ok;
}
