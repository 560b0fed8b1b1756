/** A loss that becomes NaN stops training and says which loss of which phase; readings stay batched. */
import { describe, expect, it } from 'vitest';
import { classifyError, type EngineEvent } from '../../../src/engine/index';
import { NODE_EVALUATORS } from '../../../src/engine/nodes/index';
import { applyVariant } from '../../../src/graph/variants';
import { loadTemplate } from '../helpers';
import { engineOf, planOf } from './helpers';

/** DANN without its bounded features: at lr 1e4 the features blow up within a few steps. */
function explosive(name: string) {
  const doc = applyVariant(loadTemplate(name), 'unbounded-features');
  for (const p of doc.phases) p.optimizer.lr = 1e4;
  return planOf(doc, { size: 'tiny', steps: 50 });
}

describe('failures', () => {
  it('DANN with lr 1e4 stops with a "nan" error naming the phase and the loss term', async () => {
    const engine = await engineOf(explosive('dann'), 'wasm');
    const events: EngineEvent[] = [];
    const result = await engine.run({ logEvery: 5, listener: (e) => void events.push(e) });
    expect(result.status).toBe('error');
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ type: 'error', code: 'nan', phase: 'train', loss: 'L_y' });
    expect(error && 'message' in error && error.message).toMatch(/loss "digit loss \(source\)" \(L_y\) of phase "Train" \(train\) became NaN or infinite at step \d+/);
    // Stopped at the first readback after the failure, not at the end.
    expect(result.step).toBeLessThan(50);
    expect(events.some((e) => e.type === 'done')).toBe(false);
    engine.dispose();
  });

  it('metrics arrive only every logEvery steps, as window means', async () => {
    const engine = await engineOf(planOf('gan-2d', { size: 'tiny', steps: 12 }), 'cpu');
    const steps: number[] = [];
    await engine.run({ logEvery: 5, listener: (e) => void (e.type === 'metrics' && steps.push(e.step)) });
    expect(steps).toEqual([5, 10, 12]);
    engine.dispose();
  });

  it('pause, resume and stop act between iterations', async () => {
    const engine = await engineOf(planOf('gan-2d', { size: 'tiny', steps: 40 }), 'cpu');
    let paused = false;
    const run = engine.run({
      logEvery: 2,
      listener: (e) => {
        if (e.type === 'metrics' && e.step === 4 && !paused) {
          paused = true;
          engine.pause();
          setTimeout(() => {
            expect(engine.step).toBe(4);
            engine.resume();
          }, 30);
        }
        if (e.type === 'metrics' && e.step === 10) engine.stop();
      },
    });
    const result = await run;
    expect(result).toMatchObject({ status: 'stopped', step: 10 });
    engine.dispose();
  });

  it('whenPaused answers with the step the run stands still at, even with readings running behind', async () => {
    const engine = await engineOf(planOf('gan-2d', { size: 'tiny', steps: 40 }), 'cpu');
    expect(await engine.whenPaused()).toBe(0); // no run: at once
    let stood: Promise<number> | undefined;
    const run = engine.run({
      logEvery: 2,
      readBehind: true,
      listener: (e) => {
        if (e.type === 'metrics' && e.step === 4 && !stood) {
          engine.pause();
          stood = engine.whenPaused();
        }
      },
    });
    await expect.poll(() => stood).toBeDefined();
    const step = await stood!;
    // Readings run a window behind: the run stood still past the reading that paused it.
    expect(step).toBeGreaterThan(4);
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.step).toBe(step);
    expect(await engine.whenPaused()).toBe(step); // already standing: at once
    engine.stop();
    expect(await run).toMatchObject({ status: 'stopped', step });
    engine.dispose();
  });

  it('one phase at a time: stepPhase updates only that phase, flushMetrics reads its losses', async () => {
    const engine = await engineOf(planOf('gan-2d', { size: 'tiny', steps: 10 }), 'cpu');
    const before = await engine.weights();
    expect(await engine.flushMetrics()).toBeUndefined();
    engine.stepPhase('d');
    const losses = await engine.flushMetrics();
    expect(Object.keys(losses!).sort()).toEqual(['L_fake', 'L_real', 'd']);
    const after = await engine.weights();
    expect(after['D/0/kernel']).not.toEqual(before['D/0/kernel']);
    expect(after['G/0/kernel']).toEqual(before['G/0/kernel']);
    expect(engine.step).toBe(0);
    engine.dispose();
  });

  it('learning rates and loss weights change while training', async () => {
    const plan = planOf('gan-2d', { size: 'tiny', steps: 10 });
    const a = await engineOf(plan, 'cpu');
    a.setLossWeight('L_fake', 0);
    const losses: Record<string, number>[] = [];
    await a.run({ steps: 1, logEvery: 1, listener: (e) => void (e.type === 'metrics' && losses.push(e.losses)) });
    expect(losses[0].d).toBeCloseTo(losses[0].L_real, 6);
    expect(() => a.setLearningRate('nope', 1)).toThrow(/no phase/);
    a.dispose();
  });
});

describe('allocation failures and lost devices', () => {
  it('classifies errors by their message', () => {
    expect(classifyError(new RangeError('Array buffer allocation failed')).code).toBe('oom');
    expect(classifyError(new Error('Failed to allocate 1.2 GB on the GPU')).code).toBe('oom');
    expect(classifyError(new Error('WebGL context lost')).code).toBe('device-lost');
    expect(classifyError(new Error('GPU device was lost: destroyed')).code).toBe('device-lost');
    expect(classifyError(new Error('something else')).code).toBe('error');
    expect(classifyError(new RangeError('Array buffer allocation failed')).message).toMatch(/^out of memory: .*smaller size/);
  });

  it('an allocation failure mid-run stops with code "oom"; what was saved before stays loadable', async () => {
    const plan = planOf('gan-2d', { size: 'tiny', steps: 20 });
    const engine = await engineOf(plan, 'cpu');
    await engine.run({ steps: 4, logEvery: 2 });
    const saved = await engine.saveState();
    const tensorsBefore = engine.memory().tensors;
    const noise = NODE_EVALUATORS.Noise;
    const original = noise.evaluate;
    let calls = 0;
    noise.evaluate = (inputs, ctx) => {
      if (++calls === 3) throw new RangeError('Array buffer allocation failed');
      return original(inputs, ctx);
    };
    const events: EngineEvent[] = [];
    try {
      const result = await engine.run({ logEvery: 2, listener: (e) => void events.push(e) });
      expect(result.status).toBe('error');
      expect(events.at(-1)).toMatchObject({ type: 'error', code: 'oom' });
    } finally {
      noise.evaluate = original;
    }
    // The failed step left no tensors behind, and the saved state restores.
    expect(engine.memory().tensors).toBe(tensorsBefore);
    const fresh = await engineOf(plan, 'cpu');
    fresh.loadState(saved);
    expect(fresh.step).toBe(4);
    expect((await fresh.run({ steps: 2, logEvery: 1 })).status).toBe('done');
    fresh.dispose();
    engine.dispose();
  });
});

describe('metrics read back a window behind', () => {
  it('report every window, one window late, with the same numbers as reading each at once', async () => {
    const plan = planOf('gan-2d', { size: 'tiny', steps: 12 });
    const runWith = async (readBehind: boolean) => {
      const engine = await engineOf(plan, 'cpu');
      const seen: { at: number; step: number; losses: Record<string, number> }[] = [];
      const result = await engine.run({ logEvery: 5, readBehind, listener: (e) => void (e.type === 'metrics' && seen.push({ at: engine.step, step: e.step, losses: e.losses })) });
      engine.dispose();
      return { result, seen };
    };
    const now = await runWith(false);
    const behind = await runWith(true);
    expect(behind.result).toMatchObject({ status: 'done', step: 12 });
    expect(behind.seen.map((s) => s.step)).toEqual([5, 10, 12]);
    expect(behind.seen.map((s) => s.losses)).toEqual(now.seen.map((s) => s.losses));
    // Reported while the next window trained: at step 10 for the window that ended at 5.
    expect(now.seen.map((s) => s.at)).toEqual([5, 10, 12]);
    expect(behind.seen.map((s) => s.at)).toEqual([10, 12, 12]);
  });

  it('a NaN is still reported at the step it happened', async () => {
    const plan = planOf('gan-2d', { size: 'tiny', steps: 30 });
    const engine = await engineOf(plan, 'cpu');
    engine.setLearningRate('d', 1e30);
    const result = await engine.run({ logEvery: 3, readBehind: true });
    expect(result.status).toBe('error');
    const reported = Number(/at step (\d+)/.exec(result.error!.message)?.[1]);
    const again = await engineOf(plan, 'cpu');
    again.setLearningRate('d', 1e30);
    const direct = await again.run({ logEvery: 3, readBehind: false });
    expect(reported).toBe(Number(/at step (\d+)/.exec(direct.error!.message)?.[1]));
    expect(result.step).toBeGreaterThanOrEqual(direct.step);
    engine.dispose();
    again.dispose();
  });
});
