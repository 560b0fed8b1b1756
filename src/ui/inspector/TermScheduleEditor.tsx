/**
 * A loss term's weight schedule inside a phase: constant, a linear ramp, a switch at a position, or
 * the DANN ramp, with its positions in iterations or shares of training.
 */
import type { PhaseTerm, ScheduleUnit, TermSchedule } from '../../graph/document';
import { t, useT } from '../i18n';
import { termScheduleText } from '../i18n/describe';
import { NumberInput, Select } from './fields';

type ScheduleType = TermSchedule['type'];
const TYPES: readonly ScheduleType[] = ['constant', 'linear', 'step', 'dann'];
const TYPE_LABELS = { constant: 'term.constant', linear: 'term.linear', step: 'term.step', dann: 'term.dann' } as const satisfies Record<ScheduleType, string>;
const UNITS: readonly ScheduleUnit[] = ['steps', 'progress'];
const UNIT_LABELS = { steps: 'term.unit.steps', progress: 'term.unit.progress' } as const satisfies Record<ScheduleUnit, string>;

/** A new schedule of a type, keeping the unit of the one it replaces. */
function scheduleOf(type: ScheduleType, unit: ScheduleUnit): TermSchedule | undefined {
  const progress = unit === 'progress';
  if (type === 'linear') return { type, from: 0, to: 1, start: 0, end: progress ? 0.5 : 1000, unit };
  if (type === 'step') return { type, at: progress ? 0.5 : 1000, before: 0, after: 1, unit };
  if (type === 'dann') return { type, gamma: 10 };
  return undefined;
}

const atLeastZero = (v: number): string | null => (v >= 0 ? null : t('term.atLeastZero'));

export function TermScheduleEditor({ term, name, onChange }: { term: PhaseTerm; name: string; onChange(schedule: TermSchedule | undefined): void }) {
  const s = term.schedule;
  const type = s?.type ?? 'constant';
  const unit = s && 'unit' in s ? s.unit : 'steps';
  useT();
  const position = (v: number) => (v < 0 ? t('term.atLeastZero') : unit === 'progress' && v > 1 ? t('term.shareAtMostOne') : null);
  const number = (label: string, value: number, apply: (v: number) => TermSchedule, validate: (v: number) => string | null = atLeastZero) => (
    <label className="term-schedule-field">
      <span>{label}</span>
      <NumberInput ariaLabel={t('term.fieldOf', { field: label, name })} value={value} validate={validate} onCommit={(v) => onChange(apply(v))} />
    </label>
  );
  return (
    <div className="term-schedule" role="group" aria-label={t('term.scheduleOf', { name })} title={termScheduleText(s)}>
      <Select<ScheduleType> ariaLabel={t('term.weightScheduleOf', { name })} value={type} options={TYPES} labels={Object.fromEntries(TYPES.map((x) => [x, t(TYPE_LABELS[x])])) as Record<ScheduleType, string>} onChange={(next) => onChange(scheduleOf(next, unit))} />
      {s?.type === 'linear' && (
        <>
          {number(t('term.from'), s.from, (v) => ({ ...s, from: v }))}
          {number(t('term.to'), s.to, (v) => ({ ...s, to: v }))}
          {number(t('term.start'), s.start, (v) => ({ ...s, start: v }), position)}
          {number(t('term.end'), s.end, (v) => ({ ...s, end: v }), position)}
        </>
      )}
      {s?.type === 'step' && (
        <>
          {number(t('term.at'), s.at, (v) => ({ ...s, at: v }), position)}
          {number(t('term.before'), s.before, (v) => ({ ...s, before: v }))}
          {number(t('term.after'), s.after, (v) => ({ ...s, after: v }))}
        </>
      )}
      {s?.type === 'dann' && number('γ', s.gamma, (v) => ({ ...s, gamma: v }), (v) => (v >= 0 && v <= 100 ? null : t('term.gammaRange')))}
      {s && 'unit' in s && <Select<ScheduleUnit> ariaLabel={t('term.unitOf', { name })} value={s.unit} options={UNITS} labels={Object.fromEntries(UNITS.map((x) => [x, t(UNIT_LABELS[x])])) as Record<ScheduleUnit, string>} onChange={(u) => onChange({ ...s, unit: u })} />}
    </div>
  );
}
