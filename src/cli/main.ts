/**
 * The `ganvas` command line. Each command is a function of (argv, io) returning an exit code:
 * 0 done, 1 the graph or the training failed, 2 bad arguments or a bad document.
 */
import { checkCommand } from './commands/check';
import { compileCommand } from './commands/compile';
import { templatesCommand } from './commands/templates';
import { quoted, shown } from '../graph/text';
import { EXIT, processIO, type CliIO } from './io';

type Command = (argv: string[], io: CliIO) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  templates: { run: templatesCommand, usage: 'templates                      list the built-in templates' },
  check: { run: checkCommand, usage: 'check FILE [--variant V]         check a graph; one diagnostic per line' },
  compile: { run: compileCommand, usage: 'compile FILE [--size S] [--variant V]   print the training plan as JSON' },
  data: {
    run: async (argv, io) => (await import('./commands/data')).dataCommand(argv, io),
    usage: 'data NAME [--count N] [--out FILE.png]   preview a data set',
  },
  train: {
    run: async (argv, io) => (await import('./commands/train')).trainCommand(argv, io),
    usage: 'train FILE [--steps N] [--size S] [--backend wasm|cpu] [--seed S] [--out DIR] [--resume DIR] [--every N] [--data DIR] [--variant V]   train a graph (or one of its variants)',
  },
  export: {
    run: async (argv, io) => (await import('./commands/export')).exportCommand(argv, io),
    usage: 'export torch FILE [--variant V] [--size S] [--weights CKPT_DIR] --out DIR   the graph as a PyTorch project (model.py, train.py, data.py)',
  },
  'layers-model': {
    run: async (argv, io) => (await import('./commands/layers-model')).layersModelCommand(argv, io),
    usage: 'layers-model FILE --checkpoint DIR --network ID --out DIR [--variant V]   a trained network as a tf.js LayersModel (model.json + weights.bin)',
  },
  eval: {
    run: async (argv, io) => (await import('./commands/eval')).evalCommand(argv, io),
    usage: 'eval FILE --checkpoint DIR [--count N] [--variant V]   the lesson’s figures for a trained checkpoint, as JSON',
  },
};

export function usage(): string {
  return ['usage: ganvas COMMAND [ARGS]', '', ...Object.values(COMMANDS).map((c) => `  ganvas ${c.usage}`)].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.log(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.error(`unknown command ${quoted(name, 40)}\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    // Whatever a document or a file did, the reader gets one line, not a stack trace.
    io.error(`ganvas ${name}: ${describeFailure(e)}`);
    return EXIT.failure;
  }
}

/** One line for an unexpected failure: its message cut and escaped (set GANVAS_DEBUG=1 for the stack). */
export function describeFailure(e: unknown): string {
  const message = e instanceof Error ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(e);
  const text = shown(message, 300);
  return typeof process !== 'undefined' && process.env?.GANVAS_DEBUG && e instanceof Error && e.stack ? `${text}\n${e.stack}` : text;
}
