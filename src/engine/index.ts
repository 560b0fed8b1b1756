/** The engine's public surface. */
export { Engine, weightedSum, type EngineEvent, type EngineListener, type EngineOptions, type MemoryInfo, type RunOptions, type RunResult, type SampleResult } from './engine';
export { EngineError, classifyError, type EngineErrorCode } from './errors';
export { DataFeed, Streams, type DataFeedOptions, type FeedState } from './data-feed';
export { initialPlanValues, initialGroupValues, networkVariableSpecs, type InitialVariable } from './init';
export { CHECKPOINT_FORMAT, planHash, type Checkpoint, type CheckpointManifest, type WeightSpec } from './checkpoint';
export { learningRateAt, progressAt } from './schedules';
export { gradientReversal, stopGradient } from './ops';
export { chooseBackend, BACKEND_ORDER, type BackendName, type BackendChoice } from './backend';
