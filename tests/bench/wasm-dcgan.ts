/**
 * Milliseconds per GAN training step (batch 64: one discriminator step and one
 * generator step, Adam, variableGrads + applyGradients inside tidy) for
 *   (a) an MLP GAN on the TF.js cpu and wasm backends,
 *   (b) a small DCGAN on wasm with the training kernels of src/engine, with each
 *       Conv2DBackpropInput strategy, and one step on cpu,
 *   (c) the same two networks in PyTorch on this machine, 1 and 2 threads, with
 *       each BLAS found (Debian's reference BLAS, OpenBLAS), when torch imports.
 *
 * Run: npx tsx tests/bench/wasm-dcgan.ts
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chooseBackend } from '../../src/engine/backend';
import {
  DEFAULT_WASM_KERNEL_OPTIONS,
  setWasmKernelOptions,
  type WasmKernelOptions,
} from '../../src/engine/wasm-kernels';

export interface Row {
  network: 'MLP GAN' | 'small DCGAN';
  engine: string;
  variant: string;
  msPerStep: number | null;
  note?: string;
}

const BATCH = 64;
const NOISE = 74;

// ---------------------------------------------------------------------------
// TF.js models and step

interface Gan {
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
  real: tf.Tensor;
}

function mlpGan(): Gan {
  const generator = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [NOISE], units: 256, activation: 'relu' }),
      tf.layers.dense({ units: 784, activation: 'tanh' }),
    ],
  });
  const discriminator = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 256 }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  return { generator, discriminator, real: tf.randomUniform([BATCH, 784], -1, 1) };
}

function smallDcgan(): Gan {
  const generator = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [NOISE], units: 7 * 7 * 64 }),
      tf.layers.reshape({ targetShape: [7, 7, 64] }),
      tf.layers.conv2dTranspose({ filters: 32, kernelSize: 4, strides: 2, padding: 'same' }),
      tf.layers.batchNormalization(),
      tf.layers.reLU(),
      tf.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh' }),
    ],
  });
  const discriminator = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 4, strides: 2, padding: 'same' }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 4, strides: 2, padding: 'same' }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1 }),
    ],
  });
  return { generator, discriminator, real: tf.randomUniform([BATCH, 28, 28, 1], -1, 1) };
}

const namedList = (grads: tf.NamedTensorMap) => Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));

/** Returns a function doing one D step and one G step; it reads the losses back. */
function trainingStep(gan: Gan): () => Promise<number> {
  const { generator, discriminator, real } = gan;
  const dOptimizer = tf.train.adam(2e-4, 0.5, 0.999);
  const gOptimizer = tf.train.adam(2e-4, 0.5, 0.999);
  const dWeights = discriminator.trainableWeights.map((w) => w.read() as tf.Variable);
  const gWeights = generator.trainableWeights.map((w) => w.read() as tf.Variable);
  const ones = tf.ones([BATCH, 1]);
  const zeros = tf.zeros([BATCH, 1]);
  const logits = (images: tf.Tensor) => discriminator.apply(images, { training: true }) as tf.Tensor;
  const generate = () => generator.apply(tf.randomNormal([BATCH, NOISE]), { training: true }) as tf.Tensor;

  return async () => {
    const loss = tf.tidy(() => {
      const d = tf.variableGrads(
        () =>
          tf.add(
            tf.losses.sigmoidCrossEntropy(ones, logits(real)),
            tf.losses.sigmoidCrossEntropy(zeros, logits(generate())),
          ) as tf.Scalar,
        dWeights,
      );
      dOptimizer.applyGradients(namedList(d.grads));
      const g = tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(ones, logits(generate())) as tf.Scalar, gWeights);
      gOptimizer.applyGradients(namedList(g.grads));
      return tf.add(d.value, g.value);
    });
    const [value] = await loss.data();
    loss.dispose();
    return value;
  };
}

/**
 * Median ms per step over `steps` steps after `warmup` untimed ones. The
 * median, because other processes on a 2-core machine make single steps slow.
 */
async function timeSteps(step: () => Promise<number>, warmup: number, steps: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await step();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    const loss = await step();
    times.push(performance.now() - start);
    if (!Number.isFinite(loss)) throw new Error(`loss became ${loss}`);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

async function timeTfjs(build: () => Gan, warmup: number, steps: number): Promise<number> {
  const gan = build();
  try {
    return await timeSteps(trainingStep(gan), warmup, steps);
  } finally {
    gan.generator.dispose();
    gan.discriminator.dispose();
    gan.real.dispose();
  }
}

// ---------------------------------------------------------------------------
// PyTorch

const TORCH_SCRIPT = fileURLToPath(new URL('./torch_step.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const LIB = '/usr/lib/x86_64-linux-gnu';

/** BLAS builds to put under Debian's torch, by the folders holding their libblas.so.3. */
function blasChoices(): { name: string; libraryPath: string }[] {
  const choices = [
    { name: 'reference BLAS (as shipped)', libraryPath: `${LIB}/blas:${LIB}/lapack` },
    { name: 'OpenBLAS (openmp)', libraryPath: `${LIB}/openblas-openmp` },
  ];
  return choices.filter((c) => existsSync(`${c.libraryPath.split(':')[0]}/libblas.so.3`));
}

function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function timeTorch(net: 'mlp' | 'dcgan', threads: number, libraryPath: string, steps: number) {
  const run = spawnSync(
    PYTHON,
    [TORCH_SCRIPT, '--net', net, '--threads', String(threads), '--steps', String(steps)],
    {
      encoding: 'utf8',
      env: { ...process.env, LD_LIBRARY_PATH: libraryPath, OMP_NUM_THREADS: String(threads) },
    },
  );
  if (run.status !== 0) throw new Error(`torch_step.py failed: ${run.stderr.trim().split('\n').pop()}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms_per_step: number; torch: string; blas: string[] };
}

// ---------------------------------------------------------------------------

export interface BenchOptions {
  /** Time one DCGAN step on the cpu backend (about a minute). */
  cpuDcgan?: boolean;
  steps?: number;
}

export async function benchWasmDcgan(options: BenchOptions = {}): Promise<Row[]> {
  const steps = options.steps ?? 6;
  const rows: Row[] = [];

  // (a) MLP GAN
  await chooseBackend({ env: 'node', prefer: 'cpu' });
  rows.push({ network: 'MLP GAN', engine: 'TF.js cpu', variant: '', msPerStep: await timeTfjs(mlpGan, 1, steps) });
  await chooseBackend({ env: 'node', prefer: 'wasm' });
  const shipped: Partial<WasmKernelOptions> = { conv2dBackpropInput: 'original', fastMatMul: false, fastTile: false };
  const mlpVariants: [string, Partial<WasmKernelOptions>][] = [
    ['shipped BatchMatMul', shipped],
    ['BatchMatMul via XNNPACK (default)', DEFAULT_WASM_KERNEL_OPTIONS],
  ];
  for (const [variant, kernelOptions] of mlpVariants) {
    setWasmKernelOptions({ ...DEFAULT_WASM_KERNEL_OPTIONS, ...kernelOptions });
    rows.push({ network: 'MLP GAN', engine: 'TF.js wasm', variant, msPerStep: await timeTfjs(mlpGan, 2, steps * 2) });
  }

  // (b) small DCGAN
  const dcganVariants: [string, Partial<WasmKernelOptions>][] = [
    ['shipped BackpropInput, BatchMatMul, Tile', shipped],
    ['BackpropInput: original', { conv2dBackpropInput: 'original' }],
    ['BackpropInput: zero-dilated conv', { conv2dBackpropInput: 'zero-dilated' }],
    ['BackpropInput: pixel-shuffle conv (default)', {}],
  ];
  for (const [variant, kernelOptions] of dcganVariants) {
    setWasmKernelOptions({ ...DEFAULT_WASM_KERNEL_OPTIONS, ...kernelOptions });
    rows.push({ network: 'small DCGAN', engine: 'TF.js wasm', variant, msPerStep: await timeTfjs(smallDcgan, 2, steps) });
  }
  setWasmKernelOptions(DEFAULT_WASM_KERNEL_OPTIONS);
  if (options.cpuDcgan ?? true) {
    await chooseBackend({ env: 'node', prefer: 'cpu' });
    rows.push({
      network: 'small DCGAN',
      engine: 'TF.js cpu',
      variant: '',
      msPerStep: await timeTfjs(smallDcgan, 0, 1),
      note: 'one step, no warm-up',
    });
    await chooseBackend({ env: 'node', prefer: 'wasm' });
  } else {
    rows.push({ network: 'small DCGAN', engine: 'TF.js cpu', variant: '', msPerStep: null, note: 'skipped (~1 min/step)' });
  }

  // (c) PyTorch
  if (!torchAvailable()) {
    rows.push({ network: 'MLP GAN', engine: 'PyTorch', variant: '', msPerStep: null, note: `${PYTHON} cannot import torch` });
    return rows;
  }
  for (const blas of blasChoices()) {
    for (const threads of [1, 2]) {
      for (const [net, network] of [
        ['mlp', 'MLP GAN'],
        ['dcgan', 'small DCGAN'],
      ] as const) {
        const result = timeTorch(net, threads, blas.libraryPath, net === 'mlp' ? steps * 4 : steps * 2);
        rows.push({
          network,
          engine: `PyTorch ${result.torch}`,
          variant: `${blas.name}, ${threads} thread${threads > 1 ? 's' : ''}`,
          msPerStep: result.ms_per_step,
          note: `loaded ${result.blas.filter((p) => !p.includes('lapack')).map((p) => basename(p)).join(', ')}`,
        });
      }
    }
  }
  return rows;
}

export function formatRows(rows: Row[]): string {
  const sorted = [...rows].sort((a, b) => a.network.localeCompare(b.network));
  const cells = sorted.map((r) => [
    r.network,
    r.engine,
    r.variant,
    r.msPerStep == null ? '—' : r.msPerStep.toFixed(1),
    r.note ?? '',
  ]);
  const header = ['network', 'engine', 'variant', 'ms/step', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i === 3 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const rows = await benchWasmDcgan({ cpuDcgan: !process.argv.includes('--no-cpu-dcgan') });
  console.log(`\nGAN training step, batch ${BATCH} (D step + G step, Adam), median ms/step`);
  console.log(`load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${loadavg()[0].toFixed(2)}\n`);
  console.log(formatRows(rows));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
