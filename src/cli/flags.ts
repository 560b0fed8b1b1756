import { quoted, shown } from '../graph/text';

/** A strict flag parser: unknown flags and missing values are errors that name the flag. */
export type FlagType = 'string' | 'number' | 'boolean';
export type FlagValues = Record<string, string | number | boolean | undefined>;

export type ParsedFlags = { ok: true; flags: FlagValues; positional: string[] } | { ok: false; error: string };

export function parseFlags(argv: string[], spec: Record<string, FlagType>): ParsedFlags {
  const flags: FlagValues = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2);
    const type = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!type || !Object.hasOwn(spec, name)) return { ok: false, error: `unknown option --${shown(name, 40)} (options: ${Object.keys(spec).map((k) => `--${k}`).join(', ') || 'none'})` };
    if (type === 'boolean') {
      flags[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) return { ok: false, error: `--${name} needs a value` };
    if (type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || value.trim() === '') return { ok: false, error: `--${name} must be a number, not ${quoted(value, 40)}` };
      flags[name] = n;
    } else flags[name] = value;
  }
  return { ok: true, flags, positional };
}
