/**
 * Lights up, on the canvas, what the running phase trains (see highlight.ts): marks its nodes and
 * edges with data attributes, again whenever React Flow mounts new ones.
 */
import { useEffect, useMemo } from 'react';
import { useEditor } from '../store/editor-store';
import { applyHighlightMarks, highlightMarks, useHighlight } from './highlight';

export function HighlightStyle() {
  const highlight = useHighlight();
  const edges = useEditor((s) => s.doc.edges);
  const marks = useMemo(() => highlightMarks(highlight, edges), [highlight, edges]);
  useEffect(() => {
    const area = document.querySelector<HTMLElement>('.canvas-area');
    if (!area) return;
    let frame = 0;
    const apply = () => {
      frame = 0;
      const root = area.querySelector<HTMLElement>('.canvas');
      if (root) applyHighlightMarks(root, marks);
    };
    apply();
    // Nodes and edges mount as they are added (and again when the canvas is redrawn).
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(apply);
    });
    observer.observe(area, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [marks]);
  return null;
}
