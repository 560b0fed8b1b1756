/** The composite layers: a residual block and a U-Net block (channel widths from `unetChannels`). */
import { unetChannels } from '../../graph/layers';
import { tf, type Tensor } from '../tf';
import { batchNorm, batchNormSpecs, conv, convSpecs, convTranspose, convTransposeSpecs } from './helpers';
import type { LayerImpl, VariableSpec } from './types';

/** conv–BN–ReLU–conv–BN, plus the input. */
export const residualBlock: LayerImpl<'residualBlock'> = {
  variables: (l, input) => {
    const c = input[2];
    return [...convSpecs('conv1/', l.kernel, c, c), ...batchNormSpecs('bn1/', c), ...convSpecs('conv2/', l.kernel, c, c), ...batchNormSpecs('bn2/', c)];
  },
  apply: (x, _l, _r, vars, ctx) => {
    let y = conv(x, vars, 'conv1/', 1, 'same');
    y = tf.relu(batchNorm(y, vars, 'bn1/', 0.9, ctx));
    y = conv(y, vars, 'conv2/', 1, 'same');
    y = batchNorm(y, vars, 'bn2/', 0.9, ctx);
    return tf.add(x, y);
  },
};

/**
 * U-Net: a 3×3 conv to ch[0] (ReLU); `depth` 4×4 stride-2 convs down to ch[i] (LeakyReLU 0.2); then
 * back up, per level a 4×4 stride-2 transposed conv to ch[i−1] (ReLU), the skip of that scale
 * concatenated, and a 3×3 conv to ch[i−1] (ReLU). Output: the input's size with ch[0] channels.
 */
export const unetBlock: LayerImpl<'unetBlock'> = {
  variables: (l, input) => {
    const ch = unetChannels(l);
    const specs: VariableSpec[] = [...convSpecs('in/', 3, input[2], ch[0])];
    for (let i = 1; i < ch.length; i++) specs.push(...convSpecs(`down${i}/`, 4, ch[i - 1], ch[i]));
    for (let i = ch.length - 1; i > 0; i--) {
      specs.push(...convTransposeSpecs(`up${i}/`, 4, ch[i], ch[i - 1]));
      specs.push(...convSpecs(`merge${i}/`, 3, 2 * ch[i - 1], ch[i - 1]));
    }
    return specs;
  },
  apply: (x, l, _r, vars) => {
    const ch = unetChannels(l);
    const skips: Tensor[] = [tf.relu(conv(x, vars, 'in/', 1, 'same'))];
    for (let i = 1; i < ch.length; i++) skips.push(tf.leakyRelu(conv(skips[i - 1], vars, `down${i}/`, 2, 'same'), 0.2));
    let u = skips[ch.length - 1];
    for (let i = ch.length - 1; i > 0; i--) {
      const skip = skips[i - 1];
      u = tf.relu(convTranspose(u, vars, `up${i}/`, 2, 'same', skip.shape[1]!, skip.shape[2]!));
      u = tf.relu(conv(tf.concat([u, skip], 3), vars, `merge${i}/`, 1, 'same'));
    }
    return u;
  },
};
