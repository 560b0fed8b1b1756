/**
 * A loss term's weight schedule inside a phase: constant, a linear ramp, a switch at a position, or
 * the DANN ramp, with its positions in iterations or shares of training.
 */
import type { PhaseTerm, ScheduleUnit, TermSchedule } from '../../graph/document';
import { describeTermSchedule } from '../../graph/term-schedule';
import { NumberInput, Select } from './fields';

type ScheduleType = TermSchedule['type'];
const TYPES: readonly ScheduleType[] = ['constant', 'linear', 'step', 'dann'];
const TYPE_LABELS: Record<ScheduleType, string> = { constant: 'constant', linear: 'linear ramp', step: 'switch at', dann: 'DANN ramp' };
const UNITS: readonly ScheduleUnit[] = ['steps', 'progress'];
const UNIT_LABELS: Record<ScheduleUnit, string> = { steps: 'steps', progress: 'share of training' };

/** A new schedule of a type, keeping the unit of the one it replaces. */
function scheduleOf(type: ScheduleType, unit: ScheduleUnit): TermSchedule | undefined {
  const progress = unit === 'progress';
  if (type === 'linear') return { type, from: 0, to: 1, start: 0, end: progress ? 0.5 : 1000, unit };
  if (type === 'step') return { type, at: progress ? 0.5 : 1000, before: 0, after: 1, unit };
  if (type === 'dann') return { type, gamma: 10 };
  return undefined;
}

const atLeastZero = (v: number): string | null => (v >= 0 ? null : 'Must be at least 0');

export function TermScheduleEditor({ term, name, onChange }: { term: PhaseTerm; name: string; onChange(schedule: TermSchedule | undefined): void }) {
  const s = term.schedule;
  const type = s?.type ?? 'constant';
  const unit = s && 'unit' in s ? s.unit : 'steps';
  const position = (v: number) => (v < 0 ? 'Must be at least 0' : unit === 'progress' && v > 1 ? 'A share of training is at most 1' : null);
  const number = (label: string, value: number, apply: (v: number) => TermSchedule, validate: (v: number) => string | null = atLeastZero) => (
    <label className="term-schedule-field">
      <span>{label}</span>
      <NumberInput ariaLabel={`${label} of ${name}`} value={value} validate={validate} onCommit={(v) => onChange(apply(v))} />
    </label>
  );
  return (
    <div className="term-schedule" role="group" aria-label={`Schedule of ${name}`} title={describeTermSchedule(s)}>
      <Select<ScheduleType> ariaLabel={`Weight schedule of ${name}`} value={type} options={TYPES} labels={TYPE_LABELS} onChange={(t) => onChange(scheduleOf(t, unit))} />
      {s?.type === 'linear' && (
        <>
          {number('from ×', s.from, (v) => ({ ...s, from: v }))}
          {number('to ×', s.to, (v) => ({ ...s, to: v }))}
          {number('start', s.start, (v) => ({ ...s, start: v }), position)}
          {number('end', s.end, (v) => ({ ...s, end: v }), position)}
        </>
      )}
      {s?.type === 'step' && (
        <>
          {number('at', s.at, (v) => ({ ...s, at: v }), position)}
          {number('before ×', s.before, (v) => ({ ...s, before: v }))}
          {number('after ×', s.after, (v) => ({ ...s, after: v }))}
        </>
      )}
      {s?.type === 'dann' && number('γ', s.gamma, (v) => ({ ...s, gamma: v }), (v) => (v >= 0 && v <= 100 ? null : 'From 0 to 100'))}
      {s && 'unit' in s && <Select<ScheduleUnit> ariaLabel={`Schedule unit of ${name}`} value={s.unit} options={UNITS} labels={UNIT_LABELS} onChange={(u) => onChange({ ...s, unit: u })} />}
    </div>
  );
}
