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
    const type = spec[name];
    if (!type) return { ok: false, error: `unknown option --${name} (options: ${Object.keys(spec).map((k) => `--${k}`).join(', ') || 'none'})` };
    if (type === 'boolean') {
      flags[name] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) return { ok: false, error: `--${name} needs a value` };
    if (type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) return { ok: false, error: `--${name} must be a number, not "${value}"` };
      flags[name] = n;
    } else flags[name] = value;
  }
  return { ok: true, flags, positional };
}
