/** Benchmarks print plain tables of figures. */
export type BenchRow = Record<string, string | number>;

export function printTable(title: string, rows: BenchRow[]): void {
  console.log(`\n## ${title}\n`);
  if (rows.length === 0) {
    console.log('(no rows)');
    return;
  }
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(width[i])).join(' | ') + ' |';
  console.log(line(cols));
  console.log('|' + width.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(cols.map((c) => String(r[c] ?? ''))));
}
