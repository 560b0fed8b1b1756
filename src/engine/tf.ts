/**
 * TensorFlow.js as the engine's tensor code uses it: layers, evaluators, phases and checkpoints
 * import `tf` from here. The modules that set TF.js up — choosing and registering backends
 * (backend.ts) and adding kernels to the WASM backend (wasm-kernels.ts) — import the packages
 * they configure directly. Nothing outside src/engine and the worker imports TF.js (a test checks).
 */
import * as tf from '@tensorflow/tfjs';

export { tf };
export type Tensor = tf.Tensor;
export type Variable = tf.Variable;
export type Scalar = tf.Scalar;
