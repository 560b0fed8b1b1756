import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerWasmTrainingKernels, setConv2DBackpropInputStrategy, setFastTransposedMatMul } from './src/engine/wasm-kernels';
const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
registerWasmTrainingKernels();
await tf.setBackend('wasm');
function onBoth(f: () => tf.Tensor): [Float32Array, Float32Array] {
  tf.setBackend('cpu'); const c = f().dataSync() as Float32Array;
  tf.setBackend('wasm'); const w = f().dataSync() as Float32Array;
  return [c, w];
}
function relErr([c, w]: [Float32Array, Float32Array]) { let m = 0, d = 0; for (let i = 0; i < c.length; i++) { m = Math.max(m, Math.abs(c[i])); d = Math.max(d, Math.abs(c[i] - w[i])); } return c.length === w.length ? d / m : NaN; }
const rnd = (s: number[], seed: number) => { const n = s.reduce((a, b) => a * b, 1); const v = new Float32Array(n); let x = seed; for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) % 2147483648; v[i] = x / 2147483648 - 0.5; } return v; };
for (const [xs, fs, st, pad] of [[[2,9,7,3],[3,3,3,4],1,'same'],[[2,9,7,3],[3,3,3,4],2,'valid'],[[1,10,11,8],[4,4,8,3],3,'same'],[[3,8,8,1],[4,4,1,5],2,'same'],[[2,9,7,3],[3,2,3,4],2,[[0,0],[1,2],[0,1],[0,0]]]] as any[]) {
  const dyShape = tf.tidy(() => tf.conv2d(tf.zeros(xs) as tf.Tensor4D, tf.zeros(fs) as tf.Tensor4D, st, pad).shape);
  const x = rnd(xs, 1), f = rnd(fs, 2), dy = rnd(dyShape, 3);
  const bf = onBoth(() => tf.conv2dTranspose ? (tf as any).engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor(x, xs), dy: tf.tensor(dy, dyShape) }, { strides: st, pad, dataFormat: 'NHWC', filterShape: fs }) : null as any);
  const res: string[] = [];
  for (const s of ['original', 'zero-dilated', 'pixel-shuffle'] as const) {
    setConv2DBackpropInputStrategy(s);
    res.push(s + ' ' + relErr(onBoth(() => (tf as any).engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor(dy, dyShape), filter: tf.tensor(f, fs) }, { strides: st, pad, dataFormat: 'NHWC', inputShape: xs }))).toExponential(2));
  }
  console.log(JSON.stringify(xs), JSON.stringify(fs), st, JSON.stringify(pad), 'filter', relErr(bf).toExponential(2), res.join(' '));
}
// timing
function time(name: string, f: () => tf.Tensor, n = 10) { tf.tidy(() => { f().dataSync(); }); const t0 = performance.now(); for (let i = 0; i < n; i++) tf.tidy(() => { f().dataSync(); }); console.log(name, ((performance.now() - t0) / n).toFixed(2), 'ms'); }
tf.setBackend('wasm');
const cases = [ ['convT1', [64,14,14,32], [4,4,32,64], [64,7,7,64]], ['convT2', [64,28,28,1], [4,4,1,32], [64,14,14,32]], ['D1', [64,28,28,1],[4,4,1,32],[64,14,14,32]], ['D2',[64,14,14,32],[4,4,32,64],[64,7,7,64]]] as const;
for (const [name, xs, fs, dys] of cases) {
  const x = tf.tensor(rnd(xs as any, 1), xs as any), f = tf.tensor(rnd(fs as any, 2), fs as any), dy = tf.tensor(rnd(dys as any, 3), dys as any);
  time(name + ' conv2d fwd', () => tf.conv2d(x as any, f as any, 2, 'same'));
  for (const s of ['original', 'zero-dilated', 'pixel-shuffle'] as const) { setConv2DBackpropInputStrategy(s); time(name + ' bpInput ' + s, () => (tf as any).engine().runKernel('Conv2DBackpropInput', { dy, filter: f }, { strides: 2, pad: 'same', dataFormat: 'NHWC', inputShape: xs })); }
  for (const fast of [false, true]) { setFastTransposedMatMul(fast); time(name + ' bpFilter fastMM=' + fast, () => (tf as any).engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: fs })); }
}
const a = tf.randomNormal([64, 784]), b = tf.randomNormal([64, 256]), w = tf.randomNormal([784, 256]);
for (const fast of [false, true]) { setFastTransposedMatMul(fast);
  time('mm aTb fast=' + fast, () => tf.matMul(a, b, true, false));
  time('mm abT fast=' + fast, () => tf.matMul(b, w, false, true));
  time('mm ab fast=' + fast, () => tf.matMul(a, w));
}
console.log(tf.memory().numTensors);
