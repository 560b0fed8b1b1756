/**
 * The matrix kernels on the templates' own shapes (wasm backend, CPU time per call):
 *   - each convolution layer's forward conv, input gradient and filter gradient on the same shape,
 *     with the gradients' rate as a share of the forward's (target ≥ 70%);
 *   - the dense layers' products as training runs them (x·W, dy·Wᵀ, xᵀ·dy) against the same
 *     product alone on the shipped XNNPACK path with its weights packed once (the best it does).
 *
 * Run alone: npx tsx tests/bench/kernels.ts [--quick]
 */
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { chooseBackend } from '../../src/engine/backend';
import { native, nativeKernelsFailure } from '../../src/engine/kernels/native';
import { wasmPeakGflops } from './kernel-profile';
import { printTable, type BenchRow } from './table';

interface ConvCase {
  where: string;
  batch: number;
  size: number;
  cin: number;
  kernel: number;
  stride: number;
  cout: number;
}

/** The templates' conv layers at `small` (transposed convs appear as the conv they invert). */
const CONVS: ConvCase[] = [
  { where: 'infogan D1 / G2ᵀ', batch: 64, size: 28, cin: 1, kernel: 4, stride: 2, cout: 16 },
  { where: 'infogan D2 / G1ᵀ', batch: 64, size: 14, cin: 16, kernel: 4, stride: 2, cout: 32 },
  { where: 'dann F1', batch: 64, size: 28, cin: 3, kernel: 5, stride: 2, cout: 16 },
  { where: 'dann F2', batch: 64, size: 14, cin: 16, kernel: 5, stride: 2, cout: 48 },
  { where: 'triple-gan C1', batch: 64, size: 28, cin: 1, kernel: 3, stride: 1, cout: 8 },
  { where: 'triple-gan C2', batch: 64, size: 28, cin: 8, kernel: 4, stride: 2, cout: 16 },
  { where: 'SR G res', batch: 16, size: 8, cin: 32, kernel: 3, stride: 1, cout: 32 },
  { where: 'SR G up2', batch: 16, size: 32, cin: 32, kernel: 3, stride: 1, cout: 32 },
  { where: 'SR G out', batch: 16, size: 32, cin: 32, kernel: 3, stride: 1, cout: 3 },
  { where: 'SR D1', batch: 16, size: 32, cin: 3, kernel: 4, stride: 2, cout: 32 },
  { where: 'SR D3', batch: 16, size: 8, cin: 64, kernel: 4, stride: 2, cout: 128 },
];

interface MatMulCase {
  where: string;
  m: number;
  k: number;
  n: number;
}

/** Dense layers: batch m, k inputs, n units. */
const DENSES: MatMulCase[] = [
  { where: 'gan-2d 256→256', m: 128, k: 256, n: 256 },
  { where: 'gan-2d 256→1', m: 128, k: 256, n: 1 },
  { where: 'infogan G 256→1568', m: 64, k: 256, n: 1568 },
  { where: 'infogan D 1568→256', m: 64, k: 1568, n: 256 },
  { where: 'dann 2352→50', m: 64, k: 2352, n: 50 },
  { where: 'infogan Q 32→12', m: 64, k: 32, n: 12 },
];

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** CPU ms per call of `run` (each call's output disposed), repeated for at least `budgetMs`. */
function timeKernel(run: () => tf.TensorInfo, budgetMs: number): number {
  const backend = tf.backend();
  for (let i = 0; i < 2; i++) backend.disposeData(run().dataId);
  let calls = 0;
  const start = process.cpuUsage();
  let spent = 0;
  while (spent < budgetMs || calls < 3) {
    backend.disposeData(run().dataId);
    calls++;
    spent = cpuMs(process.cpuUsage(start));
  }
  return spent / calls;
}

const kernel = (name: string, inputs: Record<string, tf.Tensor>, attrs: object) => () =>
  tf.engine().runKernel(name, inputs as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as unknown as tf.TensorInfo;

const fix = (v: number, d = 1) => Number(v.toFixed(d));

/**
 * Several kernels timed in interleaved rounds, each one's best round kept: other load on a
 * shared machine only ever slows a round down, and alternating spreads it over all of them.
 */
function timeInterleaved(runs: (() => tf.TensorInfo)[], budgetMs: number, rounds = 5): number[] {
  const best = runs.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    runs.forEach((run, i) => {
      best[i] = Math.min(best[i], timeKernel(run, budgetMs / rounds));
    });
  }
  return best;
}

function convRows(budgetMs: number): BenchRow[] {
  const peak = wasmPeakGflops();
  return CONVS.map((c) => {
    const out = Math.ceil(c.size / c.stride);
    const x = tf.randomNormal([c.batch, c.size, c.size, c.cin]);
    const w = tf.randomNormal([c.kernel, c.kernel, c.cin, c.cout]);
    const dy = tf.randomNormal([c.batch, out, out, c.cout]);
    const flops = 2 * c.batch * out * out * c.cout * c.kernel * c.kernel * c.cin;
    const common = { strides: [c.stride, c.stride], pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined };
    const [fwd, input, filter] = timeInterleaved(
      [
        kernel('Conv2D', { x, filter: w }, { ...common, dilations: [1, 1] }),
        kernel('Conv2DBackpropInput', { dy, filter: w }, { ...common, inputShape: x.shape }),
        kernel('Conv2DBackpropFilter', { x, dy }, { ...common, filterShape: w.shape }),
      ],
      budgetMs,
    );
    tf.dispose([x, w, dy]);
    const rate = (ms: number) => flops / ms / 1e6;
    return {
      layer: c.where,
      shape: `${c.batch}×${c.size}²×${c.cin} k${c.kernel} s${c.stride} → ${c.cout}`,
      MFLOP: fix(flops / 1e6, 1),
      'Conv2D GFLOP/s': fix(rate(fwd)),
      'BackpropInput GFLOP/s': fix(rate(input)),
      'BackpropFilter GFLOP/s': fix(rate(filter)),
      'input / fwd': `${Math.round((fwd / input) * 100)}%`,
      'filter / fwd': `${Math.round((fwd / filter) * 100)}%`,
      'fwd of peak': `${Math.round((rate(fwd) / peak) * 100)}%`,
    };
  });
}

function matMulRows(budgetMs: number): BenchRow[] {
  const shipped = tf.getKernel('BatchMatMul', 'wasm') as tf.KernelConfig & { original?: tf.KernelConfig };
  const original = shipped.original?.kernelFunc;
  return DENSES.map((d) => {
    const x = tf.randomNormal([1, d.m, d.k]);
    const w = tf.randomNormal([1, d.k, d.n]);
    const dy = tf.randomNormal([1, d.m, d.n]);
    const flops = 2 * d.m * d.k * d.n;
    const mm = (a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean) => kernel('BatchMatMul', { a, b }, { transposeA, transposeB });
    // XNNPACK's best case: the same weights every call, so its packed operator is reused.
    const alone = () =>
      original!({ inputs: { a: x, b: w } as unknown as tf.NamedTensorInfoMap, backend: tf.backend(), attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo;
    const [forward, inputGrad, weightGrad, xnnpack] = timeInterleaved(
      [mm(x, w, false, false), mm(dy, w, false, true), mm(x, dy, true, false), ...(original ? [alone] : [])],
      budgetMs,
    );
    const aloneMs = original ? xnnpack : NaN;
    tf.dispose([x, w, dy]);
    const rate = (ms: number) => fix(flops / ms / 1e6);
    return {
      layer: d.where,
      'm×k×n': `${d.m}×${d.k}×${d.n}`,
      'x·W GFLOP/s': rate(forward),
      'dy·Wᵀ GFLOP/s': rate(inputGrad),
      'xᵀ·dy GFLOP/s': rate(weightGrad),
      'XNNPACK alone, packed once': rate(aloneMs),
    };
  });
}

export async function benchKernels(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const { active } = await chooseBackend({ env: 'node' });
  if (active !== 'wasm') throw new Error(`wasm backend unavailable (got ${active})`);
  const using = native(tf.backend()) ? 'the engine GEMM (kernels.wasm)' : `the backend's kernels (${nativeKernelsFailure()})`;
  const budget = opts.quick ? 100 : 400;
  printTable(`Dense-layer products on ${using}, GFLOP/s (CPU time)`, matMulRows(budget));
  return convRows(budget);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable('Convolutions: forward, input and filter gradient on the same shapes (wasm, GFLOP/s of CPU time)', await benchKernels({ quick: process.argv.includes('--quick') }));
}
