/**
 * The search-and-place popup: opened by double-clicking empty canvas, or by dropping a wire there
 * (then it offers only the kinds that can take that wire, and connects the new node to it).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { NODE_KINDS } from '../../graph/catalog';
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
    <div ref={box} className="quickadd" role="dialog" aria-label="Add a node" style={{ left, top }}>
      <input
        ref={input}
        type="search"
        placeholder={state.from ? `Nodes that take ${state.from.node}.${state.from.port}…` : 'Search nodes…'}
        aria-label="Node to add"
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
      <ul id="quickadd-list" role="listbox" aria-label="Matching nodes">
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
            <span className="quickadd-name">{k.title}</span>
            <span className="quickadd-cat">{CATEGORY_TITLES[k.category]}</span>
          </li>
        ))}
        {results.length === 0 && <li className="muted quickadd-none">{state.from ? 'No node can take this wire' : 'No match'}</li>}
      </ul>
    </div>
  );
}
