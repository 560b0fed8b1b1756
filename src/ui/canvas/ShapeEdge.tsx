/**
 * An edge coloured by the tensor kind it carries, labelled with its shape on hover. Weight-sharing
 * edges (an output `weights` into an input `shares`) are dashed and always say so.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import type { Shape } from '../../graph/types';
import { useT } from '../i18n';
import { describeShapeIn, useCatalogText } from '../i18n/catalog';
import { KIND_COLOURS } from '../theme/colours';

export interface ShapeEdgeData extends Record<string, unknown> {
  shape?: Shape;
  shares: boolean;
  /** Errors the checker reports on this edge or its target port. */
  problem?: string;
}

export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

function ShapeEdgeInner(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [hover, setHover] = useState(false);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const shares = !!data?.shares;
  const colour = data?.problem ? 'var(--danger)' : shares ? 'var(--weights)' : data?.shape ? KIND_COLOURS[data.shape.kind] : 'var(--edge)';
  const t = useT();
  const c = useCatalogText();
  const label = shares ? t('canvas.sharesWeights') : data?.shape ? describeShapeIn(data.shape, c).replace(/^an? /, '') : t('canvas.shapeUnknown');
  const showLabel = shares || hover || selected;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={0}
        className={`shape-edge${shares ? ' is-shares' : ''}${selected ? ' is-selected' : ''}`}
        style={{ stroke: colour }}
      />
      <path
        d={path}
        className="react-flow__edge-interaction"
        fill="none"
        strokeOpacity={0}
        strokeWidth={16}
        onMouseEnter={() => setHover(true)}
        onMouseLeave={() => setHover(false)}
      />
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label${shares ? ' is-shares' : ''}${data?.problem ? ' is-error' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={data?.problem}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeInner);
