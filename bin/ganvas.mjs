#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the CLI and the app share one source.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`ganvas templates | head`) is not an error: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
