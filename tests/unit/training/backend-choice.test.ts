/** What Auto decides from what the worker reports: which backends to time, in what order, and which wins. */
import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../../workers/training-api';
import { autoWhy, candidatesFor, decide, describeCandidate, deviceKeyOf, planWork, provisionalChoice, sizeClassOf } from '../../../src/ui/training/backend-choice';
import { planOf } from '../engine/helpers';

const swiftshader: DeviceInfo = {
  webgpu: { available: true, name: 'google swiftshader', software: true },
  webgl: { available: true, name: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)', software: true },
  cores: 2,
  isolated: true,
  agent: 'Mozilla/5.0 Chrome/146.0.0.0',
};
const gpu: DeviceInfo = { ...swiftshader, webgpu: { available: true, name: 'nvidia ampere', software: false }, webgl: { available: true, name: 'ANGLE (NVIDIA GeForce RTX 3060)', software: false } };

describe('Auto', () => {
  it('times hardware GPUs first, WASM next, software adapters last, and never CPU', () => {
    expect(candidatesFor(swiftshader).order).toEqual(['wasm', 'webgl', 'webgpu']);
    expect(candidatesFor(gpu).order).toEqual(['webgpu', 'webgl', 'wasm']);
    const noGpu = { ...swiftshader, webgpu: { available: false, software: false, reason: 'navigator.gpu is missing' } };
    const { order, notTimed } = candidatesFor(noGpu);
    expect(order).toEqual(['wasm', 'webgl']);
    expect(notTimed.map((c) => c.backend)).toEqual(['webgpu', 'cpu']);
  });

  it('chooses the fastest measured backend and says why, with every rate', () => {
    const report = decide(
      [
        { backend: 'wasm', stepsPerSecond: 61.2 },
        { backend: 'webgl', stepsPerSecond: 3.1, software: true },
        { backend: 'webgpu', below: 1.2, software: true, note: 'no result within 2.5 s' },
        { backend: 'cpu', note: 'not timed: plain JavaScript, always slower than WASM' },
      ],
      'dense-27',
      false,
    );
    expect(report.chosen).toBe('wasm');
    expect(report.why).toBe('WASM is the fastest for this graph on this device: 61.2 it/s — 19.7× WebGL. WebGL and WebGPU run on a software adapter here (no GPU).');
    expect(report.candidates.map(describeCandidate)).toEqual(['WASM 61.2 it/s', 'WebGL 3.10 it/s', 'WebGPU below 1.20 it/s', 'CPU: not timed: plain JavaScript, always slower than WASM']);
    expect(decide([{ backend: 'webgpu', stepsPerSecond: 900 }, { backend: 'wasm', stepsPerSecond: 40 }], 'conv-30', true).chosen).toBe('webgpu');
  });

  it('keys timings by device and by size class: the templates differ, the same graph at another size differs', () => {
    expect(deviceKeyOf(swiftshader)).toBe(deviceKeyOf({ ...swiftshader }));
    expect(deviceKeyOf(swiftshader)).not.toBe(deviceKeyOf(gpu));
    const small = planOf('gan-2d', { size: 'small' });
    const tiny = planOf('gan-2d', { size: 'tiny' });
    expect(planWork(small)).toBeGreaterThan(100 * planWork(tiny));
    expect(sizeClassOf(small)).toMatch(/^dense-\d+$/);
    expect(sizeClassOf(planOf('infogan', { size: 'small' }))).toMatch(/^conv-\d+$/);
    expect(sizeClassOf(small)).not.toBe(sizeClassOf(tiny));
  });

  it('starts an untimed graph at once on a provisional pick: a hardware GPU for convolutions, WASM otherwise', () => {
    const infogan = planOf('infogan', { size: 'tiny' });
    const gan2d = planOf('gan-2d', { size: 'tiny' });
    expect(provisionalChoice(gpu, infogan).chosen).toBe('webgpu');
    expect(provisionalChoice(gpu, gan2d).chosen).toBe('wasm');
    // Software adapters run on the CPU: WASM whatever the graph.
    const onSwiftshader = provisionalChoice(swiftshader, infogan);
    expect(onSwiftshader.chosen).toBe('wasm');
    expect(onSwiftshader.provisional).toBe(true);
    expect(onSwiftshader.sizeClass).toBe(sizeClassOf(infogan));
    // Every candidate is listed as not timed yet, and the sentence says when they will be.
    expect(onSwiftshader.candidates.map(describeCandidate)).toEqual(['WASM: not timed yet', 'WebGL: not timed yet', 'WebGPU: not timed yet', 'CPU: not timed: plain JavaScript, always slower than WASM']);
    expect(autoWhy(onSwiftshader)).toMatch(/^This graph’s size has not been timed on this device yet, so Auto started on WASM at once.*timed when this run pauses or ends/);
    const noWebgpu = { ...gpu, webgpu: { available: false, software: false, reason: 'navigator.gpu is missing' } };
    expect(provisionalChoice(noWebgpu, infogan).chosen).toBe('webgl');
  });
});
