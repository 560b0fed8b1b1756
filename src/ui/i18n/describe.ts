/** Descriptions the interface composes from document data, in the current language (src/graph keeps the English ones for messages and the CLI). */
import type { TermSchedule } from '../../graph/document';
import { t } from './index';

/** "×0 → ×1 from step 0 to step 1000", as describeTermSchedule writes it, in the current language. */
export function termScheduleText(schedule: TermSchedule | undefined): string {
  if (!schedule || schedule.type === 'constant') return t('term.constant');
  if (schedule.type === 'dann') return t('term.desc.dann', { gamma: schedule.gamma });
  const where = (n: number) => (schedule.unit === 'progress' ? t('term.desc.progress', { share: Number((n * 100).toPrecision(4)) }) : t('term.desc.step', { n }));
  if (schedule.type === 'step') return t('term.desc.switch', { before: schedule.before, at: where(schedule.at), after: schedule.after });
  return t('term.desc.ramp', { from: schedule.from, to: schedule.to, start: where(schedule.start), end: where(schedule.end) });
}
