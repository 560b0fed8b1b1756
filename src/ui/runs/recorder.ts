/**
 * Keeps a record of every run the dock makes: started with the session (the graph as it was, the
 * settings), brought up to date as it trains (curves, step, live learning-rate and loss-weight
 * edits) at most every few seconds, and finished with its last samples and checkpoint.
 */
import { create } from 'zustand';
import { makeRunRecord, runSettings, thinCurves, type RunRecord } from '../../runs/record';
import { sampleGrid, scatterPlot } from '../../data/sample-images';
import type { LessonMetrics } from '../../lessons/types';
import { editorApi } from '../store/editor-store';
import { liveRun } from '../training/live-run';
import { messageOf } from '../training/run-facts';
import { sessions, type Session } from '../training/session';
import { useTraining, type TrainingState } from '../training/training-store';
import { runStore } from './run-store';
import { t } from '../i18n';

const SAVE_MS = 4000;

/** The runs listed by the panel (all documents, newest first), and a version bumped on every save. */
export const useRuns = create<{ runs: RunRecord[]; version: number }>()(() => ({ runs: [], version: 0 }));

let current: { session: Session; record: RunRecord } | null = null;
let lastSave = 0;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export async function refreshRuns(): Promise<void> {
  try {
    useRuns.setState({ runs: await runStore.list(), version: useRuns.getState().version + 1 });
  } catch (e) {
    console.warn(t('runs.unavailable', { reason: messageOf(e) }));
  }
}

/** The last samples as a PNG data URL (images as a grid, 2-D points as a scatter). */
function samplesPng(): { step: number; png: string } | undefined {
  const s = liveRun.sample;
  if (!s || s.kind === 'vectors' || typeof document === 'undefined') return undefined;
  const image = s.kind === 'images' ? sampleGrid(s.data.slice(0, Math.min(s.data.length, 64 * (s.shape[1] * s.shape[2] * s.shape[3]))), [Math.min(s.shape[0], 64), ...s.shape.slice(1)], s.range) : scatterPlot(s.real ?? new Float32Array(0), s.fake, 240);
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height), 0, 0);
  return { step: s.step, png: canvas.toDataURL('image/png') };
}

function update(state: TrainingState, final: boolean): void {
  if (!current) return;
  const { session, record } = current;
  record.step = state.step;
  record.curves = thinCurves(liveRun.series.snapshot());
  record.settings = { ...runSettings(session.plan, state.backend?.active ?? record.settings.backend, { learningRates: session.lrs, lossWeights: session.lossWeights }), ...(state.stepsPerSecond > 0 ? { stepsPerSecond: state.stepsPerSecond } : {}) };
  if (!final && state.status === 'running') record.status = 'running';
  if (final) {
    record.endedAt = Date.now();
    record.status = state.status === 'failed' ? 'failed' : state.step >= session.plan.steps ? 'done' : 'stopped';
    const samples = samplesPng();
    if (samples) record.samples = samples;
    const checkpoint = state.checkpoints.find((c) => c.docKey === session.docKey && c.step <= state.step);
    if (checkpoint) record.checkpoint = { step: checkpoint.step, id: checkpoint.id };
    if (state.message?.tone === 'error') record.error = `${state.message.title}: ${state.message.text}`;
  }
  save();
}

function save(): void {
  clearTimeout(saveTimer);
  if (!current) return;
  const record = structuredClone(current.record);
  lastSave = performance.now();
  void runStore.put(record).then(refreshRuns, (e) => console.warn(t('runs.keepFailed', { reason: messageOf(e) })));
}

function begin(session: Session, state: TrainingState): void {
  const doc = editorApi.getState().doc;
  const record = makeRunRecord({
    id: `app:${session.docKey}:${Date.now()}:${session.id}`,
    source: 'app',
    title: doc.meta.title,
    startedAt: Date.now(),
    status: 'running',
    step: state.step,
    settings: runSettings(session.plan, state.backend?.active ?? '', { learningRates: session.lrs, lossWeights: session.lossWeights }),
    document: structuredClone(doc),
    curves: { steps: [], values: {} },
  });
  current = { session, record };
  save();
}

/** A lesson's figures, computed for the current run: kept with it. */
export function noteFigures(view: string, metrics: LessonMetrics): void {
  if (!current || sessions.current !== current.session) return;
  current.record.figures = { view, step: useTraining.getState().step, metrics: structuredClone(metrics) };
  save();
}

let installed = false;

export function installRunRecorder(): void {
  if (installed) return;
  installed = true;
  void refreshRuns();
  useTraining.subscribe((s, prev) => {
    const session = sessions.current;
    if (session && session.load && current?.session !== session && s.status !== 'loading') begin(session, s);
    if (!current || current.session !== session) return;
    const ended = (s.status === 'done' || s.status === 'failed' || s.status === 'paused') && s.status !== prev.status;
    if (ended) update(s, true);
    else if (s.step !== prev.step || s.checkpoints !== prev.checkpoints) {
      if (performance.now() - lastSave > SAVE_MS) update(s, false);
      else {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(() => update(useTraining.getState(), false), SAVE_MS);
      }
    }
  });
}

export async function importRecord(record: RunRecord): Promise<void> {
  await runStore.put(record);
  await refreshRuns();
}

export async function removeRun(id: string): Promise<void> {
  await runStore.remove(id);
  await refreshRuns();
}
