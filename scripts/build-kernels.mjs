// The engine's own WASM kernels (src/engine/kernels/assembly), compiled with AssemblyScript into
// public/wasm/ganvas-kernels.wasm (a build output, not committed). Skipped when up to date.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'src/engine/kernels/assembly');
const entry = join(sourceDir, 'kernels.ts');
const out = join(root, 'public/wasm/ganvas-kernels.wasm');
// For the threaded backend (cross-origin isolated pages), whose memory is shared.
const sharedOut = join(root, 'public/wasm/ganvas-kernels-shared.wasm');

const newestSource = Math.max(
  statSync(fileURLToPath(import.meta.url)).mtimeMs,
  ...readdirSync(sourceDir).map((f) => statSync(join(sourceDir, f)).mtimeMs),
);
const upToDate = (file) => existsSync(file) && statSync(file).mtimeMs >= newestSource;
if (!process.argv.includes('--force') && upToDate(out) && upToDate(sharedOut)) process.exit(0);

const DATA = 11;
const START = 8;

/** Ids of a module's sections (after the 8-byte header: id, LEB128 size, contents). */
function sectionIds(bytes) {
  const ids = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      length |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    ids.push(id);
    at += length;
  }
  return ids;
}

mkdirSync(dirname(out), { recursive: true });
// The module imports the TF.js backend's memory and must write nothing of its own into it:
// no runtime, no static data, no abort messages.
for (const [file, extra] of [
  [out, []],
  [sharedOut, ['--sharedMemory', '--maximumMemory', '65536', '--enable', 'threads']],
]) {
  const { error, stderr } = await asc.main([
    entry,
    '--outFile', file,
    '-O3', '--noAssert',
    '--runtime', 'stub',
    '--importMemory', '--noExportMemory',
    '--use', 'abort=',
    '--enable', 'simd',
    ...extra,
  ]);
  if (error) {
    console.error(stderr.toString());
    fail(file, `could not build: ${error.message}`);
  }
  const bytes = readFileSync(file);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes));
  if (imports.length !== 1 || imports[0].kind !== 'memory') fail(file, `it must import only the memory, it imports ${JSON.stringify(imports)}`);
  if (sectionIds(bytes).some((id) => id === DATA || id === START)) fail(file, 'it has static data or a start function');
}
console.log('built public/wasm/ganvas-kernels.wasm and ganvas-kernels-shared.wasm');

function fail(file, why) {
  rmSync(file, { force: true });
  console.error(`${file}: ${why}`);
  process.exit(1);
}
