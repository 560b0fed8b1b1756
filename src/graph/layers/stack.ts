/** A network's stack as a whole: parsing it, scaling its widths, and running its shape rules. */
import { layerDefinition, LAYER_TYPES, LayerSchema, type Layer } from './catalog';

/** Whether any layer of a stack normalises with batch statistics. */
export function usesBatchStatistics(layers: readonly Layer[]): boolean {
  return layers.some((l) => layerDefinition(l.type)?.batchStatistics);
}

/** Applies a width multiplier: every scalable layer except the last one and `fixed` ones. */
export function scaleLayers(layers: Layer[], width: number): Layer[] {
  if (width === 1) return layers.map((l) => ({ ...l }));
  let last = -1;
  layers.forEach((l, i) => {
    if (layerDefinition(l.type)?.scaled) last = i;
  });
  return layers.map((layer, i) => {
    const key = layerDefinition(layer.type)?.scaled;
    if (!key || i === last || layer.fixed) return { ...layer };
    const original = (layer as Record<string, unknown>)[key] as number;
    let scaled = Math.max(1, Math.round(original * width));
    // A Dense feeding a Reshape(…, −1) must stay a multiple of the known dims, or the reshape breaks.
    const next = layers.slice(i + 1).find((l) => !layerDefinition(l.type)?.keepsShape);
    if (layer.type === 'dense' && next?.type === 'reshape' && next.shape.includes(-1)) {
      const known = next.shape.filter((d) => d > 0).reduce((p, d) => p * d, 1);
      scaled = Math.max(known, Math.round(scaled / known) * known);
    }
    return { ...layer, [key]: scaled } as Layer;
  });
}

export interface ResolvedLayer {
  layer: Layer;
  input: number[];
  output: number[];
  weights: number;
}

export class LayerStackError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/** Runs the shape rules through a stack; throws LayerStackError naming the first layer that does not fit. */
export function resolveLayers(layers: Layer[], input: number[]): ResolvedLayer[] {
  const out: ResolvedLayer[] = [];
  let shape = input;
  layers.forEach((layer, index) => {
    const definition = layerDefinition(layer.type)!;
    try {
      const output = definition.infer(shape, layer as never);
      out.push({ layer, input: shape, output, weights: definition.weights(shape, layer as never) });
      shape = output;
    } catch (e) {
      throw new LayerStackError((e as Error).message, index);
    }
  });
  return out;
}

/** Parses a stack, giving a message that names the layer and field on failure. */
export function parseLayers(value: unknown): { layers: Layer[] } | { error: string; field: string } {
  if (!Array.isArray(value)) return { error: 'layers must be a list', field: 'layers' };
  const layers: Layer[] = [];
  for (let i = 0; i < value.length; i++) {
    const parsed = LayerSchema.safeParse(value[i]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.path.join('.');
      const type = (value[i] as { type?: unknown })?.type;
      const what = typeof type === 'string' && LAYER_TYPES.includes(type as Layer['type']) ? layerDefinition(type)!.title : 'layer';
      return {
        error: `${what} (layer ${i + 1})${path ? ` ${path}` : ''}: ${issue.message}`,
        field: `layers[${i}]${path ? '.' + path : ''}`,
      };
    }
    layers.push(parsed.data as Layer);
  }
  return { layers };
}
