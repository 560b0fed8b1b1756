/**
 * The search-and-place popup: opened by double-clicking empty canvas, or by dropping a wire there
 * (then it offers only the kinds that can take that wire, and connects the new node to it).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { NODE_KINDS } from '../../graph/catalog';
import { useT } from '../i18n';
import { useCatalogText } from '../i18n/catalog';
import { CATEGORY_TITLES } from '../../graph/node-kind';
import { kindsTaking, placeNode } from '../store/actions';
import { useEditor } from '../store/editor-store';
import { categoryColour } from '../theme/colours';
import { searchKinds } from './fuzzy';

export function QuickAdd() {
  const state = useEditor((s) => s.ui.quickAdd);
  const setUi = useEditor((s) => s.setUi);
  if (!state) return null;
  return <QuickAddPopup key={`${state.screen.x},${state.screen.y}`} onClose={() => setUi({ quickAdd: null })} />;
}

function QuickAddPopup({ onClose }: { onClose: () => void }) {
  const state = useEditor((s) => s.ui.quickAdd)!;
  const doc = useEditor((s) => s.doc);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const t = useT();
  const c = useCatalogText();
  const pool = useMemo(() => (state.from ? kindsTaking(doc, state.from) : NODE_KINDS), [doc, state.from]);
  const results = useMemo(() => searchKinds(pool, query), [pool, query]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const away = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose();
    };
    addEventListener('pointerdown', away, true);
    return () => removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const pick = (id: string) => {
    onClose();
    placeNode(id, state.flow, state.from);
  };

  const left = Math.min(state.screen.x, innerWidth - 330);
  const top = Math.min(state.screen.y, innerHeight - 360);
  return (
    <div ref={box} className="quickadd" role="dialog" aria-label={t('quickadd.title')} style={{ left, top }}>
      <input
        ref={input}
        type="search"
        placeholder={state.from ? t('quickadd.taking', { wire: `${state.from.node}.${state.from.port}` }) : t('palette.searchPlaceholder')}
        aria-label={t('quickadd.node')}
        aria-controls="quickadd-list"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && results[active]) pick(results[active].id);
          else if (e.key === 'Escape') onClose();
          else return;
          e.preventDefault();
        }}
      />
      <ul id="quickadd-list" role="listbox" aria-label={t('quickadd.matching')}>
        {results.map((k, i) => (
          <li
            key={k.id}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(k.id)}
          >
            <span className="palette-dot" style={{ background: categoryColour(k.category) }} />
            <span className="quickadd-name">{c.kindTitle(k)}</span>
            <span className="quickadd-cat">{c.category(k.category)}</span>
          </li>
        ))}
        {results.length === 0 && <li className="muted quickadd-none">{t(state.from ? 'quickadd.noneTakes' : 'quickadd.noMatch')}</li>}
      </ul>
    </div>
  );
}
