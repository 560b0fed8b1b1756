/**
 * The data sets an exported project reads: every split of each data set its graph uses, as
 * data/NAME/SPLIT/KEY.npy plus data/manifest.json. Values that are all k/255 (pixels, one-hot
 * labels, 0/1 attributes) are stored as the bytes k, which the Python side turns back into the
 * same float32 values; anything else as float32.
 */
import type { Plan } from '../../compiler/plan';
import type { DataSource, Split } from '../../data/types';
import { torchNode } from './nodes/index';
import { encodeNpy } from './npy';

export interface ExportFile {
  path: string;
  content: string | Uint8Array;
}

/** The data sets a plan's data nodes read, by name. */
export function datasetsOf(plan: Plan): string[] {
  return [...new Set(plan.nodes.flatMap((n) => torchNode(n.kind)?.datasets?.(n) ?? []))];
}

export interface DataFileOptions {
  /** At most this many examples of each split (a quick try-out; the default is all). */
  limit?: number;
  /** Called between chunks (a page yields to the event loop here and shows progress). */
  progress?: (done: number, total: number, name: string) => void | Promise<void>;
}

/** One key of one split, filled chunk by chunk: bytes while every value is k/255, floats after. */
class Column {
  bytes?: Uint8Array;
  floats?: Float32Array;
  constructor(
    readonly n: number,
    readonly per: number,
  ) {
    this.bytes = new Uint8Array(n * per);
  }

  write(values: Float32Array, row: number): void {
    const at = row * this.per;
    if (this.bytes) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        const k = Math.round(v * 255);
        if (k >= 0 && k <= 255 && Math.fround(k / 255) === v) this.bytes[at + i] = k;
        else {
          this.toFloats(at + i);
          break;
        }
      }
    }
    if (this.floats) this.floats.set(values, at);
  }

  private toFloats(upTo: number): void {
    const floats = new Float32Array(this.n * this.per);
    for (let i = 0; i < upTo; i++) floats[i] = this.bytes![i] / 255;
    this.floats = floats;
    this.bytes = undefined;
  }
}

const SPLITS: Split[] = ['train', 'test'];
const CHUNK = 512;

export async function dataFiles(sources: Map<string, DataSource>, opts: DataFileOptions = {}): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  const manifest: Record<string, unknown> = {};
  const total = [...sources.values()].reduce((s, src) => s + SPLITS.reduce((t, sp) => t + Math.min(opts.limit ?? Infinity, src.count(sp)), 0), 0);
  let done = 0;
  for (const [name, source] of sources) {
    const splits: Record<string, unknown> = {};
    for (const split of SPLITS) {
      const n = Math.min(opts.limit ?? Infinity, source.count(split));
      const columns = new Map<string, Column>();
      const dims = new Map<string, number[]>();
      for (let start = 0; start < n; start += CHUNK) {
        const indices = Array.from({ length: Math.min(CHUNK, n - start) }, (_, i) => start + i);
        const batch = source.get(split, indices);
        for (const [key, values] of Object.entries(batch)) {
          if (!columns.has(key)) {
            const per = values.length / indices.length;
            const declared = source.info.outputs[key]?.dims;
            dims.set(key, declared && declared.reduce((p, d) => p * d, 1) === per ? declared : [per]);
            columns.set(key, new Column(n, per));
          }
          columns.get(key)!.write(values, start);
        }
        done += indices.length;
        await opts.progress?.(done, total, name);
      }
      const keys: Record<string, unknown> = {};
      for (const [key, column] of columns) {
        const shape = [n, ...dims.get(key)!];
        const dtype = column.bytes ? 'uint8' : 'float32';
        files.push({ path: `data/${name}/${split}/${key}.npy`, content: encodeNpy(column.bytes ?? column.floats!, shape, dtype) });
        keys[key] = { dtype, shape };
      }
      splits[split] = { count: n, keys };
    }
    manifest[name] = { title: source.info.title, splits };
  }
  files.push({ path: 'data/manifest.json', content: JSON.stringify(manifest, null, 1) + '\n' });
  return files;
}
