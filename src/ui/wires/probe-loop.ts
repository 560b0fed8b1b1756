/**
 * Reads the watched wires from the training worker: once after every step while no run is going
 * (a Step, a pause), and while training at the pace `cadence.ts` allows, one probe at a time.
 */
import type { WireProbe } from '../../../workers/training-api';
import { t } from '../i18n';
import { messageOf } from '../training/run-facts';
import { sessions } from '../training/session';
import { useTraining } from '../training/training-store';
import { WorkerCrashedError } from '../training/worker-client';
import { probeDelay } from './cadence';
import { setReading, useWires, watchedWires, wireKey, type WireRef } from './wire-store';

let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight = false;
let again = false;
/** When the last probe finished, and how long it took in the worker. */
let lastDone = 0;
let lastMs = 0;

function due(ref: WireRef, sessionId: number, step: number): boolean {
  const r = useWires.getState().readings[wireKey(ref)];
  return !r || r.session !== sessionId || (r.probe ? r.probe.step !== step : false);
}

async function tick(): Promise<void> {
  timer = undefined;
  if (inFlight) {
    again = true;
    return;
  }
  const wires = watchedWires();
  if (!wires.length) return;
  const session = sessions.current;
  const { status } = useTraining.getState();
  if (!session || !session.client.alive || !session.load || status === 'loading' || status === 'idle' || status === 'failed') {
    // Not the session's reading: once the session can answer, every wire is due.
    for (const ref of wires) setReading(ref, { session: -1, error: t('wires.noRun') });
    return;
  }
  const running = status === 'running';
  const wait = probeDelay(lastMs, running) - (performance.now() - lastDone);
  if (wait > 0) {
    schedule(wait);
    return;
  }
  inFlight = true;
  try {
    for (const ref of wires) {
      if (!due(ref, session.id, useTraining.getState().step)) continue;
      const node = session.plan.nodes.find((n) => n.id === ref.node);
      if (!node?.outputs[ref.port]) {
        setReading(ref, { session: session.id, error: t('wires.notInRun') });
        continue;
      }
      let probe: WireProbe;
      try {
        probe = await session.client.call((api) => api.probe(ref.node, ref.port));
      } catch (e) {
        if (e instanceof WorkerCrashedError) return;
        setReading(ref, { session: session.id, error: messageOf(e) });
        continue;
      }
      if (sessions.current !== session) return;
      lastMs = probe.ms;
      lastDone = performance.now();
      setReading(ref, { session: session.id, probe });
      // While training, one wire per turn: the next waits its share of the worker's time.
      if (useTraining.getState().status === 'running') break;
    }
  } finally {
    inFlight = false;
  }
  if (again || useTraining.getState().status === 'running' || wires.some((r) => due(r, session.id, useTraining.getState().step))) {
    again = false;
    schedule(probeDelay(lastMs, useTraining.getState().status === 'running'));
  }
}

function schedule(ms = 0): void {
  if (timer !== undefined) {
    if (ms > 0) return;
    clearTimeout(timer);
  }
  timer = setTimeout(() => void tick(), ms);
}

let installed = false;

/** Starts reading wires when they are watched and the run moves on. */
export function installWireProbes(): void {
  if (installed) return;
  installed = true;
  useWires.subscribe((s, prev) => {
    if (s.pinned !== prev.pinned || s.hover?.ref.node !== prev.hover?.ref.node || s.hover?.ref.port !== prev.hover?.ref.port) schedule();
  });
  useTraining.subscribe((s, prev) => {
    if (s.step !== prev.step || s.status !== prev.status) schedule(s.status === 'running' ? probeDelay(lastMs, true) : 0);
  });
}
