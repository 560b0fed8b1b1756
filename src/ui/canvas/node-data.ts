/**
 * What a graph node on the canvas shows, derived from the document and the check result. Data
 * objects are reused while what they show is unchanged, so memoised nodes skip re-rendering.
 */
import { getKind } from '../../graph/catalog';
import type { CheckResult, Diagnostic } from '../../graph/checker';
import { sizeSettings, type GraphDocument, type GraphNode } from '../../graph/document';
import { parseLayers, resolveLayers, scaleLayers } from '../../graph/layers';
import { inputPorts, type NodeKind } from '../../graph/node-kind';
import { withDefaults, type ParamSpec, type ParamValues } from '../../graph/params';
import type { Shape } from '../../graph/types';
import { currentLocale, t } from '../i18n';
import { catalogText } from '../i18n/catalog';
import { documentText } from '../i18n/document-text';
import { diagnosticsByNode } from '../store/derived';

export interface GraphNodeData extends Record<string, unknown> {
  node: GraphNode;
  params: ParamValues;
  inputs: Record<string, Shape>;
  outputs: Record<string, Shape>;
  diagnostics: Diagnostic[];
  /** The node whose weights this one uses, when it shares. */
  sharesWith?: string;
  summary: string;
}

export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)}M`;
}

export function formatValue(spec: ParamSpec, value: unknown): string {
  if (spec.type === 'enum') return spec.optionLabels?.[value as string] ?? String(value);
  if (spec.type === 'bool') return t(value ? 'canvas.yes' : 'canvas.no');
  if (spec.type === 'ints' && Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
  return String(value);
}

export function isVisible(spec: ParamSpec, params: ParamValues): boolean {
  return !spec.showIf || spec.showIf.values.includes(params[spec.showIf.param] as never);
}

/** Layers and weights of a network node at the current size preset, or null when unknown. */
export function networkStats(node: GraphNode, kind: NodeKind, params: ParamValues, inputs: Record<string, Shape>, presetWidth: number) {
  const parsed = parseLayers(params.layers);
  if ('error' in parsed) return null;
  const first = inputPorts(kind, params)[0];
  const input = first && inputs[first.name];
  if (!input) return { layers: parsed.layers.length, weights: null as number | null };
  try {
    const scaled = scaleLayers(parsed.layers, (params.width as number) * presetWidth);
    const resolved = resolveLayers(scaled, input.dims);
    return { layers: parsed.layers.length, weights: resolved.reduce((s, l) => s + l.weights, 0) };
  } catch {
    return { layers: parsed.layers.length, weights: null };
  }
}

/** A short line of the params that matter most: those changed from their defaults first. */
export function keyParams(kind: NodeKind, params: ParamValues, limit = 3): string {
  const specs = kind.params.filter((s) => s.type !== 'layers' && isVisible(s, params) && !(s.type === 'string' && !params[s.name]));
  const changed = specs.filter((s) => JSON.stringify(params[s.name]) !== JSON.stringify(s.default));
  const rest = specs.filter((s) => !changed.includes(s) && !(kind.trainable && s.name === 'width'));
  return [...changed, ...rest]
    .slice(0, limit)
    .map((s) => {
      const c = catalogText(currentLocale());
      return `${c.paramLabel(kind, s)} ${s.type === 'enum' ? c.optionLabel(kind, s, String(params[s.name])) : formatValue(s, params[s.name])}`;
    })
    .join(' · ');
}

function summarise(doc: GraphDocument, node: GraphNode, kind: NodeKind, params: ParamValues, inputs: Record<string, Shape>, sharesWith?: string): string {
  if (kind.trainable) {
    if (sharesWith) return t('canvas.usesWeights', { owner: labelOf(doc, sharesWith) });
    const stats = networkStats(node, kind, params, inputs, sizeSettings(doc).width);
    if (!stats) return t('canvas.stackBroken');
    const parts = [t('canvas.layers', { count: stats.layers })];
    if (stats.weights !== null) parts.push(t('canvas.weights', { n: formatCount(stats.weights) }));
    if ((params.width as number) !== 1) parts.push(t('canvas.width', { width: String(params.width) }));
    return parts.join(' · ');
  }
  return keyParams(kind, params);
}

function labelOf(doc: GraphDocument, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return (n && documentText(doc, currentLocale()).nodeLabel(n)) || id;
}

interface CacheEntry {
  key: string;
  data: GraphNodeData;
}

/** Builds data for every graph node, reusing last time's objects where nothing shown changed. */
export function buildNodeData(doc: GraphDocument, check: CheckResult, cache: Map<string, CacheEntry>): Map<string, GraphNodeData> {
  const diagnostics = diagnosticsByNode(check);
  const out = new Map<string, GraphNodeData>();
  const width = sizeSettings(doc).width;
  for (const node of doc.nodes) {
    const kind = getKind(node.kind);
    const params = check.params[node.id] ?? (kind ? withDefaults(kind.params, node.params) : node.params);
    const shapes = check.shapes[node.id] ?? { inputs: {}, outputs: {} };
    const owner = check.owners[node.id];
    const sharesWith = owner && owner !== node.id ? owner : undefined;
    const diags = diagnostics.get(node.id) ?? [];
    const ownerLabel = sharesWith ? labelOf(doc, sharesWith) : '';
    const key = JSON.stringify([shapes, diags, sharesWith, ownerLabel, width, kind?.trainable ? params : null, currentLocale()]);
    const previous = cache.get(node.id);
    if (previous && previous.data.node === node && previous.key === key) {
      out.set(node.id, previous.data);
      continue;
    }
    const data: GraphNodeData = {
      node,
      params,
      inputs: shapes.inputs,
      outputs: shapes.outputs,
      diagnostics: diags,
      sharesWith,
      summary: kind ? summarise(doc, node, kind, params, shapes.inputs, sharesWith) : t('canvas.unknownKind', { kind: node.kind }),
    };
    cache.set(node.id, { key, data });
    out.set(node.id, data);
  }
  for (const id of cache.keys()) if (!out.has(id)) cache.delete(id);
  return out;
}
