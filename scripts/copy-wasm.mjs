// The WASM backend's binaries, served by the app at /wasm/ (a build output, not committed).
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const to = join(root, 'public/wasm');
mkdirSync(to, { recursive: true });
let copied = 0;
for (const file of readdirSync(from).filter((f) => f.endsWith('.wasm'))) {
  const target = join(to, file);
  if (existsSync(target) && statSync(target).size === statSync(join(from, file)).size) continue;
  copyFileSync(join(from, file), target);
  copied++;
}
if (copied) console.log(`copied ${copied} WASM backend file(s) to public/wasm/`);
