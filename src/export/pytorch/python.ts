/** Python literals and identifiers for the generated code. */

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if import in is ' +
    'lambda nonlocal not or pass raise return try while with yield match case type'
  ).split(' '),
);

/** A float literal that Python reads back as the same double (`1.0`, `0.0002`, `1e-08`). */
export function pyFloat(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a Python float`);
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? `${x}.0` : String(x);
}

export function pyInt(x: number): string {
  if (!Number.isInteger(x)) throw new Error(`${x} is not a whole number`);
  return String(x);
}

/** A double-quoted Python string literal. */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

export function pyList(items: (string | number)[]): string {
  return `[${items.map((i) => (typeof i === 'number' ? String(i) : i)).join(', ')}]`;
}

export function pyTuple(items: (string | number)[]): string {
  const parts = items.map((i) => (typeof i === 'number' ? String(i) : i));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** Text safe inside a Python docstring or comment (one line, no closing quotes). */
export function pyComment(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/"""/g, '"').replace(/\\/g, '/').trim();
}

/** "D (real)" → "d_real"; "" when nothing usable is left. */
export function snakeCase(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  const name = words.join('_');
  return /^[0-9]/.test(name) ? `n${name}` : name;
}

/** "classifier cd" → "ClassifierCd". */
export function pascalCase(text: string): string {
  return snakeCase(text)
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

export function isIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !KEYWORDS.has(s);
}

/** Hands out identifiers, never the same twice and never a reserved one. */
export class Names {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  /** The first candidate that gives a free identifier (suffixed _2, _3… when all are taken). */
  take(...candidates: string[]): string {
    const usable = candidates.map((c) => (isIdentifier(c) ? c : KEYWORDS.has(c) ? `${c}_` : '')).filter(Boolean);
    for (const c of usable) {
      if (!this.taken.has(c)) {
        this.taken.add(c);
        return c;
      }
    }
    const base = usable[0] ?? 'value';
    for (let i = 2; ; i++) {
      const c = `${base}_${i}`;
      if (!this.taken.has(c)) {
        this.taken.add(c);
        return c;
      }
    }
  }
}

/** Indents every line of a block. */
export function indent(lines: string[], by = '    '): string[] {
  return lines.map((l) => (l ? by + l : l));
}
