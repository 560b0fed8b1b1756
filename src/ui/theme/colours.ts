/** Colours by node category and tensor kind, shared by the canvas, palette, thumbnails and exports. */
import type { Category } from '../../graph/node-kind';
import type { TensorKind } from '../../graph/types';

export const CATEGORY_COLOURS: Record<Category, string> = {
  data: '#0e9f8e',
  latent: '#8b5cf6',
  network: '#2f6fde',
  gradient: '#e0662b',
  loss: '#d43f6b',
};

export const KIND_COLOURS: Record<TensorKind, string> = {
  image: '#e89a1c',
  vector: '#3b82f6',
  label: '#16a34a',
  logits: '#dc2626',
  code: '#9333ea',
  scalar: '#64748b',
  weights: '#8a8f98',
};

export const KIND_TITLES: Record<TensorKind, string> = {
  image: 'image',
  vector: 'vector',
  label: 'labels',
  logits: 'logits',
  code: 'code',
  scalar: 'scalar',
  weights: 'weights',
};

export function categoryColour(category: Category | undefined): string {
  return category ? CATEGORY_COLOURS[category] : '#888';
}
