/**
 * The one place the engine imports TensorFlow.js from. Everything else in the engine imports `tf`
 * from here, so the library (and how it is loaded) can change in one spot.
 */
import * as tf from '@tensorflow/tfjs';

export { tf };
export type Tensor = tf.Tensor;
export type Variable = tf.Variable;
export type Scalar = tf.Scalar;
