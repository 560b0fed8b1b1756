/**
 * The layers a network's stack is made of: one file per layer type in this folder, each one
 * `defineLayer(...)` whose zod params give the parser, the defaults, the inspector's fields and
 * the types of its shape rule, listed once in ./catalog. The checker, the compiler, the inspector
 * and the engine read these declarations; the engine's builders are typed over `LayerType`.
 */
export { LAYERS, LAYER_TYPES, LayerSchema, layerDefinition, type Layer, type LayerOf, type LayerType } from './catalog';
export type { FieldMeta, LayerDeclaration, LayerDefinition, LayerValue } from './define';
export { unetChannels } from './unet-block';
export { LayerStackError, parseLayers, resolveLayers, scaleLayers, usesBatchStatistics, type ResolvedLayer } from './stack';
