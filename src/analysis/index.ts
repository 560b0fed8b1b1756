/** Metrics and latent tools shared by the lesson views and `ganvas eval`: pure TypeScript, no TF. */
export * from './assignment';
export * from './embeddings';
export * from './image-metrics';
export * from './probe';
