// The browser tests drive Debian's chromium. Install it when it is missing and we may (root with
// apt-get); otherwise say what to do. Browsers cannot be downloaded by npm here.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } else {
    console.error(`The browser tests need ${CHROMIUM}: run \`sudo apt-get install -y chromium\` once.`);
    process.exit(1);
  }
}
