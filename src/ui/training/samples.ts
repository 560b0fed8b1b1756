/**
 * The sample grid's pictures and the memory readout, taken from the worker as training moves on:
 * the plan's `samples` output (images, 2-D points with the real data beside them, or vectors).
 */
import type { Plan } from '../../compiler/plan';
import { liveRun } from './live-run';
import { messageOf } from './run-facts';
import { sessions, type Session } from './session';
import { setTraining, useTraining } from './training-store';
import { WorkerCrashedError } from './worker-client';
import { t } from '../i18n';

/** Samples refresh every N steps, and at least this often while steps are slow. */
export const SAMPLE_MIN_MS = 2500;

/** Takes a new sample for the grid (unless one for this step exists; `force` takes one anyway). */
export async function refreshSample(session: Session, force = false): Promise<void> {
  const gen = session.plan.samples;
  if (!gen || !sessions.isCurrent(session)) return;
  if (session.sampling) {
    // The end of a run must not be dropped because a sample was in flight: take it right after.
    if (force) session.resample = true;
    return;
  }
  const step = useTraining.getState().step;
  if (!force && step === session.lastSampleStep) return;
  session.sampling = true;
  session.lastSampleStep = step;
  session.lastSampleTime = performance.now();
  try {
    const count = gen.kind === 'points' ? 512 : sampleCount(session.plan, gen.node, gen.port);
    const out = await session.client.call((api) => api.sample(gen.node, gen.port, count));
    const real = gen.real;
    if (gen.kind === 'points' && real && !session.realPoints) {
      session.realPoints = (await session.client.call((api) => api.sample(real.node, real.port, 512))).data;
    }
    if (!sessions.isCurrent(session)) return;
    if (gen.kind === 'points') liveRun.sample = { kind: 'points', step, fake: out.data, real: session.realPoints };
    else if (gen.kind === 'images') liveRun.sample = { kind: 'images', step, data: out.data, shape: out.shape, range: gen.range ?? rangeOf(out.data) };
    else liveRun.sample = { kind: 'vectors', step, data: out.data, shape: out.shape };
    setTraining({ sampleVersion: useTraining.getState().sampleVersion + 1 });
  } catch (e) {
    if (!(e instanceof WorkerCrashedError) && sessions.isCurrent(session)) console.warn(t('train.samplingFailed', { reason: messageOf(e) }));
  } finally {
    session.sampling = false;
    if (session.resample) {
      session.resample = false;
      if (useTraining.getState().step !== session.lastSampleStep) void refreshSample(session, true);
    }
  }
}

/** Whether a sample is due after a readback at `step`. */
export function sampleDue(session: Session, step: number): boolean {
  return step - session.lastSampleStep >= useTraining.getState().settings.sampleEvery || (step > session.lastSampleStep && performance.now() - session.lastSampleTime > SAMPLE_MIN_MS);
}

export async function refreshMemory(session: Session): Promise<void> {
  try {
    const memory = await session.client.call((api) => api.memory());
    if (sessions.isCurrent(session)) setTraining({ memory });
  } catch {
    /* shown again with the next metrics */
  }
}

function sampleCount(plan: Plan, node: string, port: string): number {
  const dims = plan.nodes.find((n) => n.id === node)?.outputs[port]?.dims ?? [];
  const pixels = (dims[0] ?? 1) * (dims[1] ?? 1);
  return pixels <= 32 * 32 ? 64 : 36;
}

/** For images whose range the plan does not know: signed when any value is clearly below 0. */
function rangeOf(data: Float32Array): [number, number] {
  let min = Infinity;
  for (let i = 0; i < data.length; i++) if (data[i] < min) min = data[i];
  return min < -0.05 ? [-1, 1] : [0, 1];
}
