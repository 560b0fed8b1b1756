/**
 * A network's layer stack: add, remove, reorder and edit layers, apply a preset, and see each
 * layer's output shape at the current size preset (from the catalog's own shape rules).
 */
import { useMemo, useState } from 'react';
import type { Diagnostic } from '../../graph/checker';
import { layerDefinition, LAYER_TYPES, parseLayers, resolveLayers, scaleLayers, type Layer, type LayerType } from '../../graph/layers';
import { withDefaults } from '../../graph/params';
import { NETWORK_PRESETS } from '../../graph/presets';
import { formatDims, type Shape } from '../../graph/types';
import { formatCount } from '../canvas/node-data';
import { IconButton, Select } from './fields';
import { ParamField } from './ParamField';
import { useLocale, useT } from '../i18n';
import { presetDescription, presetTitle, useCatalogText } from '../i18n/catalog';

interface Props {
  layers: unknown;
  /** Width multiplier: the node's own times the size preset's. */
  width: number;
  input?: Shape;
  /** The network's current output, when known (presets keep it). */
  output?: Shape;
  problems: Diagnostic[];
  disabled?: boolean;
  onChange(layers: Layer[]): void;
}

interface Row {
  output?: number[];
  weights?: number;
  error?: string;
}

function rowsFor(layers: Layer[], width: number, input?: Shape): Row[] {
  if (!input) return layers.map(() => ({}));
  const scaled = scaleLayers(layers, width);
  const rows: Row[] = [];
  for (let i = 0; i < layers.length; i++) {
    try {
      const resolved = resolveLayers(scaled.slice(0, i + 1), input.dims);
      rows.push({ output: resolved[i].output, weights: resolved[i].weights });
    } catch (e) {
      rows.push({ error: (e as Error).message });
      for (let j = i + 1; j < layers.length; j++) rows.push({});
      break;
    }
  }
  return rows;
}

function newLayer(type: LayerType): Layer {
  const values = withDefaults(layerDefinition(type)!.fields, {});
  const layer: Record<string, unknown> = { type };
  for (const [k, v] of Object.entries(values)) if (!(k === 'name' && v === '')) layer[k] = v;
  return layer as Layer;
}

export function LayerStackEditor({ layers: raw, width, input, output, problems, disabled, onChange }: Props) {
  const parsed = parseLayers(raw);
  const layers = 'error' in parsed ? (Array.isArray(raw) ? (raw as Layer[]) : []) : parsed.layers;
  const rows = useMemo(() => rowsFor(layers, width, input), [layers, width, input]);
  const [addType, setAddType] = useState<LayerType>('dense');
  const t = useT();
  const c = useCatalogText();
  const locale = useLocale((s) => s.locale);
  const [preset, setPreset] = useState(NETWORK_PRESETS[0].id);
  /** Layers whose name field is open (a named layer always shows it). */
  const [naming, setNaming] = useState<ReadonlySet<number>>(new Set());
  const total = rows.reduce((s, r) => s + (r.weights ?? 0), 0);
  const last = layers[layers.length - 1]?.type;

  const update = (i: number, key: string, value: unknown) => {
    const next = layers.map((l, j) => {
      if (j !== i) return l;
      const copy: Record<string, unknown> = { ...l };
      if (key === 'name' && value === '') delete copy.name;
      else copy[key] = value;
      return copy as Layer;
    });
    onChange(next);
  };
  const move = (i: number, by: number) => {
    const next = [...layers];
    const [l] = next.splice(i, 1);
    next.splice(i + by, 0, l);
    onChange(next);
  };
  const applyPreset = () => {
    const p = NETWORK_PRESETS.find((x) => x.id === preset);
    if (!p || !input) return;
    const outDims = output?.dims ?? rows[rows.length - 1]?.output ?? [1];
    const squash = last === 'tanh' ? 'tanh' : last === 'sigmoid' ? 'sigmoid' : 'none';
    onChange(p.build({ input: input.dims, output: outDims, squash }));
  };
  const fieldProblem = (i: number, key: string) => problems.find((d) => d.field === `layers[${i}].${key}` || (key === '' && d.field === `layers[${i}]`))?.message;

  return (
    <section className="layers" aria-label={t('layers.stack')}>
      <div className="layers-head">
        <h4>
          {t('layers.title')} <span className="muted">({layers.length})</span>
        </h4>
        {input && <span className="muted layers-total">{t('canvas.weights', { n: formatCount(total) })}</span>}
      </div>
      <p className="field-help">
        {input ? (width !== 1 ? t('layers.shapesAtWidth', { dims: formatDims(input.dims), width: String(Number(width.toPrecision(3))) }) : t('layers.shapes', { dims: formatDims(input.dims) })) : t('layers.connectInput')}
      </p>
      {!disabled && (
        <div className="layers-preset">
          <Select ariaLabel={t('layers.preset')} value={preset} options={NETWORK_PRESETS.map((p) => p.id)} labels={Object.fromEntries(NETWORK_PRESETS.map((p) => [p.id, presetTitle(p, locale)]))} onChange={setPreset} />
          <button type="button" className="btn btn-small" disabled={!input} onClick={applyPreset} title={input ? presetDescription(NETWORK_PRESETS.find((p) => p.id === preset), locale) : t('layers.presetNeedsInput')}>
            {t('layers.applyPreset')}
          </button>
        </div>
      )}
      <ol className="layers-list">
        {layers.map((layer, i) => {
          const kind = layerDefinition(layer.type);
          const row = rows[i] ?? {};
          const problem = fieldProblem(i, '') ?? row.error;
          const values = layer as unknown as Record<string, unknown>;
          const showName = !!layer.name || naming.has(i);
          const specs = kind ? kind.fields.filter((spec) => spec.name !== 'name' || showName) : [];
          return (
            <li key={i} className={`layer${problem ? ' has-error' : ''}`} aria-label={t('layers.layer', { n: i + 1, type: kind ? c.layerTitle(kind) : layer.type })}>
              <div className="layer-head">
                <span className="layer-index">{i + 1}</span>
                <span className="layer-type" title={kind ? c.layerDescription(kind) : undefined}>
                  {kind ? c.layerTitle(kind) : layer.type}
                </span>
                <span className="layer-shape" title={t('layers.outputShape')}>
                  {row.output ? `→ ${formatDims(row.output)}` : ''}
                </span>
                {!disabled && (
                  <span className="layer-actions">
                    {!showName && (
                      <IconButton label={t('layers.name', { n: i + 1 })} onClick={() => setNaming(new Set([...naming, i]))}>
                        <span className="layer-name-icon">N</span>
                      </IconButton>
                    )}
                    <IconButton label={t('layers.up', { n: i + 1 })} onClick={() => move(i, -1)} disabled={i === 0}>
                      ↑
                    </IconButton>
                    <IconButton label={t('layers.down', { n: i + 1 })} onClick={() => move(i, 1)} disabled={i === layers.length - 1}>
                      ↓
                    </IconButton>
                    <IconButton label={t('layers.remove', { n: i + 1 })} onClick={() => onChange(layers.filter((_, j) => j !== i))} className="is-danger">
                      ×
                    </IconButton>
                  </span>
                )}
              </div>
              {specs.length > 0 && (
                <div className="layer-params">
                  {specs.map((spec) => (
                    <ParamField
                      key={spec.name}
                      spec={spec}
                      value={values[spec.name] ?? (spec.name === 'name' ? '' : spec.default)}
                      onChange={(v) => update(i, spec.name, v)}
                      problem={fieldProblem(i, spec.name)}
                      disabled={disabled}
                      compact
                      text={kind ? { label: c.fieldLabel(kind, spec), help: c.fieldHelp(kind, spec), option: (o) => c.fieldOption(kind, spec, o) } : undefined}
                    />
                  ))}
                </div>
              )}
              {problem && <div className="field-error">{problem}</div>}
            </li>
          );
        })}
      </ol>
      {!disabled && (
        <div className="layers-add">
          <Select<LayerType> ariaLabel={t('layers.typeToAdd')} value={addType} options={LAYER_TYPES} labels={Object.fromEntries(LAYER_TYPES.map((type) => [type, c.layerTitle(layerDefinition(type)!)]))} onChange={setAddType} />
          <button type="button" className="btn btn-small" onClick={() => onChange([...layers, newLayer(addType)])}>
            {t('layers.add')}
          </button>
        </div>
      )}
    </section>
  );
}
