#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the CLI and the app share one source.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`ganvas templates | head`) is not an error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main, describeFailure } = await import('../src/cli/main.ts');
// Anything that escapes a command (an error thrown later, in a callback) is one line, not a stack trace.
const fail = (e) => {
  process.stderr.write(`ganvas: ${describeFailure(e)}\n`);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.exitCode = await main(process.argv.slice(2));
