/**
 * Which messages are not translated: a Chinese message equal to its English one, unless it is
 * the same in both languages on purpose (a name, a unit, a formula) and listed here.
 */
import { en } from './en';
import type { Message, MessageKey } from './format';
import { zh } from './zh';

/** Messages that read the same in Chinese: names, symbols and formulas. */
export const SAME_IN_BOTH: ReadonlySet<MessageKey> = new Set<MessageKey>([]);

const text = (m: Message) => (typeof m === 'string' ? m : `${m.one ?? ''}|${m.other}`);

/** Keys whose Chinese is missing, empty or still the English text. */
export function untranslated(): string[] {
  const out: string[] = [];
  for (const key of Object.keys(en) as MessageKey[]) {
    const target = zh[key] as Message | undefined;
    if (target === undefined || text(target).trim() === '') out.push(`${key} (missing)`);
    else if (text(target) === text(en[key] as Message) && !SAME_IN_BOTH.has(key)) out.push(`${key} (same as English: ${JSON.stringify(text(target))})`);
  }
  return out;
}
