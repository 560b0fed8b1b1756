/**
 * The cards of the wires being looked inside: one under the pointer beside the output it came
 * from, and the pinned ones in a column over the canvas. Each reads `wire-store` only.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/editor-store';
import { useT } from '../i18n';
import { installWireProbes } from './probe-loop';
import { hoverWire, isPinned, leaveWire, togglePin, unpinWire, useWires, wireKey, type WireRef } from './wire-store';
import { WireView } from './WireView';

function useLabel(ref: WireRef): string {
  const label = useEditor((s) => s.doc.nodes.find((n) => n.id === ref.node)?.label);
  return `‹${label || ref.node}› ${ref.port}`;
}

function Reading({ wire }: { wire: WireRef }) {
  const t = useT();
  const reading = useWires((s) => s.readings[wireKey(wire)]);
  if (reading?.probe && reading.probe.node === wire.node) return <WireView probe={reading.probe} />;
  return <p className="muted wire-empty">{reading?.error ?? t('wires.reading')}</p>;
}

function Card({ wire, pinned, style, onPointer }: { wire: WireRef; pinned: boolean; style?: React.CSSProperties; onPointer?: boolean }) {
  const t = useT();
  const label = useLabel(wire);
  return (
    <section
      className={`wire-card${pinned ? ' is-pinned' : ' is-hover'}`}
      style={style}
      aria-label={t('wires.cardLabel', { wire: label })}
      onMouseEnter={onPointer ? () => hoverWire(wire) : undefined}
      onMouseLeave={onPointer ? leaveWire : undefined}
    >
      <header className="wire-head">
        <strong>{label}</strong>
        {pinned ? (
          <button type="button" className="icon-btn" aria-label={t('wires.unpinLabel', { wire: label })} title={t('wires.unpin')} onClick={() => unpinWire(wire)}>
            ×
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => togglePin(wire)}>
            {t('wires.pin')}
          </button>
        )}
      </header>
      <Reading wire={wire} />
    </section>
  );
}

/** The pinned cards (over the canvas) and the one under the pointer. */
export function WireCards() {
  const t = useT();
  useEffect(installWireProbes, []);
  const pinned = useWires(useShallow((s) => s.pinned));
  const hover = useWires((s) => s.hover);
  const nodes = useEditor((s) => s.doc.nodes);
  // Pins of nodes that left the graph go with them.
  useEffect(() => {
    for (const p of useWires.getState().pinned) if (!nodes.some((n) => n.id === p.node)) unpinWire(p);
  }, [nodes]);
  const showHover = hover && !isPinned(hover.ref);
  return (
    <>
      {pinned.length > 0 && (
        <div className="wire-pins" role="region" aria-label={t('wires.pinnedRegion')}>
          {pinned.map((w) => (
            <Card key={wireKey(w)} wire={w} pinned />
          ))}
        </div>
      )}
      {showHover && <Card wire={hover.ref} pinned={false} onPointer style={{ left: Math.min(hover.x + 12, innerWidth - 260), top: Math.min(hover.y + 12, innerHeight - 360) }} />}
    </>
  );
}

/** Buttons that pin a node's outputs (for the inspector: the keyboard way to the same cards). */
export function WirePinButtons({ node, ports }: { node: string; ports: { name: string; label?: string }[] }) {
  const t = useT();
  const pinned = useWires(useShallow((s) => s.pinned.filter((p) => p.node === node).map((p) => p.port)));
  if (!ports.length) return null;
  return (
    <section className="inspector-section wire-pin-buttons">
      <h4>{t('wires.lookInside')}</h4>
      <p className="field-help">{t('wires.lookInsideHelp')}</p>
      <div className="wire-pin-row">
        {ports.map((p) => (
          <button key={p.name} type="button" className="btn btn-small" aria-pressed={pinned.includes(p.name)} onClick={() => togglePin({ node, port: p.name })}>
            {t(pinned.includes(p.name) ? 'wires.unpinPort' : 'wires.pinPort', { port: p.label ?? p.name })}
          </button>
        ))}
      </div>
    </section>
  );
}
