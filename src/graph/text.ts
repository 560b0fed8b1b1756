/**
 * User text inside messages. A document can hold anything in a string: a megabyte-long id, a
 * right-to-left override that makes the rest of a line read backwards, a zero-width space that
 * makes two different names look alike. Messages show such text cut to a readable length, with
 * every control, format and separator character written out as an escape (`\u{202E}`), so what a
 * message says is what the document holds.
 */

/** Control (Cc), format (Cf: bidi overrides, zero-width, BOM), line/paragraph separators and lone surrogates. */
const UNSEEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSEEN_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  return NAMED[ch] ?? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** Whether `text` holds a character a reader cannot see or that changes how the rest reads. */
export function hasUnseen(text: string): boolean {
  return UNSEEN.test(text);
}

/** The first such character and its position (in characters), for a message that points at it. */
export function firstUnseen(text: string): { char: string; code: string; index: number } | null {
  let index = 0;
  for (const ch of text) {
    if (UNSEEN.test(ch)) return { char: ch, code: `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, index };
    index++;
  }
  return null;
}

/**
 * `text` as a message shows it: unseen characters escaped, and cut after `max` characters with the
 * full length said, so a megabyte of text never reaches a message whole.
 */
export function shown(text: string, max = 60): string {
  let count = 0;
  let out = '';
  let at = 0;
  for (const ch of text) {
    if (count === max) {
      let total = count;
      // Counting the rest (code points) is cheap next to printing it.
      for (let i = at; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0xdc00 || c > 0xdfff) total++;
      }
      return `${out}… (${total.toLocaleString('en-US')} characters)`;
    }
    out += UNSEEN.test(ch) ? escapeOne(ch) : ch;
    at += ch.length;
    count++;
  }
  return out;
}

/** `"text"` as a message quotes a user string: escaped and cut (see `shown`). */
export function quoted(text: string, max = 60): string {
  return `"${shown(text, max)}"`;
}

/** Any value a document held where text or a number was expected, shown short and escaped. */
export function shownValue(value: unknown, max = 60): string {
  if (typeof value === 'string') return quoted(value, max);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** Escapes every unseen character of an already composed message (for text from elsewhere, e.g. an Error). */
export function escapeUnseen(text: string): string {
  return text.replace(UNSEEN_ALL, escapeOne);
}
