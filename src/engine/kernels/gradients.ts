/**
 * Gradients of Sum and Mean with the same arithmetic as TF.js's own (dy broadcast by a multiply
 * with ones, then divided by the count for Mean), but with the ones made by the backend's Fill
 * kernel: TF.js builds them as a JavaScript array the size of x and uploads it, on every step,
 * for every reduction in the loss and in batch normalisation. The values are the same ones, so
 * results are bit-identical on every backend.
 */
import * as tf from '@tensorflow/tfjs';

function expandedShape(x: tf.Tensor, axis: number | number[]): { shape: number[]; count: number } {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const shape = x.shape.slice();
  let count = 1;
  for (const a of axes) {
    count *= shape[a];
    shape[a] = 1;
  }
  return { shape, count };
}

const sumGrad: tf.GradConfig = {
  kernelName: 'Sum',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { shape } = expandedShape(x, (attrs as unknown as { axis: number | number[] }).axis);
    const derX = tf.mul(tf.reshape(dy as tf.Tensor, shape), tf.fill(x.shape, 1, 'float32'));
    return { x: () => derX };
  },
};

const meanGrad: tf.GradConfig = {
  kernelName: 'Mean',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const { shape, count } = expandedShape(x, (attrs as unknown as { axis: number | number[] }).axis);
    return { x: () => tf.div(tf.mul(tf.reshape(dy as tf.Tensor, shape), tf.fill(x.shape, 1, 'float32')), count) };
  },
};

let registered = false;

export function registerGradientOverrides(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient(sumGrad);
  tf.registerGradient(meanGrad);
}
