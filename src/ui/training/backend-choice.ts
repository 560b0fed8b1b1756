/**
 * What Auto decides, as pure functions: which backends are worth timing on this device and in
 * what order (a GPU API on a software adapter — SwiftShader, llvmpipe — runs on the CPU, usually
 * far slower than WASM), how big a plan is (a size class: timings are kept per device and size
 * class), and which backend wins once timed. The timing itself is auto-backend.ts.
 */
import type { Plan } from '../../compiler/plan';
import type { BackendName, DeviceInfo } from '../../../workers/training-api';
import { BACKEND_LABELS } from './backends';
import { formats, t } from '../i18n';

/** One backend as Auto saw it. */
export interface CandidateReport {
  backend: BackendName;
  /** Measured iterations per second (after a warm-up iteration). */
  stepsPerSecond?: number;
  /** No result in time: slower than this many iterations per second. */
  below?: number;
  /** Why it was not timed or failed, or what it runs on ("software adapter: SwiftShader …"). */
  note?: string;
  software?: boolean;
}

export interface AutoReport {
  chosen: BackendName;
  /** One sentence: what was chosen and why. */
  why: string;
  candidates: CandidateReport[];
  /** Timed now, or taken from an earlier timing of the same device and size class. */
  cached: boolean;
  /**
   * Picked without timing, so that the first Train shows a loss at once; the backends are timed
   * when that run pauses or ends, and the next start uses the timing.
   */
  provisional?: boolean;
  /** The timing came after its run had started on this (provisional) backend. */
  startedOn?: BackendName;
  sizeClass: string;
  measuredAt: number;
}

/** Multiply-adds of one iteration, roughly: each network application's weights times its output positions, forward and back (×3), per example. */
export function planWork(plan: Plan): number {
  let perExample = 0;
  for (const g of plan.groups) {
    let forward = 0;
    for (const layer of g.network.layers) {
      const positions = layer.output.length === 3 ? layer.output[0] * layer.output[1] : 1;
      forward += layer.weights * positions;
    }
    const uses = plan.phases.reduce((n, p) => n + p.repeats * Math.max(1, p.nodes.filter((id) => g.appliedBy.includes(id)).length), 0);
    perExample += 3 * forward * Math.max(1, uses);
  }
  return perExample * plan.batchSize;
}

/** Plans whose work is within a factor of two, and which agree on having convolutions, share a timing. */
export function sizeClassOf(plan: Plan): string {
  const conv = plan.groups.some((g) => g.network.layers.some((l) => l.output.length === 3));
  return `${conv ? 'conv' : 'dense'}-${Math.round(Math.log2(Math.max(1, planWork(plan))))}`;
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** The same browser on the same adapters and cores: timings carry over. */
export function deviceKeyOf(info: DeviceInfo): string {
  const browser = /(Chrome|Firefox|Safari)\/(\d+)/.exec(info.agent)?.slice(1).join('/') ?? 'browser';
  return hash(JSON.stringify([info.webgpu.available && info.webgpu.name, info.webgpu.software, info.webgl.available && info.webgl.name, info.webgl.software, info.cores, info.isolated, browser]));
}

/**
 * The backends to time, most promising first (hardware GPU APIs, then WASM, then GPU APIs on
 * software adapters), and those not timed with why. CPU is never timed: it is the plain-JavaScript
 * reference, slower than WASM for training on every device.
 */
export function candidatesFor(info: DeviceInfo): { order: BackendName[]; notTimed: CandidateReport[] } {
  const notTimed: CandidateReport[] = [];
  const hardware: BackendName[] = [];
  const software: BackendName[] = [];
  for (const [backend, adapter] of [['webgpu', info.webgpu], ['webgl', info.webgl]] as const) {
    if (!adapter.available) notTimed.push({ backend, note: adapter.reason ?? 'not available' });
    else (adapter.software ? software : hardware).push(backend);
  }
  notTimed.push({ backend: 'cpu', note: 'not timed: plain JavaScript, always slower than WASM' });
  return { order: [...hardware, 'wasm', ...software.reverse()], notTimed };
}

/**
 * The backend a first Train starts on before any timing: a GPU API on a hardware adapter for a
 * graph with convolutions (where GPUs win by far), WASM otherwise (small dense graphs are
 * dominated by per-operation overhead, which WASM keeps lowest; software adapters run on the CPU).
 */
export function provisionalChoice(info: DeviceInfo, plan: Plan): AutoReport {
  const { order, notTimed } = candidatesFor(info);
  const sizeClass = sizeClassOf(plan);
  const hardware = order[0] !== 'wasm' ? order[0] : undefined;
  const chosen: BackendName = hardware && sizeClass.startsWith('conv') ? hardware : 'wasm';
  const software = (b: BackendName) => (b === 'webgpu' ? info.webgpu.software : b === 'webgl' ? info.webgl.software : false);
  const candidates: CandidateReport[] = [...order.map((backend) => ({ backend, note: 'not timed yet', software: software(backend) })), ...notTimed];
  return { chosen, why: autoWhy({ chosen, candidates, provisional: true }), candidates, cached: false, provisional: true, sizeClass, measuredAt: Date.now() };
}

/** Iterations per second with 0–2 decimals, as the interface's language writes numbers. */
const fixed = (r: number, digits: number) => formats().number(r, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
const rate = (r: number) => (r >= 100 ? fixed(Math.round(r), 0) : r >= 10 ? fixed(r, 1) : fixed(r, 2));

/**
 * A candidate's note in the current language. Notes are kept with the timings (in English when
 * made here); the ones this file and auto-backend.ts write are recognised, others (a browser's
 * reason, an adapter's name) are shown as they are.
 */
export function noteText(note: string): string {
  if (note === 'not available') return t('auto.note.unavailable');
  if (note === 'not timed: plain JavaScript, always slower than WASM') return t('auto.note.cpu');
  if (note === 'its worker crashed') return t('auto.note.crashed');
  if (note === 'not timed') return t('auto.note.notTimed');
  if (note === 'not timed yet') return t('auto.note.notYet');
  let m = /^software adapter: (.*)$/s.exec(note);
  if (m) return t('auto.note.software', { name: m[1] });
  m = /^no result within ([\d.]+) s(?:; (.*))?$/s.exec(note);
  if (m) return t('auto.note.timeout', { seconds: m[1] }) + (m[2] ? `; ${noteText(m[2])}` : '');
  m = /^failed: (.*)$/s.exec(note);
  if (m) return t('auto.note.failed', { reason: m[1] });
  return note;
}

/** "WASM 61.2 it/s", "WebGPU below 0.50 it/s", "CPU not timed". */
export function describeCandidate(c: CandidateReport): string {
  const name = BACKEND_LABELS[c.backend] ?? c.backend;
  if (c.stepsPerSecond !== undefined) return t('auto.rate', { name, rate: rate(c.stepsPerSecond) });
  if (c.below !== undefined) return t('auto.below', { name, rate: rate(c.below) });
  return `${name}: ${noteText(c.note ?? 'not timed')}`;
}

/** The sentence the badge shows for a report, in the current language (a kept report is described again in the language shown). */
export function autoWhy(report: Pick<AutoReport, 'chosen' | 'candidates' | 'provisional'>): string {
  const { candidates } = report;
  if (report.provisional) return t('auto.why.provisional', { name: BACKEND_LABELS[report.chosen] });
  const timed = candidates.filter((c) => c.stepsPerSecond !== undefined).sort((a, b) => b.stepsPerSecond! - a.stepsPerSecond!);
  const best = timed[0];
  if (!best) return t('auto.why.none');
  const next = timed[1];
  const lead = next ? t('auto.why.lead', { ratio: fixed(best.stepsPerSecond! / next.stepsPerSecond!, 1), next: BACKEND_LABELS[next.backend] }) : '';
  const soft = candidates.filter((c) => c.software && c.backend !== best.backend).map((c) => BACKEND_LABELS[c.backend]);
  const softText = soft.length ? t('auto.why.software', { names: soft.join(t('auto.and')), count: soft.length }) : '';
  return t('auto.why.fastest', { best: BACKEND_LABELS[best.backend], rate: rate(best.stepsPerSecond!), lead, soft: softText });
}

/** The fastest measured candidate, with the sentence the badge shows. */
export function decide(candidates: CandidateReport[], sizeClass: string, cached: boolean, measuredAt = Date.now()): AutoReport {
  const timed = candidates.filter((c) => c.stepsPerSecond !== undefined).sort((a, b) => b.stepsPerSecond! - a.stepsPerSecond!);
  const best = timed[0];
  const chosen = best ? best.backend : 'wasm';
  return { chosen, why: autoWhy({ chosen, candidates }), candidates, cached, sizeClass, measuredAt };
}
