/** A small picture of a graph drawn from the document itself: nodes by category, wires between them. */
import { memo } from 'react';
import { getKind } from '../../graph/catalog';
import type { GraphDocument } from '../../graph/document';
import { categoryColour } from '../theme/colours';
import { currentLocale } from '../i18n';
import { documentText } from '../i18n/document-text';

const W = 190;
const H = 70;

function ThumbInner({ doc, title }: { doc: GraphDocument; title: string }) {
  if (doc.nodes.length === 0) {
    return (
      <svg className="thumb" viewBox="0 0 320 170" role="img" aria-label={title}>
        <rect x="110" y="55" width="100" height="60" rx="10" className="thumb-empty" />
        <path d="M160 72v26M147 85h26" className="thumb-plus" />
      </svg>
    );
  }
  const xs = doc.nodes.map((n) => n.position.x);
  const ys = doc.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - 30;
  const minY = Math.min(...ys) - 30;
  const maxX = Math.max(...xs) + W + 30;
  const maxY = Math.max(...ys) + H + 30;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const text = documentText(doc, currentLocale());
  return (
    <svg className="thumb" viewBox={`${minX} ${minY} ${maxX - minX} ${maxY - minY}`} preserveAspectRatio="xMidYMid meet" role="img" aria-label={title}>
      {doc.edges.map((e) => {
        const s = byId.get(e.source.node);
        const t = byId.get(e.target.node);
        if (!s || !t) return null;
        const x1 = s.position.x + W;
        const y1 = s.position.y + H / 2;
        const x2 = t.position.x;
        const y2 = t.position.y + H / 2;
        const dx = Math.max(40, Math.abs(x2 - x1) / 2);
        const shares = e.target.port === 'shares';
        return <path key={e.id} d={`M${x1} ${y1}C${x1 + dx} ${y1} ${x2 - dx} ${y2} ${x2} ${y2}`} className={`thumb-edge${shares ? ' is-shares' : ''}`} />;
      })}
      {doc.nodes.map((n) => {
        const colour = categoryColour(getKind(n.kind)?.category);
        return (
          <g key={n.id} transform={`translate(${n.position.x} ${n.position.y})`}>
            <rect width={W} height={H} rx="12" className="thumb-node" style={{ stroke: colour }} />
            <rect width={W} height="22" rx="12" style={{ fill: colour }} />
            <rect y="11" width={W} height="11" style={{ fill: colour }} />
            <text x="12" y="50" className="thumb-label">
              {(text.nodeLabel(n) || n.id).slice(0, 14)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export const Thumb = memo(ThumbInner);
