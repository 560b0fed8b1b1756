/**
 * The catalog as the page shows it: a kind's, port's, param's, layer's or data set's words in the
 * current language — the Chinese table beside the declaration, the declaration itself in English.
 */
import { useMemo } from 'react';
import { DATASETS } from '../../graph/datasets';
import type { LayerDefinition } from '../../graph/layers';
import { CATEGORY_TITLES, type Category, type InputPort, type NodeKind, type OutputPort } from '../../graph/node-kind';
import type { ParamSpec, ParamValues } from '../../graph/params';
import { describeShape, KIND_NAMES, type TensorKind } from '../../graph/types';
import { CATEGORY_ZH, DATASET_ZH, KIND_ZH, LAYER_ZH, PRESET_ZH, TENSOR_KIND_ZH, type KindZh, type ParamZh } from './catalog-zh';
import type { Locale } from './format';
import { useLocale } from './index';

const zhKind = (kind: NodeKind): KindZh | undefined => (KIND_ZH as Record<string, KindZh | undefined>)[kind.id];

/** A port's Chinese: the table's, else (data sets, splits) made from what the port is. */
function portZh(kind: NodeKind, dir: 'in' | 'out', port: InputPort | OutputPort, params: ParamValues): { label?: string; description: string } | undefined {
  const z = zhKind(kind);
  const found = z?.[dir === 'in' ? 'inputs' : 'outputs']?.[port.name] ?? z?.port?.(dir, port.name, params);
  if (found) return found;
  // A network's `features` output names the layer it is read at.
  const layer = /^output of layer "(.*)"$/.exec(port.description ?? '');
  return layer ? { label: '特征', description: `“${layer[1]}”层的输出` } : undefined;
}

function paramZh(kind: NodeKind, spec: ParamSpec): ParamZh | undefined {
  return zhKind(kind)?.params?.[spec.name];
}

function layerZh(layer: Pick<LayerDefinition, 'type'>) {
  return (LAYER_ZH as Record<string, (typeof LAYER_ZH)[keyof typeof LAYER_ZH] | undefined>)[layer.type];
}

export interface CatalogText {
  kindTitle(kind: NodeKind): string;
  kindDescription(kind: NodeKind): string;
  portLabel(kind: NodeKind, dir: 'in' | 'out', port: InputPort | OutputPort, params: ParamValues): string | undefined;
  portDescription(kind: NodeKind, dir: 'in' | 'out', port: InputPort | OutputPort, params: ParamValues): string;
  paramLabel(kind: NodeKind, spec: ParamSpec): string;
  paramHelp(kind: NodeKind, spec: ParamSpec): string;
  optionLabel(kind: NodeKind, spec: ParamSpec, option: string): string;
  layerTitle(layer: Pick<LayerDefinition, 'type' | 'title'>): string;
  layerDescription(layer: Pick<LayerDefinition, 'type' | 'description'>): string;
  fieldLabel(layer: Pick<LayerDefinition, 'type'>, spec: ParamSpec): string;
  fieldHelp(layer: Pick<LayerDefinition, 'type'>, spec: ParamSpec): string;
  fieldOption(layer: Pick<LayerDefinition, 'type'>, spec: ParamSpec, option: string): string;
  category(category: Category): string;
  tensorKind(kind: TensorKind): string;
  datasetTitle(name: string): string;
  datasetDescription(name: string): string;
}

const englishOption = (spec: ParamSpec, option: string) => (spec.type === 'enum' ? spec.optionLabels?.[option] : undefined) ?? option;

export function catalogText(locale: Locale): CatalogText {
  const zh = locale === 'zh';
  return {
    kindTitle: (kind) => (zh && zhKind(kind)?.title) || kind.title,
    kindDescription: (kind) => (zh && zhKind(kind)?.description) || kind.description,
    portLabel: (kind, dir, port, params) => (zh ? (portZh(kind, dir, port, params)?.label ?? port.label) : port.label),
    portDescription: (kind, dir, port, params) => (zh && portZh(kind, dir, port, params)?.description) || port.description,
    paramLabel: (kind, spec) => (zh && paramZh(kind, spec)?.label) || spec.label || spec.name,
    paramHelp: (kind, spec) => (zh && paramZh(kind, spec)?.help) || spec.help,
    optionLabel: (kind, spec, option) => (zh && paramZh(kind, spec)?.options?.[option]) || englishOption(spec, option),
    layerTitle: (layer) => (zh && layerZh(layer)?.title) || layer.title,
    layerDescription: (layer) => (zh && layerZh(layer)?.description) || layer.description,
    fieldLabel: (layer, spec) => (zh && layerZh(layer)?.fields[spec.name]?.label) || spec.label || spec.name,
    fieldHelp: (layer, spec) => (zh && layerZh(layer)?.fields[spec.name]?.help) || spec.help,
    fieldOption: (layer, spec, option) => (zh && layerZh(layer)?.fields[spec.name]?.options?.[option]) || englishOption(spec, option),
    category: (category) => (zh ? CATEGORY_ZH[category] : CATEGORY_TITLES[category]),
    tensorKind: (kind) => (zh ? TENSOR_KIND_ZH[kind] : KIND_NAMES[kind]),
    datasetTitle: (name) => (zh && DATASET_ZH[name]?.title) || DATASETS[name]?.title || name,
    datasetDescription: (name) => (zh && DATASET_ZH[name]?.description) || DATASETS[name]?.description || '',
  };
}

/** The catalog's words in the current language; the component re-renders when it changes. */
export function useCatalogText(): CatalogText {
  const locale = useLocale((s) => s.locale);
  return useMemo(() => catalogText(locale), [locale]);
}

/** Every catalog text the Chinese table lacks, as `kind.port`-style keys (for the coverage test). */
export function untranslatedCatalog(kinds: readonly NodeKind[], layers: readonly LayerDefinition[], portsOf: (kind: NodeKind) => { dir: 'in' | 'out'; port: InputPort | OutputPort; params: ParamValues }[]): string[] {
  const missing: string[] = [];
  for (const kind of kinds) {
    const z = zhKind(kind);
    if (!z) {
      missing.push(`kind ${kind.id}`);
      continue;
    }
    for (const { dir, port, params } of portsOf(kind)) if (!portZh(kind, dir, port, params)) missing.push(`kind ${kind.id} ${dir} ${port.name}${params.name ? ` (${String(params.name)})` : ''}`);
    for (const spec of kind.params) {
      const p = paramZh(kind, spec);
      if (!p) missing.push(`kind ${kind.id} param ${spec.name}`);
      // Options a learner reads as words need Chinese; ranges like −1..1 and data set names do not.
      else if (spec.type === 'enum' && spec.name !== 'name' && spec.name !== 'dataset') for (const o of spec.options) if (!p.options?.[o] && /[a-z]{2}/i.test(spec.optionLabels?.[o] ?? o)) missing.push(`kind ${kind.id} param ${spec.name} option ${o}`);
    }
  }
  for (const layer of layers) {
    const z = layerZh(layer);
    if (!z) {
      missing.push(`layer ${layer.type}`);
      continue;
    }
    for (const spec of layer.fields) {
      const f = z.fields[spec.name];
      if (!f) missing.push(`layer ${layer.type} field ${spec.name}`);
      else if (spec.type === 'enum' && spec.optionLabels) for (const o of spec.options) if (!f.options?.[o]) missing.push(`layer ${layer.type} field ${spec.name} option ${o}`);
    }
  }
  for (const name of Object.keys(DATASETS)) if (!DATASET_ZH[name]) missing.push(`dataset ${name}`);
  return missing;
}

/** "an image 28×28×1", "a vector of 74" — a shape in the catalog's words. */
export function describeShapeIn(shape: { kind: TensorKind; dims: number[] }, c: CatalogText): string {
  const zh = c.tensorKind('image') !== KIND_NAMES.image;
  if (!zh) return describeShape(shape);
  if (shape.kind === 'scalar' || shape.kind === 'weights') return c.tensorKind(shape.kind);
  const dims = shape.dims.join('×');
  return shape.kind === 'image' ? `${dims} 的图像` : `长度为 ${dims} 的${c.tensorKind(shape.kind)}`;
}

/** A layer preset's title in the interface's language. */
export function presetTitle(preset: { id: string; title: string }, locale: Locale): string {
  return (locale === 'zh' && PRESET_ZH[preset.id]?.title) || preset.title;
}

export function presetDescription(preset: { id: string; description: string } | undefined, locale: Locale): string | undefined {
  return preset && ((locale === 'zh' && PRESET_ZH[preset.id]?.description) || preset.description);
}
