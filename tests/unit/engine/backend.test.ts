import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../src/engine/backend';
import { wasmTrainingKernelNames } from '../../../src/engine/wasm-kernels';

describe('chooseBackend in Node', () => {
  it('picks wasm and says why webgpu and webgl were skipped', async () => {
    const choice = await chooseBackend({ env: 'node' });
    expect(choice.active).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.tried.map((t) => t.name)).toEqual(['webgpu', 'webgl', 'wasm']);
    const [webgpu, webgl, wasm] = choice.tried;
    expect(webgpu.ok).toBe(false);
    expect(webgpu.reason).toMatch(/WebGPU/);
    expect(webgl.ok).toBe(false);
    expect(webgl.reason).toMatch(/WebGL/);
    expect(wasm).toEqual({ name: 'wasm', ok: true, kernels: 'engine kernels' });
  });

  it('registers the wasm training kernels before using wasm', async () => {
    await chooseBackend({ env: 'node' });
    for (const name of wasmTrainingKernelNames) expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
    // A conv filter gradient, which the shipped wasm backend cannot compute.
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const grad = tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 1]));
    expect(Array.from(await grad.data())).toEqual(new Array(9).fill(4));
  });

  it("gives cpu when asked with prefer: 'cpu'", async () => {
    const choice = await chooseBackend({ env: 'node', prefer: 'cpu' });
    expect(choice).toEqual({ active: 'cpu', tried: [{ name: 'cpu', ok: true }] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it("starts at wasm with prefer: 'wasm' and can switch back after cpu", async () => {
    const choice = await chooseBackend({ env: 'node', prefer: 'wasm' });
    expect(choice).toEqual({ active: 'wasm', tried: [{ name: 'wasm', ok: true, kernels: 'engine kernels' }] });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('records a failure reason and falls back when a backend cannot start', async () => {
    // Browser order in Node: webgpu and webgl are tried for real and fail here.
    const choice = await chooseBackend({ env: 'browser', prefer: 'webgl' });
    expect(choice.tried[0].name).toBe('webgl');
    expect(choice.tried[0].ok).toBe(false);
    expect(choice.tried[0].reason).toBeTruthy();
    expect(choice.active).toBe(tf.getBackend());
    expect(['wasm', 'cpu']).toContain(choice.active);
  });
});
