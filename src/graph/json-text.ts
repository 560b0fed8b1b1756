/**
 * Reading JSON text that may be hostile. `scanJson` walks the text once, without recursion, and
 * finds the first thing that is not JSON — or nests deeper than a limit — with its line and column
 * and a message a person can act on (`NaN is not a JSON number`, `comments are not allowed in
 * JSON`). The engine's own JSON.parse says none of this for these cases, and a deep enough nesting
 * would exhaust the stack of anything recursive that runs after it.
 */
import { shown } from './text';

export interface JsonProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters of the line. */
  column: number;
  offset: number;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** What the scanner expects next. */
const Want = { Value: 0, ValueOrClose: 1, Key: 2, KeyOrClose: 3, Colon: 4, CommaOrClose: 5, End: 6 } as const;
type Want = (typeof Want)[keyof typeof Want];

const WORDS: [string, string][] = [
  ['NaN', 'NaN is not a JSON number; write a number or null'],
  ['-Infinity', '-Infinity is not a JSON number; write a number or null'],
  ['Infinity', 'Infinity is not a JSON number; write a number or null'],
  ['+Infinity', 'Infinity is not a JSON number; write a number or null'],
  ['undefined', 'undefined is not a JSON value; write null or leave the field out'],
];

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The first problem of `text` as JSON (syntax, or nesting deeper than `maxDepth`), or null when it is well-formed. */
export function scanJson(text: string, maxDepth: number): JsonProblem | null {
  const stack: number[] = []; // 123 '{' or 91 '['
  let want: Want = Want.Value;
  let i = 0;
  const n = text.length;
  const fail = (message: string, at = i): JsonProblem => ({ message, ...lineColumn(text, at), offset: at });
  const describe = (at: number) => {
    if (at >= n) return 'the end of the text';
    const c = text.codePointAt(at)!;
    return c < 32 || c > 126 ? `character ${shown(String.fromCodePoint(c))}` : `"${String.fromCodePoint(c)}"`;
  };

  while (true) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) return fail('comments are not allowed in JSON');

    if (want === Want.End) return fail(`unexpected ${describe(i)} after the end of the JSON value`);

    if (want === Want.Colon) {
      if (c !== 58) return fail(`expected ":" after the key, found ${describe(i)}`);
      i++;
      want = Want.Value;
      continue;
    }

    if (want === Want.CommaOrClose) {
      const top = stack[stack.length - 1];
      if (c === 44) {
        i++;
        want = top === 123 ? Want.Key : Want.Value;
        // A comma straight before the close is a trailing comma.
        let j = i;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        const next = text.charCodeAt(j);
        if (next === 125 || next === 93) return fail('a trailing comma is not allowed in JSON', i - 1);
        continue;
      }
      if ((c === 125 && top === 123) || (c === 93 && top === 91)) {
        stack.pop();
        i++;
        want = stack.length ? Want.CommaOrClose : Want.End;
        continue;
      }
      return fail(`expected "," or "${top === 123 ? '}' : ']'}", found ${describe(i)}`);
    }

    if (want === Want.Key || want === Want.KeyOrClose) {
      if (c === 125 && want === Want.KeyOrClose) {
        stack.pop();
        i++;
        want = stack.length ? Want.CommaOrClose : Want.End;
        continue;
      }
      if (c === 39) return fail('keys must be in double quotes ("), not single quotes');
      if (c !== 34) return fail(`expected a key in double quotes, found ${describe(i)}`);
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.message, end.at);
      i = end;
      want = Want.Colon;
      continue;
    }

    // A value (or, just after "[", the close).
    if (c === 93 && want === Want.ValueOrClose) {
      stack.pop();
      i++;
      want = stack.length ? Want.CommaOrClose : Want.End;
      continue;
    }
    if (c === 123 || c === 91) {
      if (stack.length >= maxDepth) return fail(`the JSON nests deeper than ${maxDepth} levels`);
      stack.push(c);
      i++;
      want = c === 123 ? Want.KeyOrClose : Want.ValueOrClose;
      continue;
    }
    if (c === 34) {
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.message, end.at);
      i = end;
    } else if (c === 45 || isDigit(c)) {
      const end = scanNumber(text, i);
      if (typeof end !== 'number') {
        const word = WORDS.find(([w]) => text.startsWith(w, i));
        return fail(word ? word[1] : end.message, word ? i : end.at);
      }
      i = end;
    } else if (text.startsWith('true', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else if (text.startsWith('null', i)) i += 4;
    else {
      const word = WORDS.find(([w]) => text.startsWith(w, i));
      if (word) return fail(word[1]);
      if (c === 39) return fail('strings must be in double quotes ("), not single quotes');
      if (c === 44) return fail('a value is missing before ","');
      if (c === 125 || c === 93) return fail(`a value is missing before "${text[i]}"`);
      return fail(`unexpected ${describe(i)}; expected a JSON value`);
    }
    want = stack.length ? Want.CommaOrClose : Want.End;
  }

  if (want === Want.End) return null;
  if (stack.length === 0) return fail('the text is empty; expected a JSON document');
  return fail(`the JSON ends early: ${stack.length} bracket${stack.length === 1 ? ' is' : 's are'} not closed`);
}

function scanString(text: string, start: number): number | { message: string; at: number } {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { message: 'a \\u escape needs four hex digits', at: i };
        i += 6;
        continue;
      }
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        i += 2;
        continue;
      }
      // The character after the backslash comes from the file: shown escaped when it is unseen (a bidi control, say).
      const next = text.codePointAt(i + 1);
      return { message: `"\\${next === undefined ? '' : shown(String.fromCodePoint(next))}" is not a JSON escape`, at: i };
    }
    if (c < 32) return { message: `a string holds a raw control character (${shown(text[i])}); write it as an escape`, at: i };
    i++;
  }
  return { message: 'a string is not closed (no ending ")', at: start };
}

function scanNumber(text: string, start: number): number | { message: string; at: number } {
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  const first = text.charCodeAt(i);
  if (!isDigit(first)) return { message: 'a number needs digits after "-"', at: start };
  if (first === 48) {
    i++;
    if (isDigit(text.charCodeAt(i))) return { message: 'a JSON number cannot start with 0 (leading zeros)', at: start };
    if (text.charCodeAt(i) === 120 || text.charCodeAt(i) === 88) return { message: 'hexadecimal numbers are not allowed in JSON', at: start };
  } else while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return { message: 'a number needs digits after "."', at: i };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45) i++;
    if (!isDigit(text.charCodeAt(i))) return { message: 'a number needs digits in its exponent', at: i };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}
