/**
 * Lecture mode: the canvas full-window in large type, chosen panels hidden, and an iteration
 * walked phase by phase — each press runs the next phase on one batch, lights what it updates and
 * shows its loss formula with this step's values. UI state only.
 */
import { create } from 'zustand';
import { compilePlan } from '../../compiler/compile';
import { FormulaWriter, weighted } from '../../graph/formula';
import type { Plan } from '../../compiler/plan';
import { currentLocale, t } from '../i18n';
import { documentText } from '../i18n/document-text';
import { toast } from '../store/actions';
import { editorApi } from '../store/editor-store';
import { planForTraining } from '../training/compile-gate';
import { trainingController } from '../training/controller';
import { liveRun } from '../training/live-run';
import { phaseCycle } from '../training/phase-cycle';
import { useTraining } from '../training/training-store';
import { setLocale } from '../i18n';
import { lectureFromHash, type LectureFlags, type LecturePanel } from './lecture-link';

export interface PhaseCard {
  id: string;
  name: string;
  /** The networks it updates, as the canvas names them. */
  updates: string[];
  terms: { loss: string; formula: string; value?: number }[];
  total?: number;
  /** The iteration these values are from (1-based), once the phase has run. */
  iteration?: number;
}

export interface LectureState {
  on: boolean;
  hide: LecturePanel[];
  /** The phases of the open graph, as cards (values filled in as they run). */
  cards: PhaseCard[];
  /** The phase the next press runs. */
  next: number;
  /** The card shown (null: the introduction). */
  shown: number | null;
  busy: boolean;
}

export const useLecture = create<LectureState>()(() => ({ on: false, hide: [], cards: [], next: 0, shown: null, busy: false }));

function cardsOf(plan: Plan): PhaseCard[] {
  const writer = new FormulaWriter(plan.nodes);
  const text = documentText(editorApi.getState().doc, currentLocale());
  const label = (id: string) => {
    const n = plan.nodes.find((x) => x.id === id);
    return (n && text.nodeLabel({ id: n.id, label: n.label })) || id;
  };
  return plan.phases.map((p) => ({
    id: p.id,
    name: text.phaseName(p),
    updates: p.updates.map(label),
    terms: p.terms.map((term) => ({ loss: term.loss, formula: weighted(term.weight, writer.of(term.loss, 'loss')) })),
  }));
}

/** Enters lecture mode with these panels hidden. */
export function startLecture(flags: Pick<LectureFlags, 'hide'>): void {
  const compiled = compilePlan(editorApi.getState().doc);
  const plan = compiled.ok ? compiled.plan : null;
  useLecture.setState({ on: true, hide: [...flags.hide], cards: plan ? cardsOf(plan) : [], next: 0, shown: null, busy: false });
  editorApi.getState().setUi((ui) => ({ fitRequest: ui.fitRequest + 1 }));
}

export function stopLecture(): void {
  useLecture.setState({ on: false, busy: false });
  phaseCycle.show(null, 0);
  editorApi.getState().setUi((ui) => ({ fitRequest: ui.fitRequest + 1 }));
}

/** The last reading of each key at the newest step (the phase just run). */
function lastReading(keys: string[]): Record<string, number | undefined> {
  const xs = liveRun.series.xs();
  const n = xs.length;
  const out: Record<string, number | undefined> = {};
  for (const k of keys) {
    const col = liveRun.series.column(k);
    const v = col && n > 0 ? col[n - 1] : NaN;
    out[k] = Number.isFinite(v) ? v : undefined;
  }
  return out;
}

/** Runs the next phase on one batch and shows its card with this step's values. */
export async function stepNextPhase(): Promise<void> {
  const state = useLecture.getState();
  if (state.busy) return;
  const plan = planForTraining(editorApi.getState().doc);
  if (!plan || !plan.phases.length) return;
  const cards = cardsOf(plan).map((c, i) => ({ ...c, ...(state.cards[i]?.id === c.id ? { terms: c.terms.map((term, j) => ({ ...term, value: state.cards[i].terms[j]?.value })), total: state.cards[i].total, iteration: state.cards[i].iteration } : {}) }));
  const index = Math.min(state.next, plan.phases.length - 1);
  const phase = plan.phases[index];
  const last = index === plan.phases.length - 1;
  useLecture.setState({ busy: true, cards, shown: index });
  phaseCycle.show(phase.id, 600_000);
  const iteration = useTraining.getState().step + 1;
  try {
    await trainingController.step(phase.id, { repeats: phase.repeats, endsIteration: last });
  } finally {
    useLecture.setState({ busy: false });
  }
  if (useTraining.getState().status === 'failed') return;
  const values = lastReading([...phase.terms.map((term) => term.loss), phase.id]);
  const done = cards.map((c, i) => (i === index ? { ...c, terms: c.terms.map((term) => ({ ...term, value: values[term.loss] })), total: values[phase.id], iteration } : c));
  useLecture.setState({ cards: done, shown: index, next: last ? 0 : index + 1 });
  phaseCycle.show(phase.id, 600_000);
  if (last) toast(t('lecture.iterationDone', { step: useTraining.getState().step }), 'success');
}

/** Shows the previous (or next) phase's card without running anything. */
export function showCard(delta: -1 | 1): void {
  const { cards, shown } = useLecture.getState();
  if (!cards.length) return;
  const at = Math.max(0, Math.min(cards.length - 1, (shown ?? 0) + delta));
  useLecture.setState({ shown: at });
  phaseCycle.show(cards[at].id, 600_000);
}

/** A link with lecture flags opens in lecture mode, with its panels hidden and in its language. */
export function openLectureFromLink(hash: string): void {
  const flags = lectureFromHash(hash);
  if (!flags) return;
  if (flags.lang) setLocale(flags.lang);
  startLecture(flags);
}
