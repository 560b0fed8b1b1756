/**
 * `ganvas train FILE --engine torch [--steps N] [--size S] [--seed S] [--out DIR] [--resume DIR]
 * [--every N] [--data DIR|ZIP] [--variant V] [--device cpu|cuda] [--processes N] [--rng torch|ganvas]
 * [--sync-bn]`: exports the graph to a temporary PyTorch project and trains it there with Python,
 * writing the same outputs as the TF.js engine (metrics.jsonl, checkpoint/, summary.json).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { compilePlan } from '../../compiler/compile';
import { SIZE_PRESETS, type SizePreset } from '../../graph/document';
import { readDocumentFile } from '../documents';
import { parseFlags } from '../flags';
import { EXIT, type CliIO } from '../io';
import { missingPythonPackages, pythonCommand, writePytorchProject } from '../pytorch-project';
import { customImages } from './train';

const USAGE =
  'usage: ganvas train FILE --engine torch [--steps N] [--size tiny|small|full] [--seed S] [--out DIR] [--resume DIR] [--every N] [--data DIR|ZIP] [--variant NAME] [--device auto|cpu|cuda] [--processes N] [--rng torch|ganvas] [--sync-bn] [--threads N]';

export async function trainTorchCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.log(USAGE);
    return EXIT.ok;
  }
  const parsed = parseFlags(argv, {
    steps: 'number', size: 'string', seed: 'number', out: 'string', resume: 'string', every: 'number', data: 'string', variant: 'string',
    device: 'string', processes: 'number', rng: 'string', 'sync-bn': 'boolean', threads: 'number',
  });
  if (!parsed.ok) {
    io.error(`${parsed.error} (${USAGE})`);
    return EXIT.usage;
  }
  const { flags, positional } = parsed;
  if (positional.length !== 1) {
    io.error(positional.length === 0 ? `name a graph document (${USAGE})` : `one document at a time, got: ${positional.join(' ')}`);
    return EXIT.usage;
  }
  for (const name of ['steps', 'every', 'processes', 'threads'] as const) {
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
  if (flags.rng !== undefined && flags.rng !== 'torch' && flags.rng !== 'ganvas') {
    io.error(`--rng must be torch or ganvas, not "${flags.rng}"`);
    return EXIT.usage;
  }
  const python = pythonCommand();
  const missing = missingPythonPackages(python);
  if (missing) {
    io.error(`cannot train with PyTorch: ${missing}`);
    return EXIT.usage;
  }
  const read = readDocumentFile(positional[0], flags.variant as string | undefined);
  if (!read.ok) {
    io.error(read.error);
    return EXIT.usage;
  }
  const compiled = compilePlan(read.document, { size: size as SizePreset | undefined, steps: flags.steps as number | undefined, seed: flags.seed as number | undefined });
  if (!compiled.ok) {
    for (const d of compiled.diagnostics.filter((x) => x.severity === 'error')) io.error(`error ${d.node ?? d.phase ?? 'document'}: ${d.message}`);
    return EXIT.usage;
  }
  const plan = compiled.plan;
  const custom = customImages(plan, flags.data as string | undefined);
  if (typeof custom === 'string') {
    io.error(custom);
    return EXIT.usage;
  }
  const out = resolve((flags.out as string | undefined) ?? join('runs', basename(positional[0]).replace(/\.json$/i, '') + (flags.variant ? `--${flags.variant}` : '')));
  const project = mkdtempSync(join(tmpdir(), 'ganvas-torch-'));
  try {
    const written = await writePytorchProject(plan, project, { custom, log: io.log });
    if (!written.ok) {
      for (const e of written.errors) io.error(e);
      return EXIT.usage;
    }
    mkdirSync(out, { recursive: true });
    const args = ['train.py', '--out', out];
    if (flags.resume) args.push('--resume', resolve(flags.resume as string));
    if (flags.every) args.push('--every', String(flags.every));
    if (flags.device) args.push('--device', flags.device as string);
    if (flags.rng) args.push('--rng', flags.rng as string);
    if (flags['sync-bn']) args.push('--sync-bn');
    if (flags.threads) args.push('--threads', String(flags.threads));
    const processes = (flags.processes as number | undefined) ?? 1;
    const command = processes > 1 ? ['-m', 'ganvas_torch.run', '--nproc_per_node', String(processes), '--master_port', String(await freePort()), ...args] : args;
    return await runStreaming(python, command, project, io);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** Runs the command in `cwd`, passing its output on line by line; resolves to its exit code. */
function runStreaming(command: string, args: string[], cwd: string, io: CliIO): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = (write: (s: string) => void) => {
      let buffer = '';
      return (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        for (const p of parts) write(p);
      };
    };
    child.stdout.on('data', lines(io.log));
    child.stderr.on('data', lines(io.error));
    child.on('error', (e) => {
      io.error(`cannot run ${command}: ${e.message}`);
      resolvePromise(EXIT.usage);
    });
    child.on('close', (code) => resolvePromise(code === null ? EXIT.failure : code === 0 ? EXIT.ok : code === 2 ? EXIT.usage : EXIT.failure));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolvePromise(port));
    });
  });
}
