/**
 * Networks sized for the data they are wired to. A network dropped from the palette starts with
 * its kind's small default stack; once the graph says what it sees and what it must make, a
 * kind that declares `sizing` gets a preset instead: the MLP preset for points and vectors, the
 * DCGAN preset when images go in or come out. A generator's output imitates the graph's data (its
 * shape, and the range its values lie in); a judge's is one score. Other kinds may suggest params
 * for the data (`sizeFor`: a shorter noise vector for points). Only what was never set is sized,
 * and once: after that it is the user's. Pure.
 */
import { getKind } from './catalog';
import { checkDocument, type CheckResult } from './checker';
import type { GraphDocument } from './document';
import type { Layer } from './layers';
import { outputPorts } from './node-kind';
import { NETWORK_PRESETS, type PresetRequest } from './presets';
import type { ParamValues } from './params';
import type { Shape } from './types';

export interface NetworkSizing {
  node: string;
  /** The params set (a network's `layers`, a noise vector's `dim`). */
  params: { layers?: Layer[] } & ParamValues;
  /** In words, for the message that says what happened: "MLP for 2-D points". */
  why: string;
}

/** The data the graph trains on: the first data source's first image or vector output. */
export function dataShape(doc: GraphDocument, check: CheckResult): { shape: Shape; range?: readonly [number, number]; node: string } | undefined {
  for (const id of check.order) {
    const node = doc.nodes.find((n) => n.id === id);
    const kind = node && getKind(node.kind);
    if (!node || !kind || kind.category !== 'data' || kind.gradient !== 'source') continue;
    const params = check.params[id];
    const outputs = check.shapes[id]?.outputs ?? {};
    for (const port of outputPorts(kind, params)) {
      const shape = outputs[port.name];
      if (shape && (shape.kind === 'image' || shape.kind === 'vector')) return { shape, range: kind.outputRange?.(params, port.name), node: id };
    }
  }
  return undefined;
}

export function describeData(shape: Shape): string {
  if (shape.kind === 'image') return `${shape.dims[0]}×${shape.dims[1]} images`;
  return shape.dims[0] === 2 ? '2-D points' : `${shape.dims[0]}-value vectors`;
}

/** Nodes still on their defaults whose kinds suggest params for the graph's data (`sizeFor`). */
function pendingParams(doc: GraphDocument, check: CheckResult): NetworkSizing[] {
  const data = dataShape(doc, check);
  if (!data) return [];
  const out: NetworkSizing[] = [];
  for (const node of doc.nodes) {
    const suggested = getKind(node.kind)?.sizeFor?.(data.shape);
    if (!suggested || Object.keys(suggested).some((k) => k in node.params)) continue;
    if (Object.entries(suggested).every(([k, v]) => check.params[node.id]?.[k] === v)) continue;
    out.push({ node: node.id, params: suggested, why: `${Object.entries(suggested).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ')} for ${describeData(data.shape)}` });
  }
  return out;
}

/** Networks of `doc` still on their default stack whose input (and wanted output) the graph now says. */
function pending(doc: GraphDocument, check: CheckResult, want: 'data' | 'fixed'): NetworkSizing[] {
  const data = dataShape(doc, check);
  if (!data) return [];
  const out: NetworkSizing[] = [];
  for (const node of doc.nodes) {
    const kind = getKind(node.kind);
    const sizing = kind?.sizing;
    if (!sizing || 'layers' in node.params) continue;
    if ((sizing.output === 'data') !== (want === 'data')) continue;
    // A node applying another's weights takes that one's stack.
    if ((check.owners[node.id] ?? node.id) !== node.id) continue;
    const input = check.shapes[node.id]?.inputs.x;
    if (!input || (input.kind !== 'image' && input.kind !== 'vector' && input.kind !== 'code' && input.kind !== 'label')) continue;
    const output = sizing.output === 'data' ? [...data.shape.dims] : [...sizing.output];
    const images = input.dims.length === 3 || output.length === 3;
    const preset = NETWORK_PRESETS.find((p) => p.id === (images ? 'dcgan' : 'mlp'))!;
    const squash: PresetRequest['squash'] =
      sizing.output === 'data' && data.range ? (data.range[0] < 0 ? 'tanh' : 'sigmoid') : 'none';
    // A tanh or sigmoid only where the data's range is exactly what it makes.
    const fits = squash === 'none' || (squash === 'tanh' ? data.range![0] === -1 && data.range![1] === 1 : data.range![0] === 0 && data.range![1] === 1);
    const layers = preset.build({ input: [...input.dims], output, squash: fits ? squash : 'none' });
    out.push({ node: node.id, params: { layers }, why: `${preset.title} for ${describeData(sizing.output === 'data' ? data.shape : input)}` });
  }
  return out;
}

/**
 * The networks to size after an edit, and their stacks: generators first (their output then
 * tells the judges what they see), then the networks with a fixed output.
 */
export function networksToSize(doc: GraphDocument, check: CheckResult = checkDocument(doc)): NetworkSizing[] {
  const all: NetworkSizing[] = [];
  // Codes first (a generator's input), then generators (their output tells the judges what they see), then judges.
  for (const pass of [(d: GraphDocument, c: CheckResult) => pendingParams(d, c), (d: GraphDocument, c: CheckResult) => pending(d, c, 'data'), (d: GraphDocument, c: CheckResult) => pending(d, c, 'fixed')]) {
    const current = all.length ? applySizing(doc, all) : doc;
    all.push(...pass(current, all.length ? checkDocument(current) : check));
  }
  return all;
}

/** `doc` with the sized params written into its nodes. */
export function applySizing(doc: GraphDocument, sizings: readonly NetworkSizing[]): GraphDocument {
  const byNode = new Map<string, ParamValues>();
  for (const s of sizings) byNode.set(s.node, { ...byNode.get(s.node), ...s.params });
  return { ...doc, nodes: doc.nodes.map((n) => (byNode.has(n.id) ? { ...n, params: { ...n.params, ...structuredClone(byNode.get(n.id)!) } } : n)) };
}
