/** Time to check and to compile each template (the largest is the figure that matters for typing latency). */
import { fileURLToPath } from 'node:url';
import { compilePlan } from '../../src/compiler/compile';
import { checkDocument } from '../../src/graph/checker';
import { listTemplateFiles, readDocumentFile } from '../../src/cli/documents';
import { basename } from 'node:path';
import type { GraphDocument } from '../../src/graph/document';
import { printTable, type BenchRow } from './table';

function timeIt(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 5; i++) fn(); // warm up the JIT
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

/** Many copies of a template side by side in one document: a large graph for latency figures. */
function replicate(name: string, copies: number): GraphDocument {
  const read = readDocumentFile(name);
  if (!read.ok) throw new Error(read.error);
  const base = read.document;
  const doc: GraphDocument = { ...structuredClone(base), nodes: [], edges: [], phases: [] };
  for (let c = 0; c < copies; c++) {
    const id = (x: string) => `${x}_${c}`;
    doc.nodes.push(...base.nodes.map((n) => ({ ...structuredClone(n), id: id(n.id) })));
    doc.edges.push(...base.edges.map((e) => ({ id: id(e.id), source: { ...e.source, node: id(e.source.node) }, target: { ...e.target, node: id(e.target.node) } })));
    doc.phases.push(...base.phases.map((p) => ({ ...structuredClone(p), id: id(p.id), terms: p.terms.map((t) => ({ ...t, loss: id(t.loss) })), updates: p.updates.map(id) })));
  }
  return doc;
}

export async function benchGraph(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const file of listTemplateFiles()) {
    const read = readDocumentFile(file);
    if (!read.ok) continue;
    const doc = read.document;
    rows.push({
      template: basename(file, '.json'),
      nodes: doc.nodes.length,
      edges: doc.edges.length,
      'check (ms)': timeIt(() => checkDocument(doc)).toFixed(3),
      'compile (ms)': timeIt(() => compilePlan(doc)).toFixed(3),
    });
  }
  rows.sort((a, b) => Number(b.nodes) - Number(a.nodes));
  const big = replicate('triple-gan', 15);
  rows.push({
    template: `triple-gan ×15 (one graph)`,
    nodes: big.nodes.length,
    edges: big.edges.length,
    'check (ms)': timeIt(() => checkDocument(big)).toFixed(3),
    'compile (ms)': timeIt(() => compilePlan(big)).toFixed(3),
  });
  return rows;
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  printTable('Check and compile, per template (largest first)', await benchGraph());
}
