/** The node palette: categories from the catalog, a fuzzy search, drag or click to place. */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { NODE_KINDS } from '../../graph/catalog';
import { CATEGORIES, type NodeKind } from '../../graph/node-kind';
import { useT } from '../i18n';
import { useCatalogText } from '../i18n/catalog';
import { PALETTE_MIME } from '../canvas/Canvas';
import { boxesOf, expectedSize, freeSpot } from '../canvas/free-spot';
import { placeNode } from '../store/actions';
import { useEditor } from '../store/editor-store';
import { categoryColour } from '../theme/colours';
import { searchKinds } from './fuzzy';

export function Palette() {
  const t = useT();
  const c = useCatalogText();
  const [query, setQuery] = useState('');
  const rf = useReactFlow();
  const results = useMemo(() => {
    const found = searchKinds(NODE_KINDS, query);
    // The interface's own words find a kind too (一个中文名也能搜到).
    const q = query.trim();
    const own = q ? NODE_KINDS.filter((k) => !found.includes(k) && (c.kindTitle(k).includes(q) || c.kindDescription(k).includes(q))) : [];
    return [...found, ...own];
  }, [query, c]);
  const open = useEditor((s) => s.ui.paletteOpen);
  const setUi = useEditor((s) => s.setUi);

  // A click places the node in view, on a free spot nearest the middle (never on another node).
  const placeInView = (kind: NodeKind) => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const left = box?.left ?? 300;
    const top = box?.top ?? 0;
    const width = box?.width ?? 600;
    const height = box?.height ?? 400;
    const corner = rf.screenToFlowPosition({ x: left, y: top });
    const far = rf.screenToFlowPosition({ x: left + width, y: top + height });
    const middle = rf.screenToFlowPosition({ x: left + width / 2, y: top + height / 2 });
    const doc = useEditor.getState().doc;
    const size = expectedSize(doc, kind.id);
    const want = { x: middle.x - size.width / 2, y: middle.y - size.height / 2 };
    const view = { x: corner.x, y: corner.y, width: far.x - corner.x, height: far.y - corner.y };
    placeNode(kind.id, freeSpot(want, size, boxesOf(doc), view));
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
        title={`${c.kindDescription(kind)}\n${t('palette.dragHint')}`}
        aria-label={`${c.kindTitle(kind)}: ${c.kindDescription(kind)}`}
      >
        <span className="palette-dot" style={{ background: categoryColour(kind.category) }} />
        <span className="palette-text">
          <span className="palette-name">{c.kindTitle(kind)}</span>
          <span className="palette-desc">{c.kindDescription(kind)}</span>
        </span>
      </button>
    </li>
  );

  if (!open) {
    return (
      <nav className="palette is-collapsed" aria-label={t('palette.label')}>
        <button type="button" className="icon-btn" aria-label={t('palette.show')} title={t('palette.show')} onClick={() => setUi({ paletteOpen: true })}>
          »
        </button>
      </nav>
    );
  }

  return (
    <nav className="palette" aria-label={t('palette.label')}>
      <div className="palette-search">
        <button type="button" className="icon-btn" aria-label={t('palette.hide')} title={t('palette.hide')} onClick={() => setUi({ paletteOpen: false })}>
          «
        </button>
        <input
          type="search"
          placeholder={t('palette.searchPlaceholder')}
          aria-label={t('palette.search')}
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
            <ul aria-label={t('palette.results')}>{results.map(item)}</ul>
          ) : (
            <p className="muted palette-none">{t('palette.noMatch', { query })}</p>
          )
        ) : (
          CATEGORIES.map((cat) => (
            <section key={cat} aria-label={c.category(cat)}>
              <h3 className="palette-cat">
                <span className="palette-dot" style={{ background: categoryColour(cat) }} />
                {c.category(cat)}
              </h3>
              <ul>{NODE_KINDS.filter((k) => k.category === cat).map(item)}</ul>
            </section>
          ))
        )}
      </div>
    </nav>
  );
}
