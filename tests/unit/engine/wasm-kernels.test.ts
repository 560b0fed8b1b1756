/**
 * The wasm training kernels against the CPU backend (and, where the CPU kernel
 * ignores dilation, against a direct evaluation of the definition).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../src/engine/backend';
import { batchNormTraining, fusedBatchNormAvailable } from '../../../src/engine/kernels/batch-norm';
import { missingExports, native, nativeKernelsFailure, setNativeKernelsEnabled } from '../../../src/engine/kernels/native';
import {
  DEFAULT_WASM_KERNEL_OPTIONS,
  registerWasmTrainingKernels,
  setWasmKernelOptions,
  wasmTrainingKernelNames,
  type Conv2DBackpropInputStrategy,
} from '../../../src/engine/wasm-kernels';

const TOLERANCE = 1e-4;
type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
type Backend = 'wasm' | 'cpu';

/** Largest relative error seen per kernel, printed at the end. */
const worst = new Map<string, number>();

beforeAll(async () => {
  const { active } = await chooseBackend({ env: 'node' });
  expect(active).toBe('wasm');
  expect(nativeKernelsFailure(), 'kernels.wasm should load (npm run prepare builds it)').toBeUndefined();
  expect(native(tf.backend())).toBeDefined();
  await tf.setBackend('cpu'); // initialise the reference once
});

describe('kernels.wasm exports', () => {
  it('the loaded binary has every function the engine calls', () => {
    expect(missingExports(native(tf.findBackend('wasm'))!.k as unknown as WebAssembly.Exports)).toEqual([]);
  });

  it('a binary lacking some is named by what it lacks', () => {
    const exports = { ...(native(tf.findBackend('wasm'))!.k as unknown as WebAssembly.Exports) };
    delete exports.wgInput;
    exports.placeGrid = 0 as unknown as WebAssembly.ExportValue;
    expect(missingExports(exports)).toEqual(['wgInput', 'placeGrid']);
  });
});

afterAll(() => {
  setWasmKernelOptions(DEFAULT_WASM_KERNEL_OPTIONS);
  setNativeKernelsEnabled(true);
  const lines = [...worst].map(([name, err]) => `  ${name}: ${err.toExponential(2)}`);
  console.log(`max relative error (vs max |reference|):\n${lines.join('\n')}`);
});

// ---------------------------------------------------------------------------
// helpers

/** Deterministic values in [-1, 1). */
function seeded(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `make` with `backend` active and returns the values it computed. */
async function on(backend: Backend, make: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = make();
  const values = (await t.data()) as Float32Array;
  t.dispose();
  return values;
}

function relativeError(reference: ArrayLike<number>, actual: ArrayLike<number>): number {
  expect(actual.length).toBe(reference.length);
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < reference.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]));
    diff = Math.max(diff, Math.abs(reference[i] - actual[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

function expectClose(label: string, reference: ArrayLike<number>, actual: ArrayLike<number>): void {
  const err = relativeError(reference, actual);
  worst.set(label, Math.max(worst.get(label) ?? 0, err));
  expect(err, label).toBeLessThanOrEqual(TOLERANCE);
}

/** Runs one kernel with the same data on both backends. */
async function kernelOnBoth(
  kernelName: string,
  inputs: Record<string, { values: ArrayLike<number>; shape: number[]; dtype?: 'float32' | 'int32' }>,
  attrs: object,
): Promise<{ cpu: Float32Array; wasm: Float32Array }> {
  const run = () => {
    const tensors: tf.NamedTensorMap = {};
    for (const [name, { values, shape, dtype }] of Object.entries(inputs)) {
      tensors[name] = tf.tensor(values as Float32Array, shape, dtype ?? 'float32');
    }
    const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    Object.values(tensors).forEach((t) => t.dispose());
    return out;
  };
  return { cpu: await on('cpu', run), wasm: await on('wasm', run) };
}

function convOutShape(x: Shape4, f: Shape4, strides: number | [number, number], pad: Pad, dilations = 1, depthwise = false) {
  return tf.backend_util.computeConv2DInfo(x, f, strides, dilations, pad, 'floor', depthwise).outShape;
}

/** Direct evaluation of the depthwise conv gradients, dilation included. */
function depthwiseGradsByDefinition(
  x: Float32Array,
  xShape: Shape4,
  filter: Float32Array,
  filterShape: Shape4,
  dy: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): { dx: Float32Array; dW: Float32Array } {
  const [batch, height, width, channels] = xShape;
  const [kh, kw, , mult] = filterShape;
  const { outHeight, outWidth, strideHeight, strideWidth, dilationHeight, dilationWidth, padInfo } = info;
  const dx = new Float32Array(sizeOf(xShape));
  const dW = new Float32Array(sizeOf(filterShape));
  for (let b = 0; b < batch; b++)
    for (let oh = 0; oh < outHeight; oh++)
      for (let ow = 0; ow < outWidth; ow++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const h = oh * strideHeight + i * dilationHeight - padInfo.top;
            const w = ow * strideWidth + j * dilationWidth - padInfo.left;
            if (h < 0 || h >= height || w < 0 || w >= width) continue;
            for (let c = 0; c < channels; c++)
              for (let m = 0; m < mult; m++) {
                const g = dy[((b * outHeight + oh) * outWidth + ow) * channels * mult + c * mult + m];
                const xi = ((b * height + h) * width + w) * channels + c;
                const fi = ((i * kw + j) * channels + c) * mult + m;
                dx[xi] += g * filter[fi];
                dW[fi] += g * x[xi];
              }
          }
  return { dx, dW };
}

// ---------------------------------------------------------------------------
// regular conv gradients

interface ConvCase {
  x: Shape4;
  filter: Shape4;
  strides: number | [number, number];
  pad: Pad;
}

const convCases: ConvCase[] = [];
for (const strides of [1, 2, 3] as const)
  for (const pad of ['same', 'valid', 1, [[0, 0], [1, 2], [0, 1], [0, 0]]] as Pad[])
    convCases.push(
      { x: [2, 9, 7, 3], filter: [3, 3, 3, 8], strides, pad },
      { x: [1, 10, 11, 8], filter: [4, 4, 8, 1], strides, pad },
      { x: [3, 8, 8, 1], filter: [4, 2, 1, 3], strides, pad },
    );
convCases.push(
  { x: [2, 12, 10, 8], filter: [1, 1, 8, 3], strides: 2, pad: 'valid' },
  { x: [2, 9, 8, 3], filter: [3, 3, 3, 8], strides: [2, 1], pad: 'same' },
  { x: [2, 9, 8, 3], filter: [4, 3, 3, 8], strides: [1, 3], pad: 'valid' },
  { x: [4, 14, 14, 8], filter: [4, 4, 8, 8], strides: 2, pad: 'same' }, // DCGAN-style
  // Reductions deeper than one GEMM block (K = 3·3·40 = 360), outputs not a multiple of 8, more
  // patch rows than one block (9·13·13 = 1521).
  { x: [3, 11, 9, 40], filter: [3, 3, 40, 13], strides: 1, pad: 'same' },
  { x: [9, 13, 13, 2], filter: [5, 5, 2, 17], strides: 1, pad: 'same' },
  { x: [9, 26, 26, 3], filter: [4, 4, 3, 5], strides: 2, pad: 'same' },
  // Few taps×channels, many pixels: the filter gradient's transposed form over several blocks.
  { x: [8, 28, 28, 1], filter: [3, 3, 1, 8], strides: 1, pad: 'same' },
  { x: [5, 20, 21, 2], filter: [4, 4, 2, 6], strides: 2, pad: 'valid' },
  // Patches read in place: outputs of 2–4 channels (dot products; runs of 15 floats, not a
  // multiple of 4), runs a multiple of 8 (the filter gradient's in-place form), asymmetric borders.
  { x: [3, 12, 11, 5], filter: [3, 3, 5, 4], strides: 1, pad: 'same' },
  { x: [2, 10, 9, 16], filter: [3, 3, 16, 2], strides: 2, pad: 'same' },
  { x: [2, 9, 9, 8], filter: [5, 5, 8, 3], strides: 1, pad: [[0, 0], [2, 3], [1, 2], [0, 0]] },
  { x: [4, 16, 16, 32], filter: [3, 3, 32, 3], strides: 1, pad: 'same' },
  { x: [3, 14, 14, 16], filter: [5, 5, 16, 12], strides: 2, pad: 'same' },
  // The strided input gradient by phases: a stride wider than the kernel (pixels no tap reaches),
  // borders wider than the kernel, a first layer of one channel (dot products per phase).
  { x: [2, 8, 7, 3], filter: [2, 2, 3, 5], strides: 3, pad: 'valid' },
  { x: [2, 6, 5, 2], filter: [3, 2, 2, 9], strides: 2, pad: [[0, 0], [4, 1], [3, 0], [0, 0]] },
  { x: [3, 28, 28, 1], filter: [4, 4, 1, 16], strides: 2, pad: 'same' },
  // Four rows per step for one to three outputs (convDotQuad), row counts not a multiple of four:
  // a one-output conv, an RGB first layer's strided input gradient, a two-channel one.
  { x: [3, 7, 9, 4], filter: [3, 3, 4, 1], strides: 1, pad: 'same' },
  { x: [3, 13, 13, 3], filter: [5, 5, 3, 16], strides: 2, pad: 'same' },
  { x: [2, 11, 9, 2], filter: [3, 4, 2, 8], strides: [2, 3], pad: 'valid' },
  // The filter gradient of one to three output channels in runs of 16 floats (convFilterGemmNarrow).
  { x: [3, 9, 10, 16], filter: [3, 3, 16, 1], strides: 1, pad: 'same' },
  { x: [2, 12, 9, 32], filter: [2, 2, 32, 2], strides: 2, pad: 'same' },
  // Winograd F(2×2, 3×3): odd output sizes (tiles cut at the edges), borders of 0–3 on either
  // side (3: the input gradient's conv would need a negative border and takes the direct path),
  // more tiles than one block (4·10·10 = 400).
  { x: [2, 9, 7, 16], filter: [3, 3, 16, 20], strides: 1, pad: 'same' },
  { x: [3, 10, 11, 24], filter: [3, 3, 24, 16], strides: 1, pad: 'valid' },
  { x: [2, 8, 9, 16], filter: [3, 3, 16, 32], strides: 1, pad: [[0, 0], [2, 0], [0, 1], [0, 0]] },
  { x: [2, 6, 6, 16], filter: [3, 3, 16, 16], strides: 1, pad: 3 },
  { x: [4, 20, 20, 32], filter: [3, 3, 32, 32], strides: 1, pad: 'same' },
);
const caseName = (c: ConvCase) =>
  `x=${c.x} f=${c.filter} s=${c.strides} pad=${JSON.stringify(c.pad)}`;

/** The replaced kernels run on the engine's GEMM when kernels.wasm is loaded, else on compositions of the backend's kernels: both are checked. */
const PATHS = ['engine GEMM', 'backend kernels'] as const;
type KernelPath = (typeof PATHS)[number];

function onPath(path: KernelPath): void {
  beforeAll(() => setNativeKernelsEnabled(path === 'engine GEMM'));
  afterAll(() => setNativeKernelsEnabled(true));
}

/**
 * The engine GEMM's convolutions take stride-1 3×3 filters through Winograd's transforms, read
 * patches in place where they can, or gather them in blocks: all three are checked.
 */
const PATCH_PATHS = ['Winograd', 'patches in place', 'patch blocks'] as const;

function onPatchPath(path: (typeof PATCH_PATHS)[number]): void {
  beforeAll(() => setWasmKernelOptions({ winograd: path === 'Winograd', patchesInPlace: path !== 'patch blocks' }));
  afterAll(() => setWasmKernelOptions({ winograd: true, patchesInPlace: true }));
}

describe.each(PATCH_PATHS)('Conv2D on wasm (engine GEMM, %s)', (patches) => {
  onPath('engine GEMM');
  onPatchPath(patches);
  const dilated: ConvCase[] = [
    { x: [2, 11, 10, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'valid' },
    { x: [2, 11, 10, 3], filter: [3, 2, 3, 5], strides: 1, pad: 'same' },
  ];
  it.each([...convCases, ...dilated].flatMap((c) => [1, 2].map((d) => [`${caseName(c)} d=${d}`, c, d] as const)))('matches cpu: %s', async (_, c, dilation) => {
    // TF.js allows dilation > 1 only with stride 1.
    const strides = dilation > 1 ? 1 : c.strides;
    const { cpu, wasm } = await kernelOnBoth(
      'Conv2D',
      { x: { values: seeded(sizeOf(c.x), 11), shape: c.x }, filter: { values: seeded(sizeOf(c.filter), 12), shape: c.filter } },
      { strides, pad: c.pad, dataFormat: 'NHWC', dilations: dilation, dimRoundingMode: 'floor' },
    );
    expectClose(`Conv2D (${patches})`, cpu, wasm);
  });
});

describe.each([...PATCH_PATHS, 'backend kernels'] as const)('Conv2DBackpropFilter on wasm (%s)', (path) => {
  onPath(path === 'backend kernels' ? path : 'engine GEMM');
  onPatchPath(path === 'backend kernels' ? 'patches in place' : path);
  it.each(convCases.map((c) => [caseName(c), c] as const))('matches cpu: %s', async (_, c) => {
    const dyShape = convOutShape(c.x, c.filter, c.strides, c.pad);
    const { cpu, wasm } = await kernelOnBoth(
      'Conv2DBackpropFilter',
      { x: { values: seeded(sizeOf(c.x), 1), shape: c.x }, dy: { values: seeded(sizeOf(dyShape), 2), shape: dyShape } },
      { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: 'floor', filterShape: c.filter },
    );
    expectClose(`Conv2DBackpropFilter (${path})`, cpu, wasm);
  });
});

describe.each(PATCH_PATHS)('Conv2DBackpropInput on wasm (engine GEMM, %s)', (patches) => {
  onPath('engine GEMM');
  onPatchPath(patches);
  it.each(convCases.map((c) => [caseName(c), c] as const))('matches cpu: %s', async (_, c) => {
    const dyShape = convOutShape(c.x, c.filter, c.strides, c.pad);
    const { cpu, wasm } = await kernelOnBoth(
      'Conv2DBackpropInput',
      { dy: { values: seeded(sizeOf(dyShape), 3), shape: dyShape }, filter: { values: seeded(sizeOf(c.filter), 4), shape: c.filter } },
      { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: 'floor', inputShape: c.x },
    );
    expectClose(`Conv2DBackpropInput (engine GEMM, ${patches})`, cpu, wasm);
  });
});

describe.each(['pixel-shuffle', 'zero-dilated', 'original'] as Conv2DBackpropInputStrategy[])(
  'Conv2DBackpropInput on wasm (backend kernels, %s)',
  (strategy) => {
    onPath('backend kernels');
    it.each(convCases.map((c) => [caseName(c), c] as const))('matches cpu: %s', async (_, c) => {
      setWasmKernelOptions({ conv2dBackpropInput: strategy });
      const dyShape = convOutShape(c.x, c.filter, c.strides, c.pad);
      const { cpu, wasm } = await kernelOnBoth(
        'Conv2DBackpropInput',
        {
          dy: { values: seeded(sizeOf(dyShape), 3), shape: dyShape },
          filter: { values: seeded(sizeOf(c.filter), 4), shape: c.filter },
        },
        { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: 'floor', inputShape: c.x },
      );
      expectClose(`Conv2DBackpropInput (${strategy})`, cpu, wasm);
    });
  },
);

// ---------------------------------------------------------------------------
// depthwise conv gradients

interface DepthwiseCase {
  x: Shape4;
  filter: Shape4;
  strides: number;
  dilations: number;
  pad: Pad;
}
const depthwiseCases: DepthwiseCase[] = [];
for (const [strides, dilations] of [
  [1, 1],
  [2, 1],
  [3, 1],
  [1, 2],
  [2, 2],
] as const)
  for (const pad of ['same', 'valid', [[0, 0], [2, 1], [1, 0], [0, 0]]] as Pad[])
    depthwiseCases.push(
      { x: [2, 9, 7, 3], filter: [3, 3, 3, 1], strides, dilations, pad },
      { x: [1, 10, 11, 8], filter: [2, 3, 8, 2], strides, dilations, pad },
      { x: [3, 8, 8, 1], filter: [3, 2, 1, 3], strides, dilations, pad },
    );

describe('depthwise conv gradients on wasm', () => {
  it.each(depthwiseCases.map((c) => [`x=${c.x} f=${c.filter} s=${c.strides} d=${c.dilations} pad=${JSON.stringify(c.pad)}`, c] as const))(
    'match the definition (and cpu without dilation): %s',
    async (_, c) => {
      const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, c.dilations, c.pad, 'floor', true);
      const x = seeded(sizeOf(c.x), 5);
      const filter = seeded(sizeOf(c.filter), 6);
      const dy = seeded(sizeOf(info.outShape), 7);
      const attrs = { strides: c.strides, dilations: c.dilations, pad: c.pad, dimRoundingMode: 'floor' };
      const input = await kernelOnBoth(
        'DepthwiseConv2dNativeBackpropInput',
        { dy: { values: dy, shape: info.outShape }, filter: { values: filter, shape: c.filter } },
        { ...attrs, inputShape: c.x },
      );
      const filterGrad = await kernelOnBoth(
        'DepthwiseConv2dNativeBackpropFilter',
        { x: { values: x, shape: c.x }, dy: { values: dy, shape: info.outShape } },
        { ...attrs, filterShape: c.filter },
      );
      const exact = depthwiseGradsByDefinition(x, c.x, filter, c.filter, dy, info);
      expectClose('DepthwiseConv2dNativeBackpropInput', exact.dx, input.wasm);
      expectClose('DepthwiseConv2dNativeBackpropFilter', exact.dW, filterGrad.wasm);
      if (c.dilations === 1) {
        // The CPU kernels ignore dilation, so they are a reference only without it.
        expectClose('DepthwiseConv2dNativeBackpropInput', input.cpu, input.wasm);
        expectClose('DepthwiseConv2dNativeBackpropFilter', filterGrad.cpu, filterGrad.wasm);
      }
    },
  );
});

// ---------------------------------------------------------------------------
// UnsortedSegmentSum and BatchMatMul

describe('UnsortedSegmentSum on wasm', () => {
  const cases: [string, number[], number[], number[], number, 'float32' | 'int32'][] = [
    ['rows, duplicates', [6, 3], [6], [0, 2, 2, 1, 0, 2], 4, 'float32'],
    ['ids out of range are dropped', [6, 3], [6], [0, 2, -1, 1, 7, 4], 4, 'float32'],
    ['2-D ids', [2, 3, 4], [2, 3], [1, 0, 1, 2, 2, 0], 3, 'float32'],
    ['vector x, int32', [5], [5], [3, 3, 0, 1, 3], 5, 'int32'],
  ];
  it.each(cases)('matches the definition (and cpu for 1-D ids): %s', async (_, xShape, idsShape, ids, numSegments, dtype) => {
    const x = seeded(sizeOf(xShape), 8).map((v) => (dtype === 'int32' ? Math.round(v * 50) : v));
    const sliceSize = sizeOf(xShape) / sizeOf(idsShape);
    const exact = new Float32Array(numSegments * sliceSize);
    ids.forEach((id, i) => {
      if (id < 0 || id >= numSegments) return;
      for (let k = 0; k < sliceSize; k++) exact[id * sliceSize + k] += x[i * sliceSize + k];
    });
    const run = () =>
      tf.unsortedSegmentSum(tf.tensor(x, xShape, dtype), tf.tensor1d(ids, 'int32').reshape(idsShape) as tf.Tensor1D, numSegments);
    const wasm = await on('wasm', run);
    expectClose('UnsortedSegmentSum', exact, wasm);
    // The CPU kernel only handles 1-D segment ids.
    if (idsShape.length === 1) expectClose('UnsortedSegmentSum', await on('cpu', run), wasm);
  });
});

describe.each(PATHS)('BatchMatMul on wasm (%s)', (path) => {
  onPath(path);
  const cases: [number[], number[], boolean, boolean][] = [
    [[37, 300], [300, 1], false, false], // deeper than one block, one output column
    [[37, 300], [1, 300], false, true],
    [[300, 37], [300, 13], true, false],
    [[128, 1], [256, 1], false, true], // an outer product
    [[3, 0, 4], [4, 5], false, false],
    [[7, 5], [7, 3], true, false],
    [[7, 5], [3, 5], false, true],
    [[5, 7], [3, 5], true, true],
    [[2, 4, 5], [5, 3], false, false],
    [[2, 5, 4], [1, 3, 5], true, true],
    [[2, 4, 5], [2, 5, 3], false, false],
    [[3, 6, 4], [3, 6, 2], true, false],
  ];
  it.each(cases)('matches cpu: a=%j b=%j transposeA=%s transposeB=%s', async (aShape, bShape, transposeA, transposeB) => {
    const { cpu, wasm } = await kernelOnBoth(
      'BatchMatMul',
      { a: { values: seeded(sizeOf(aShape), 9), shape: aShape }, b: { values: seeded(sizeOf(bShape), 10), shape: bShape } },
      { transposeA, transposeB },
    );
    expectClose(`BatchMatMul (${path})`, cpu, wasm);
  });
});

describe('Tile on wasm', () => {
  const cases: [number[], number[], 'float32' | 'int32'][] = [
    [[1, 1, 1, 8], [4, 5, 3, 1], 'float32'], // batch-norm style broadcast
    [[2, 3], [3, 2], 'float32'],
    [[3, 1, 2], [2, 4, 3], 'int32'],
    [[2, 3, 2], [2, 2, 3], 'float32'], // rank 6 once expanded
    [[2, 3, 2, 3], [2, 1, 3, 2], 'float32'], // rank 7 once expanded: shipped kernel
    [[5], [1], 'float32'],
    [[2, 3, 1, 10], [1, 1, 3, 1], 'float32'], // nearest upsampling's rows
    [[12, 5, 1, 4], [1, 1, 2, 1], 'float32'], // … and columns
    [[2, 1, 3], [1, 1, 1], 'int32'], // nothing repeated
    [[3, 2], [1, 4], 'float32'], // repeated innermost: blocks of one
  ];
  it.each(cases)('matches cpu: x=%j reps=%j %s', async (shape, reps, dtype) => {
    const x = seeded(sizeOf(shape), 13).map((v) => (dtype === 'int32' ? Math.round(v * 50) : v));
    const { cpu, wasm } = await kernelOnBoth('Tile', { x: { values: x, shape, dtype } }, { reps });
    expect(wasm.length).toBe(sizeOf(shape) * sizeOf(reps));
    expectClose('Tile', cpu, wasm);
  });
});

describe.each(PATHS)('elementwise kernels and reductions on wasm (%s)', (path) => {
  onPath(path);
  const shapes = [[7], [3, 5, 2], [4, 9, 9, 3], [1, 33]];
  const label = (name: string) => `${name} (${path})`;

  it.each(shapes.flatMap((shape) => [0.2, 0, 1.5].map((alpha) => [shape, alpha] as const)))('LeakyRelu matches cpu: %j alpha %s', async (shape, alpha) => {
    const { cpu, wasm } = await kernelOnBoth('LeakyRelu', { x: { values: seeded(sizeOf(shape), 21), shape } }, { alpha });
    expectClose(label('LeakyRelu'), cpu, wasm);
  });

  it.each(shapes)('Tanh matches cpu over small, moderate and saturated inputs: %j', async (...shape) => {
    const values = seeded(sizeOf(shape), 22).map((v, i) => v * [1e-5, 0.3, 2, 6, 40][i % 5]);
    const { cpu, wasm } = await kernelOnBoth('Tanh', { x: { values, shape } }, {});
    expectClose(label('Tanh'), cpu, wasm);
    // Relative to each value too, not only to the largest.
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i] - cpu[i])).toBeLessThanOrEqual(1e-6 * Math.abs(cpu[i]) + 1e-7);
  });

  it.each([
    [[4, 9, 9, 3], [4, 9, 9, 3]],
    [[3, 7], []],
    [[], [3, 7]],
    [[1], [5, 2]],
    [[16, 8, 8, 33], [33]],
    [[1, 1, 1, 33], [16, 8, 8, 33]],
    [[64, 784], [1, 784]],
    [[64, 10], [64, 1]], // a column repeated: the shipped kernel
    [[2, 3, 4], [3, 1]],
  ])('Add, Sub, Multiply and RealDiv match cpu: a=%j b=%j', async (aShape, bShape) => {
    const a = { values: seeded(sizeOf(aShape), 26), shape: aShape };
    const b = { values: seeded(sizeOf(bShape), 27).map((v) => v + 2), shape: bShape };
    for (const kernel of ['Add', 'Sub', 'Multiply', 'RealDiv']) {
      const { cpu, wasm } = await kernelOnBoth(kernel, { a, b }, {});
      expectClose(label(kernel), cpu, wasm);
    }
  });

  it.each([
    [[4, 9, 9, 3], [4, 9, 9, 3]],
    [[37], []],
    [[2, 17], [1]],
    [[3, 4], [4]], // broadcasting: the shipped kernel
  ])('Greater and Select match cpu: a=%j b=%j', async (aShape, bShape) => {
    const a = seeded(sizeOf(aShape), 23);
    const b = seeded(sizeOf(bShape), 24);
    const run = () => {
      const ta = tf.tensor(a, aShape);
      const mask = tf.greater(ta, tf.tensor(b, bShape));
      return tf.where(mask, ta, tf.mul(ta, -3));
    };
    const maskOnly = () => tf.cast(tf.greater(tf.tensor(a, aShape), tf.tensor(b, bShape)), 'float32');
    expect(Array.from(await on('wasm', maskOnly))).toEqual(Array.from(await on('cpu', maskOnly)));
    expectClose(label('Select'), await on('cpu', run), await on('wasm', run));
  });

  it.each([
    [[64, 7, 7, 32], [0, 1, 2], false],
    [[64, 7, 7, 32], [0, 1, 2], true],
    [[64, 256], [0], false],
    [[5, 12], [-1], true],
    [[5, 12, 3], [1], false],
    [[3, 4, 5], [0, 2], false], // not contiguous: the shipped kernel
    [[6, 5], null, false],
    [[11], [0], false],
  ] as [number[], number[] | null, boolean][])('Sum and Mean match cpu: %j over %j keepDims %s', async (shape, axis, keepDims) => {
    const x = { values: seeded(sizeOf(shape), 25), shape };
    for (const kernel of ['Sum', 'Mean']) {
      const { cpu, wasm } = await kernelOnBoth(kernel, { x }, { axis: axis ?? shape.map((_, i) => i), keepDims });
      expectClose(label(kernel), cpu, wasm);
    }
    const run = () => tf.sum(tf.tensor(x.values, shape), axis ?? undefined, keepDims);
    await tf.setBackend('cpu');
    const cpuShape = run().shape;
    await tf.setBackend('wasm');
    expect(run().shape).toEqual(cpuShape);
  });
});

describe('fused batch normalisation on wasm', () => {
  const EPS = 1e-5;
  /** The ops the layer runs without the fused kernel (on the CPU backend as the reference). */
  function byOps(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) {
    const { mean, variance } = tf.moments(x, x.shape.slice(0, -1).map((_, i) => i));
    const y = tf.add(tf.mul(tf.sub(x, mean), tf.mul(tf.rsqrt(tf.add(variance, EPS)), gamma)), beta);
    return { y, mean, variance };
  }

  it.each([
    [[64, 256]],
    [[16, 8, 8, 32]],
    [[5, 3, 7]],
    [[4, 3, 3, 6]],
    [[2, 1]],
  ])('forward and all gradients match cpu: x %j', async (shape) => {
    const c = shape[shape.length - 1];
    const x = seeded(sizeOf(shape), 30).map((v, i) => v * 2 + (i % c) * 0.3);
    const gamma = seeded(c, 31).map((v) => v + 1.5);
    const beta = seeded(c, 32);
    const w = seeded(sizeOf(shape), 33);
    const a = seeded(c, 34);
    const b = seeded(c, 35);
    const run = (fused: boolean) => () => {
      const tensors = [tf.tensor(x, shape), tf.tensor1d(gamma), tf.tensor1d(beta)];
      const loss = (xt: tf.Tensor, g: tf.Tensor, be: tf.Tensor) => {
        const r = fused ? batchNormTraining(xt, g, be, EPS) : byOps(xt, g, be);
        // Every output reaches the loss, so every path of the gradient is checked.
        return tf.addN([tf.sum(tf.mul(r.y, tf.tensor(w, shape))), tf.sum(tf.mul(r.mean, tf.tensor1d(a))), tf.sum(tf.mul(r.variance, tf.tensor1d(b)))]) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(loss)(tensors);
      const y = (fused ? batchNormTraining(tensors[0], tensors[1], tensors[2], EPS) : byOps(tensors[0], tensors[1], tensors[2])).y;
      return tf.concat([tf.reshape(value, [1]), tf.reshape(y, [-1]), ...grads.map((g) => tf.reshape(g, [-1]))]);
    };
    await tf.setBackend('wasm');
    expect(fusedBatchNormAvailable()).toBe(true);
    const reference = await on('cpu', run(false));
    expectClose('BatchNorm (fused)', reference, await on('wasm', run(true)));
  });
});

describe('Identity and Cast on wasm', () => {
  it('share the data, and each tensor outlives the other', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const x = tf.tensor2d(seeded(12, 14), [3, 4]);
    const before = backend.numDataIds();
    const copy = tf.clone(x);
    const same = tf.cast(x, 'float32');
    expect(backend.numDataIds()).toBe(before); // no new data
    const expected = Array.from(await x.data());
    x.dispose();
    expect(Array.from(await copy.data())).toEqual(expected);
    copy.dispose();
    expect(Array.from(await same.data())).toEqual(expected);
    same.dispose();
    expect(backend.numDataIds()).toBe(before - 1);
  });

  it('casts to another dtype as before', async () => {
    const values = [-2.7, -0.5, 0, 0.5, 1.9, 3];
    const run = () => tf.cast(tf.tensor1d(values), 'int32');
    expect(Array.from(await on('wasm', run))).toEqual(Array.from(await on('cpu', run)));
    for (const dtype of ['int32', 'float32'] as const) {
      const toBool = () => tf.cast(tf.tensor1d([0, 2, 0, -1, 0.5], dtype), 'bool');
      expect(Array.from(await on('wasm', toBool)), dtype).toEqual(Array.from(await on('cpu', toBool)));
    }
  });
});

// ---------------------------------------------------------------------------
// housekeeping

describe('registration', () => {
  it('is idempotent and leaves the kernels registered on wasm', () => {
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    for (const name of wasmTrainingKernelNames) expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
  });

  it('frees every intermediate', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const x = tf.tensor4d(seeded(2 * 9 * 7 * 3, 1), [2, 9, 7, 3]);
    const w = tf.tensor4d(seeded(3 * 3 * 3 * 4, 2), [3, 3, 3, 4]);
    const wt = tf.tensor4d(seeded(3 * 3 * 4 * 3, 4), [3, 3, 4, 3]);
    const dw = tf.tensor4d(seeded(3 * 3 * 3 * 2, 3), [3, 3, 3, 2]);
    const before = backend.numDataIds();
    tf.tidy(() => {
      tf.grads((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, w, 2, 'same').square().sum())([x]);
      tf.grads((f: tf.Tensor) => tf.conv2dTranspose(x, f as tf.Tensor4D, [2, 18, 14, 4], 2, 'same').sum())([wt]);
      tf.grads((f: tf.Tensor) => tf.depthwiseConv2d(x, f as tf.Tensor4D, 1, 'same').sum())([dw]);
      tf.grads((a: tf.Tensor) => tf.gather(a, tf.tensor1d([0, 1, 1], 'int32')).sum())([x]);
      tf.matMul(x.reshape([14, 27]), x.reshape([14, 27]), true, false);
      tf.tile(x, [2, 1, 1, 3]);
    });
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([x, w, wt, dw]);
  });

  it('the comparison catches a wrong kernel', async () => {
    // Stride 1 vs stride 2 on the same data must differ far beyond the tolerance.
    const c = convCases[0];
    const dyShape = convOutShape(c.x, c.filter, 1, 'same');
    const run = (strides: number) => () =>
      tf.engine().runKernel(
        'Conv2DBackpropFilter',
        { x: tf.tensor(seeded(sizeOf(c.x), 1), c.x), dy: tf.tensor(seeded(sizeOf(dyShape), 2), dyShape) },
        { strides, pad: 'same', dataFormat: 'NHWC', filterShape: c.filter },
      ) as tf.Tensor;
    const right = await on('cpu', run(1));
    const perturbed = Float32Array.from(await on('wasm', run(1)), (v, i) => (i === 5 ? v + 0.01 : v));
    expect(relativeError(right, perturbed)).toBeGreaterThan(TOLERANCE);
  });
});

// ---------------------------------------------------------------------------
// whole-network gradients

/** Variables with seeded values, created on the active backend. */
function seededVariables(shapes: Record<string, number[]>): Record<string, tf.Variable> {
  return Object.fromEntries(
    Object.entries(shapes).map(([name, shape], i) => [
      name,
      tf.variable(tf.tensor(seeded(sizeOf(shape), 20 + i).map((v) => v * 0.5), shape), true, `${name}${Math.random()}`),
    ]),
  );
}

/** Gradients of `loss` w.r.t. every variable, on one backend, flattened in a fixed order. */
async function gradsOn(
  backend: Backend,
  shapes: Record<string, number[]>,
  loss: (v: Record<string, tf.Variable>) => tf.Scalar,
): Promise<Record<string, Float32Array>> {
  await tf.setBackend(backend);
  const vars = seededVariables(shapes);
  const { value, grads } = tf.variableGrads(() => loss(vars), Object.values(vars));
  const out: Record<string, Float32Array> = { loss: (await value.data()) as Float32Array };
  for (const [name, v] of Object.entries(vars)) out[name] = (await grads[v.name].data()) as Float32Array;
  tf.dispose([value, ...Object.values(grads), ...Object.values(vars)]);
  return out;
}

async function expectSameGrads(
  label: string,
  shapes: Record<string, number[]>,
  loss: (v: Record<string, tf.Variable>) => tf.Scalar,
  referenceLoss = loss,
): Promise<void> {
  const cpu = await gradsOn('cpu', shapes, referenceLoss);
  const wasm = await gradsOn('wasm', shapes, loss);
  for (const name of Object.keys(cpu)) expectClose(`${label} grads`, cpu[name], wasm[name]);
}

/** Nearest-neighbour ×2 upsampling written without ResizeNearestNeighbor. */
function upsampleByTiling(h: tf.Tensor4D): tf.Tensor4D {
  const [b, height, width, c] = h.shape;
  const pixels = tf.reshape(h, [b, height, width, 1, c]);
  const wide = tf.reshape(tf.concat([pixels, pixels], 3), [b, height, 1, width * 2 * c]);
  return tf.reshape(tf.concat([wide, wide], 2), [b, height * 2, width * 2, c]);
}

describe('ResizeNearestNeighborGrad (shipped by wasm)', () => {
  it('matches the gradient of a tiled ×2 upsampling at batch 3', async () => {
    const x = tf.tensor4d(seeded(3 * 5 * 4 * 3, 11), [3, 5, 4, 3]);
    const weights = tf.tensor4d(seeded(3 * 10 * 8 * 3, 12), [3, 10, 8, 3]);
    const grad = (upsample: (h: tf.Tensor4D) => tf.Tensor4D) => () =>
      tf.grad((h: tf.Tensor) => tf.sum(tf.mul(upsample(h as tf.Tensor4D), weights)))(x);
    const exact = await on('wasm', grad(upsampleByTiling));
    expectClose('ResizeNearestNeighborGrad', exact, await on('wasm', grad((h) => tf.image.resizeNearestNeighbor(h, [10, 8]))));
    tf.dispose([x, weights]);
  });
});

describe('whole-network gradients, wasm vs cpu', () => {
  const images = (batch: number, size: number) =>
    tf.tensor4d(seeded(batch * size * size, 99), [batch, size, size, 1]);

  it('conv → leakyrelu → convT → tanh', async () => {
    await expectSameGrads(
      'conv-convT net',
      { w1: [3, 3, 1, 8], b1: [8], w2: [4, 4, 1, 8], b2: [1] },
      (v) => {
        const x = images(4, 12);
        const h = tf.leakyRelu(tf.add(tf.conv2d(x, v.w1 as tf.Tensor4D, 2, 'same'), v.b1), 0.2);
        const y = tf.tanh(tf.add(tf.conv2dTranspose(h as tf.Tensor4D, v.w2 as tf.Tensor4D, [4, 12, 12, 1], 2, 'same'), v.b2));
        return tf.mean(tf.square(tf.sub(y, x)));
      },
    );
  });

  it('DCGAN-like discriminator with sigmoid cross-entropy', async () => {
    await expectSameGrads(
      'discriminator',
      { w1: [4, 4, 1, 8], b1: [8], w2: [4, 4, 8, 16], b2: [16], wd: [4 * 4 * 16, 1], bd: [1] },
      (v) => {
        const x = images(6, 16);
        const h1 = tf.leakyRelu(tf.add(tf.conv2d(x, v.w1 as tf.Tensor4D, 2, 'same'), v.b1), 0.2);
        const h2 = tf.leakyRelu(tf.add(tf.conv2d(h1 as tf.Tensor4D, v.w2 as tf.Tensor4D, 2, 'same'), v.b2), 0.2);
        const logits = tf.add(tf.matMul(tf.reshape(h2, [6, -1]), v.wd), v.bd);
        const labels = tf.tensor2d([1, 0, 1, 0, 1, 0], [6, 1]);
        return tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
      },
    );
  });

  it('generator with batch norm, nearest upsampling and a depthwise conv', async () => {
    // The CPU backend's ResizeNearestNeighborGrad reads dy at the wrong batch
    // offset for batch > 1, so the reference upsamples by reshape + tile.
    const generator = (upsample2x: (h: tf.Tensor4D) => tf.Tensor4D) => (v: Record<string, tf.Variable>) => {
        const z = tf.tensor2d(seeded(4 * 6, 77), [4, 6]);
        const h0 = tf.reshape(tf.matMul(z, v.wd), [4, 4, 4, 8]);
        const h1 = tf.conv2dTranspose(h0 as tf.Tensor4D, v.w1 as tf.Tensor4D, [4, 8, 8, 8], 2, 'same');
        const { mean, variance } = tf.moments(h1, [0, 1, 2]);
        const h2 = tf.relu(tf.batchNorm(h1, mean, variance, v.beta, v.gamma, 1e-3));
        const h3 = tf.depthwiseConv2d(h2 as tf.Tensor4D, v.dw as tf.Tensor4D, 1, 'same');
        const y = tf.tanh(tf.conv2d(upsample2x(h3 as tf.Tensor4D), v.w2 as tf.Tensor4D, 1, 'same'));
        return tf.mean(tf.square(tf.sub(y, 0.5))) as tf.Scalar;
    };
    await expectSameGrads(
      'generator',
      { wd: [6, 4 * 4 * 8], w1: [4, 4, 8, 8], gamma: [8], beta: [8], dw: [3, 3, 8, 1], w2: [3, 3, 8, 1] },
      generator((h) => tf.image.resizeNearestNeighbor(h, [16, 16])),
      generator(upsampleByTiling),
    );
  });

  it('tf.layers DCGAN generator and discriminator (fused conv + bias + activation paths)', async () => {
    const gradsOnBackend = async (backend: Backend) => {
      await tf.setBackend(backend);
      const generator = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [6], units: 4 * 4 * 8 }),
          tf.layers.reshape({ targetShape: [4, 4, 8] }),
          // No bias before batch norm: its true gradient is 0, so only rounding noise would be compared.
          tf.layers.conv2dTranspose({ filters: 4, kernelSize: 4, strides: 2, padding: 'same', useBias: false }),
          tf.layers.batchNormalization(),
          tf.layers.reLU(),
          tf.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh' }),
        ],
      });
      const discriminator = tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [16, 16, 1], filters: 4, kernelSize: 4, strides: 2, padding: 'same' }),
          tf.layers.leakyReLU({ alpha: 0.2 }),
          tf.layers.conv2d({ filters: 8, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 1 }),
        ],
      });
      const models = [generator, discriminator];
      models.forEach((m, i) =>
        m.setWeights(m.getWeights().map((w, j) => tf.tensor(seeded(w.size, 40 + 10 * i + j).map((v) => v * 0.3), w.shape))),
      );
      const weights = models.flatMap((m) => m.trainableWeights.map((w) => w.read() as tf.Variable));
      const { grads } = tf.variableGrads(() => {
        const z = tf.tensor2d(seeded(5 * 6, 88), [5, 6]);
        const fake = generator.apply(z, { training: true }) as tf.Tensor;
        const logits = discriminator.apply(fake, { training: true }) as tf.Tensor;
        return tf.losses.sigmoidCrossEntropy(tf.ones([5, 1]), logits) as tf.Scalar;
      }, weights);
      const out = await Promise.all(weights.map(async (w) => (await grads[w.name].data()) as Float32Array));
      tf.dispose(Object.values(grads));
      models.forEach((m) => m.dispose());
      return out;
    };
    const cpu = await gradsOnBackend('cpu');
    const wasm = await gradsOnBackend('wasm');
    expect(wasm.length).toBe(cpu.length);
    cpu.forEach((reference, i) => expectClose('tf.layers DCGAN grads', reference, wasm[i]));
  });
});
