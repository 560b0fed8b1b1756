/**
 * Compact nodes when zoomed out: below the zoom at which a node's text is readable, nodes draw
 * only their title and label, sized in screen pixels (11 px or more whatever the zoom), with
 * their ports as dots (names in the handles' tooltips). So a big template fits the view whole at
 * its opening zoom and stays readable; zooming in brings the full nodes back. Sets a class and a
 * `--zoom` variable on the canvas element, without re-rendering the canvas on every zoom step.
 */
import { useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { READABLE_ZOOM } from './opening-view';

export function CompactZoom({ target }: { target: () => HTMLElement | null }) {
  const store = useStoreApi();
  useEffect(() => {
    let last = NaN;
    const apply = (zoom: number) => {
      if (zoom === last) return;
      last = zoom;
      const el = target();
      if (!el) return;
      el.style.setProperty('--zoom', String(zoom));
      el.classList.toggle('is-compact', zoom < READABLE_ZOOM - 1e-6);
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s) => apply(s.transform[2]));
  }, [store, target]);
  return null;
}
