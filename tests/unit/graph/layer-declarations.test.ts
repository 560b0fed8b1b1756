/**
 * Each layer type is declared once: its zod params give the parser, the defaults and the
 * inspector's fields, so the three cannot disagree. Checked per field: the editor's starting value
 * parses, what the field's range refuses the parser refuses, and what it allows the parser allows.
 */
import { describe, expect, it } from 'vitest';
import { LAYERS, LAYER_TYPES, layerDefinition, LayerSchema, parseLayers, scaleLayers, type Layer } from '../../../src/graph/layers';
import type { ParamSpec } from '../../../src/graph/params';
import { validateParam, withDefaults } from '../../../src/graph/params';

/** A new layer as the layer editor makes it: every field's starting value, no empty name. */
function newLayer(type: string): Record<string, unknown> {
  const values = withDefaults(layerDefinition(type)!.fields, {});
  const layer: Record<string, unknown> = { type };
  for (const [k, v] of Object.entries(values)) if (!(k === 'name' && v === '')) layer[k] = v;
  return layer;
}

const parses = (layer: Record<string, unknown>) => LayerSchema.safeParse(layer).success;

/** Values just inside and just outside a number field's range, and a type mismatch. */
function probes(spec: ParamSpec): { inside: unknown[]; outside: unknown[] } {
  if (spec.type === 'int' || spec.type === 'float') {
    const step = spec.type === 'int' ? 1 : 1e-6;
    const inside = [spec.default];
    const outside: unknown[] = ['7'];
    if (spec.min !== undefined) (spec.exclusiveMin ? outside : inside).push(spec.min), outside.push(spec.min - step);
    if (spec.max !== undefined) inside.push(spec.max), outside.push(spec.max + step);
    if (spec.type === 'int') outside.push(spec.default + 0.5);
    return { inside, outside };
  }
  if (spec.type === 'enum') return { inside: [...spec.options], outside: ['nope', 3] };
  if (spec.type === 'bool') return { inside: [true, false], outside: ['yes'] };
  if (spec.type === 'ints') return { inside: [spec.default], outside: [[1.5], 'x'] };
  return { inside: [spec.default === '' ? 'x' : spec.default], outside: [3] };
}

describe('layer declarations', () => {
  it('one declaration per type, and every type has fields with help', () => {
    expect(new Set(LAYER_TYPES).size).toBe(LAYERS.length);
    for (const l of LAYERS) for (const f of l.fields) expect(f.help.length, `${l.type}.${f.name}`).toBeGreaterThan(3);
  });

  it.each(LAYER_TYPES)('%s: the editor’s new layer parses, and the parser fills the same defaults', (type) => {
    const layer = newLayer(type);
    const parsed = LayerSchema.parse(layer);
    expect(parsed).toEqual(layer);
    // Leaving out every param that has a default gives the same layer.
    // (An optional param without a default, such as Tanh's scale, stays: leaving it out is not its starting value.)
    const defaults = layerDefinition(type)!.schema.shape as unknown as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
    const minimal = Object.fromEntries(Object.entries(layer).filter(([k, v]) => k === 'type' || defaults[k].safeParse(undefined).data !== v));
    expect(LayerSchema.parse(minimal)).toEqual(layer);
  });

  it.each(LAYER_TYPES)('%s: each field’s range is the parser’s range', (type) => {
    const base = newLayer(type);
    for (const spec of layerDefinition(type)!.fields) {
      const { inside, outside } = probes(spec);
      for (const v of inside) {
        expect(validateParam(spec, v), `${type}.${spec.name} = ${JSON.stringify(v)} in the inspector`).toEqual([]);
        expect(parses({ ...base, [spec.name]: v }), `${type}.${spec.name} = ${JSON.stringify(v)} in the parser`).toBe(true);
      }
      for (const v of outside) {
        expect(validateParam(spec, v).length, `${type}.${spec.name} = ${JSON.stringify(v)} refused by the inspector`).toBeGreaterThan(0);
        expect(parses({ ...base, [spec.name]: v }), `${type}.${spec.name} = ${JSON.stringify(v)} refused by the parser`).toBe(false);
      }
    }
  });

  it('the drifted defaults have one value each: convolutions kernel 4 stride 2, dropout rate at most 0.95', () => {
    const parsed = parseLayers([{ type: 'conv2d', filters: 3 }, { type: 'convTranspose2d', filters: 3 }]);
    expect('layers' in parsed && parsed.layers).toEqual([
      { type: 'conv2d', filters: 3, kernel: 4, stride: 2, padding: 'same' },
      { type: 'convTranspose2d', filters: 3, kernel: 4, stride: 2, padding: 'same' },
    ]);
    const rate = layerDefinition('dropout')!.fields.find((f) => f.name === 'rate')!;
    expect(rate).toMatchObject({ type: 'float', default: 0.3, min: 0, max: 0.95 });
    expect(parseLayers([{ type: 'dropout', rate: 0.97 }])).toEqual({ error: expect.stringMatching(/^Dropout \(layer 1\) rate: /), field: 'layers[0].rate' });
  });

  it('elementwise layers keep their shape; a Dense before a Reshape(−1) is looked through them', () => {
    const keeps = LAYERS.filter((l) => l.keepsShape).map((l) => l.type);
    expect(keeps.sort()).toEqual(['batchNorm', 'dropout', 'gaussianNoise', 'layerNorm', 'leakyRelu', 'relu', 'sigmoid', 'tanh']);
    for (const between of keeps) {
      const stack = [{ type: 'dense', units: 49 * 8 }, newLayer(between), { type: 'reshape', shape: [7, 7, -1] }, { type: 'dense', units: 10 }] as Layer[];
      // 392 × 0.3 = 117.6: rounded to a multiple of 7·7 so the reshape still fits.
      expect(scaleLayers(stack, 0.3)[0], between).toMatchObject({ units: 98 });
      expect(layerDefinition(between)!.infer([4, 4, 3], newLayer(between) as never)).toEqual([4, 4, 3]);
    }
    expect(scaleLayers([{ type: 'dense', units: 392 }, { type: 'flatten' }, { type: 'reshape', shape: [7, 7, -1] }, { type: 'dense', units: 2 }], 0.3)[0]).toMatchObject({ units: 118 });
  });
});
