import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(import.meta.url);
setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/');
await tf.setBackend('wasm');
function time(name: string, f: () => tf.Tensor, n = 10) { tf.tidy(() => f()); const t0 = performance.now(); for (let i = 0; i < n; i++) tf.tidy(() => { f(); }); const t1 = performance.now(); const r = f(); const t2 = performance.now(); r.dataSync(); const t3 = performance.now(); console.log(name, ((t1 - t0) / n).toFixed(2), 'ms; one dataSync', (t3 - t2).toFixed(2)); r.dispose(); }
const w = tf.randomNormal([784, 256]);
time('add copy', () => w.add(0));
time('transpose', () => w.transpose());
const x1 = tf.randomNormal([64, 28, 28, 1]), f1 = tf.randomNormal([4, 4, 1, 32]);
time('conv Ci=1 same s2', () => tf.conv2d(x1 as any, f1 as any, 2, 'same'));
const buf = new Float32Array(200704);
const t0 = performance.now(); for (let i = 0; i < 10; i++) tf.tensor(buf, [784, 256]).dispose(); console.log('upload', (performance.now() - t0) / 10);
