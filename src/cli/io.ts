/** Where the CLI writes: real streams in use, captured ones in tests. */
export interface CliIO {
  log(line: string): void;
  error(line: string): void;
}

export const processIO: CliIO = {
  log: (line) => process.stdout.write(line + '\n'),
  error: (line) => process.stderr.write(line + '\n'),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
