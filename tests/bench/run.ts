/**
 * `npm run bench`: every benchmark of the project, printed as tables. Each section is its own
 * module (runnable alone with `npx tsx tests/bench/NAME.ts`); a section that cannot run here
 * says why and the others go on.
 */
import { existsSync } from 'node:fs';
import { printTable, type BenchRow } from './table';

interface Section {
  title: string;
  module: string;
  fn: string;
}

const SECTIONS: Section[] = [
  { title: 'Graph: check and compile per template (largest first)', module: './graph.ts', fn: 'benchGraph' },
  { title: 'Engine: ms per step per template (small, wasm), engine vs hand-written loop, 2-D ring', module: './engine.ts', fn: 'benchEngine' },
  { title: 'Speed: ganvas (wasm) vs PyTorch (OpenBLAS), one thread, CPU time per iteration at small', module: './speed.ts', fn: 'benchSpeed' },
  { title: 'Convolutions: forward, input and filter gradient on the same shapes (wasm, GFLOP/s of CPU time)', module: './kernels.ts', fn: 'benchKernels' },
  { title: 'WASM training kernels: small DCGAN and MLP GAN steps, with PyTorch alongside', module: './wasm-dcgan.ts', fn: 'benchWasmDcgan' },
  { title: 'ganvas train (wasm) beside its PyTorch export: ms per iteration at small size, one thread', module: './torch-export.ts', fn: 'benchTorchExport' },
  { title: 'Page: size, time to interactive, drag FPS', module: './ui.ts', fn: 'benchUi' },
  { title: 'Browser training', module: './browser-training.ts', fn: 'benchBrowserTraining' },
  { title: 'Auto: its choice vs each backend alone (small)', module: './first-minutes.ts', fn: 'benchAuto' },
  { title: 'Train → first loss and first samples on screen (tiny, Auto)', module: './first-minutes.ts', fn: 'benchFirstFeedback' },
  { title: 'Wire previews: steps/s with a wire pinned vs none', module: './wires.ts', fn: 'benchWires' },
  { title: 'Hostile input: command line on zip and picture bombs', module: './hostile.ts', fn: 'benchCliBombs' },
  { title: 'Hostile input: page responsiveness while an image set decodes', module: './hostile.ts', fn: 'benchDecodeResponsiveness' },
];

const only = process.argv.slice(2);
for (const s of SECTIONS) {
  if (only.length && !only.some((o) => s.module.includes(o))) continue;
  if (!existsSync(new URL(s.module, import.meta.url))) continue;
  try {
    const mod = (await import(s.module)) as Record<string, () => Promise<BenchRow[]>>;
    printTable(s.title, await mod[s.fn]());
  } catch (e) {
    console.log(`\n## ${s.title}\n\n(could not run: ${(e as Error).message})`);
  }
}
