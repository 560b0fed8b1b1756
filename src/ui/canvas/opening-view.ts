/**
 * The view a document opens at: the whole graph when it fits at a zoom where its text is readable
 * (full nodes down to READABLE_ZOOM, compact ones down to COMPACT_FLOOR_ZOOM), else the floor zoom
 * with the graph's start (its left edge, where data and codes come in) in view — the minimap and
 * panning show the rest. Pure.
 */
import type { Box } from './free-spot';

/**
 * Node titles are 13 px at zoom 1 (app.css): this zoom keeps them at 11 px or more on screen.
 * Below it nodes draw compact (CompactZoom.tsx): title and label at 11 px on screen, ports as dots.
 */
export const READABLE_ZOOM = 11 / 13;
/** The least a document opens at: compact nodes' titles still fit inside them. */
export const COMPACT_FLOOR_ZOOM = 0.42;
export const MAX_OPENING_ZOOM = 1.1;
/** Space around the graph, as a share of the view. */
const PADDING = 0.06;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export function boundsOf(boxes: readonly Box[]): Box | null {
  if (!boxes.length) return null;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** The viewport (React Flow's: screen = flow × zoom + offset) for a view of `width` × `height` px. */
export function openingViewport(bounds: Box, view: { width: number; height: number }, minZoom = COMPACT_FLOOR_ZOOM): Viewport {
  const padX = view.width * PADDING;
  const padY = view.height * PADDING;
  const fit = Math.min((view.width - 2 * padX) / bounds.width, (view.height - 2 * padY) / bounds.height);
  const zoom = Math.min(MAX_OPENING_ZOOM, Math.max(minZoom, fit));
  const w = bounds.width * zoom;
  const h = bounds.height * zoom;
  // Centred along an axis where the graph fits; from its left (or top) edge where it does not.
  const x = w <= view.width - 2 * padX ? (view.width - w) / 2 - bounds.x * zoom : padX - bounds.x * zoom;
  const y = h <= view.height - 2 * padY ? (view.height - h) / 2 - bounds.y * zoom : padY - bounds.y * zoom;
  return { x, y, zoom };
}
