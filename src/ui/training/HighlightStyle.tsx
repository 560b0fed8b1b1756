/** Lights up, on the canvas, what the running phase trains (see highlight.ts). */
import { useEditor } from '../store/editor-store';
import { highlightCss, useHighlight } from './highlight';

export function HighlightStyle() {
  const highlight = useHighlight();
  const edges = useEditor((s) => s.doc.edges);
  const css = highlightCss(highlight, edges);
  return css ? <style data-training-highlight={highlight.phase ?? ''}>{css}</style> : null;
}
