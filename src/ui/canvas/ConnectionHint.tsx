/** While a wire hovers a port it cannot go into, says why, next to the cursor. */
import { useConnection, useReactFlow } from '@xyflow/react';
import { canConnect } from '../../graph/connect';
import { checkOf, indexOf } from '../store/derived';
import { editorApi } from '../store/editor-store';

export function ConnectionHint() {
  const rf = useReactFlow();
  const hint = useConnection((c) => {
    if (!c.inProgress || !c.toHandle || c.isValid !== false || !c.toHandle.id || !c.fromHandle.id) return null;
    if (c.toHandle.type === c.fromHandle.type) return null;
    const a = { node: c.fromHandle.nodeId, port: c.fromHandle.id };
    const b = { node: c.toHandle.nodeId, port: c.toHandle.id };
    const [source, target] = c.fromHandle.type === 'source' ? [a, b] : [b, a];
    const doc = editorApi.getState().doc;
    const verdict = canConnect(doc, source, target, checkOf(doc), indexOf(doc));
    if (verdict.ok) return null;
    return { reason: verdict.reason, x: c.to.x, y: c.to.y };
  });
  if (!hint) return null;
  const at = rf.flowToScreenPosition({ x: hint.x, y: hint.y });
  return (
    <div className="wire-hint" role="status" style={{ left: at.x + 14, top: at.y + 14 }}>
      {hint.reason}
    </div>
  );
}
