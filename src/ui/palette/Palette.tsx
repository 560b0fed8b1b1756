/** The node palette: categories from the catalog, a fuzzy search, drag or click to place. */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { NODE_KINDS } from '../../graph/catalog';
import { CATEGORIES, CATEGORY_TITLES, type NodeKind } from '../../graph/node-kind';
import { PALETTE_MIME } from '../canvas/Canvas';
import { placeNode } from '../store/actions';
import { useEditor } from '../store/editor-store';
import { categoryColour } from '../theme/colours';
import { searchKinds } from './fuzzy';

let placed = 0;

export function Palette() {
  const [query, setQuery] = useState('');
  const rf = useReactFlow();
  const results = useMemo(() => searchKinds(NODE_KINDS, query), [query]);
  const open = useEditor((s) => s.ui.paletteOpen);
  const setUi = useEditor((s) => s.setUi);

  const placeInView = (kind: NodeKind) => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const shift = (placed++ % 5) * 24;
    const at = rf.screenToFlowPosition({ x: (box?.left ?? 300) + (box?.width ?? 600) / 2 - 100 + shift, y: (box?.top ?? 0) + (box?.height ?? 400) / 2 - 60 + shift });
    placeNode(kind.id, at);
  };

  const item = (kind: NodeKind) => (
    <li key={kind.id}>
      <button
        type="button"
        className="palette-item"
        draggable
        onDragStart={(e: DragEvent) => {
          e.dataTransfer.setData(PALETTE_MIME, kind.id);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => placeInView(kind)}
        title={`${kind.description}\nDrag onto the canvas, or click to place it in view.`}
        aria-label={`${kind.title}: ${kind.description}`}
      >
        <span className="palette-dot" style={{ background: categoryColour(kind.category) }} />
        <span className="palette-text">
          <span className="palette-name">{kind.title}</span>
          <span className="palette-desc">{kind.description}</span>
        </span>
      </button>
    </li>
  );

  if (!open) {
    return (
      <nav className="palette is-collapsed" aria-label="Node palette">
        <button type="button" className="icon-btn" aria-label="Show the node palette" title="Show the node palette" onClick={() => setUi({ paletteOpen: true })}>
          »
        </button>
      </nav>
    );
  }

  return (
    <nav className="palette" aria-label="Node palette">
      <div className="palette-search">
        <button type="button" className="icon-btn" aria-label="Hide the node palette" title="Hide the node palette" onClick={() => setUi({ paletteOpen: false })}>
          «
        </button>
        <input
          type="search"
          placeholder="Search nodes…"
          aria-label="Search nodes"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && results[0]) placeInView(results[0]);
            if (e.key === 'Escape') setQuery('');
          }}
        />
      </div>
      <div className="palette-list">
        {query.trim() ? (
          results.length ? (
            <ul aria-label="Search results">{results.map(item)}</ul>
          ) : (
            <p className="muted palette-none">No node matches “{query}”.</p>
          )
        ) : (
          CATEGORIES.map((cat) => (
            <section key={cat} aria-label={CATEGORY_TITLES[cat]}>
              <h3 className="palette-cat">
                <span className="palette-dot" style={{ background: categoryColour(cat) }} />
                {CATEGORY_TITLES[cat]}
              </h3>
              <ul>{NODE_KINDS.filter((k) => k.category === cat).map(item)}</ul>
            </section>
          ))
        )}
      </div>
    </nav>
  );
}
