/** One graph node on the canvas, drawn from its catalog declaration. */
import { Handle, Position, useUpdateNodeInternals, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useMemo } from 'react';
import { getKind } from '../../graph/catalog';
import { useT, useLocale } from '../i18n';
import { useCatalogText } from '../i18n/catalog';
import { documentText } from '../i18n/document-text';
import { inputPorts, outputPorts, type InputPort, type OutputPort } from '../../graph/node-kind';
import { shown } from '../../graph/text';
import { formatDims, type Shape } from '../../graph/types';
import { useEditor } from '../store/editor-store';
import { handleKey } from '../store/ui-state';
import { categoryColour, KIND_COLOURS } from '../theme/colours';
import { hoverWire, leaveWire } from '../wires/wire-store';
import type { GraphNodeData } from './node-data';

export type GraphFlowNode = Node<GraphNodeData, 'graph'>;

/** A port's short name: its label unless that is long (then its name; the label is in the tooltip). */
const portName = (p: { name: string; label?: string }) => (p.label && p.label.length <= 12 ? p.label : p.name);

function shapeText(shape: Shape | undefined): string {
  if (!shape || shape.kind === 'weights') return '';
  return shape.kind === 'scalar' ? 'scalar' : formatDims(shape.dims);
}

/** Strips the "Generator ‹G›: " every message starts with; the node already says who it is. */
function withoutName(message: string, name: string): string {
  return message.startsWith(name + ': ') ? message.slice(name.length + 2) : message;
}

function GraphNodeViewInner({ id, data, selected }: NodeProps<GraphFlowNode>) {
  const { node, params, inputs, outputs, diagnostics, summary } = data;
  const kind = getKind(node.kind);
  const t = useT();
  const c = useCatalogText();
  const locale = useLocale((s) => s.locale);
  const meta = useEditor((s) => s.doc.meta);
  const label = documentText({ meta }, locale).nodeLabel(node);
  const connecting = useEditor((s) => s.ui.connecting);
  const updateInternals = useUpdateNodeInternals();

  const ins: InputPort[] = useMemo(() => (kind ? safePorts(() => inputPorts(kind, params)) : []), [kind, params]);
  const outs: OutputPort[] = useMemo(() => (kind ? safePorts(() => outputPorts(kind, params)) : []), [kind, params]);
  const portKey = ins.map((p) => p.name).join(',') + '|' + outs.map((p) => p.name).join(',');
  useEffect(() => updateInternals(id), [id, portKey, updateInternals]);

  const name = `${kind ? c.kindTitle(kind) : t('inspector.node')} ‹${shown(label || node.id, 60)}›`;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const portProblems = new Set(errors.filter((d) => d.port).map((d) => d.port));
  const colour = categoryColour(kind?.category);
  const rows = Math.max(ins.length, outs.length);

  const handleClass = (type: 'source' | 'target', port: string) => {
    if (!connecting) return '';
    if (connecting.from.node === id && connecting.from.port === port && connecting.from.handleType === type) return ' is-origin';
    if (connecting.from.handleType === type) return ' is-dim';
    return connecting.valid.has(handleKey(id, port)) ? ' is-valid' : ' is-dim';
  };

  return (
    <div
      className={`gnode${selected ? ' is-selected' : ''}${errors.length ? ' has-error' : warnings.length ? ' has-warning' : ''}${kind ? ` gradient-${kind.gradient}` : ''}`}
      style={{ ['--cat' as string]: colour }}
    >
      <div className="gnode-head">
        <span className="gnode-title">{kind ? c.kindTitle(kind) : node.kind}</span>
        <span className="gnode-label" title={node.id}>
          {label || node.id}
        </span>
        {diagnostics.length > 0 && (
          <span className={`gnode-badge ${errors.length ? 'is-error' : 'is-warning'}`} aria-label={`${t('top.errors', { count: errors.length })}, ${t('top.warnings', { count: warnings.length })}`}>
            {errors.length || warnings.length}
          </span>
        )}
      </div>
      {kind?.gradient === 'reverse' && (
        <div className="gnode-gradient" title={t('canvas.reversedHelp')}>
          <span className="gnode-gradient-mark">×−λ</span> {t('canvas.reversed')}
          {typeof params.lambda === 'number' ? ` · λ ${params.lambda}` : ''}
        </div>
      )}
      {kind?.gradient === 'stop' && (
        <div className="gnode-gradient" title={t('canvas.stopHelp')}>
          <span className="gnode-gradient-mark">⊘</span> {t('canvas.stop')}
        </div>
      )}
      <div className="gnode-ports">
        {Array.from({ length: rows }, (_, i) => {
          const inp = ins[i];
          const out = outs[i];
          return (
            <div className="gnode-row" key={i}>
              <div className={`gnode-port is-in${inp && portProblems.has(inp.name) ? ' has-error' : ''}`}>
                {inp && (
                  <>
                    <Handle
                      type="target"
                      position={Position.Left}
                      id={inp.name}
                      className={`port-handle${inp.name === 'shares' ? ' is-weights' : ''}${handleClass('target', inp.name)}`}
                      style={{ ['--port' as string]: inp.accepts.length === 1 ? KIND_COLOURS[inp.accepts[0]] : inputs[inp.name] ? KIND_COLOURS[inputs[inp.name].kind] : undefined }}
                      aria-label={t('canvas.inputOf', { port: (locale !== 'en' && kind && c.portLabel(kind, 'in', inp, params)) || inp.name, node: name })}
                      title={`${kind ? c.portLabel(kind, 'in', inp, params) ?? inp.name : inp.name}: ${kind ? c.portDescription(kind, 'in', inp, params) : inp.description} (${t('canvas.takes', { kinds: inp.accepts.map((k) => c.tensorKind(k)).join(' / ') })})`}
                    />
                    <span className="gnode-port-name">
                      {portName({ name: inp.name, label: kind ? c.portLabel(kind, 'in', inp, params) : inp.label })}
                      {inp.optional ? <span className="gnode-optional">?</span> : null}
                    </span>
                    <span className="gnode-shape">{shapeText(inputs[inp.name])}</span>
                  </>
                )}
              </div>
              <div className="gnode-port is-out">
                {out && (
                  <>
                    <span className="gnode-shape">{shapeText(outputs[out.name])}</span>
                    <span className="gnode-port-name">{portName({ name: out.name, label: kind ? c.portLabel(kind, 'out', out, params) : out.label })}</span>
                    <Handle
                      type="source"
                      position={Position.Right}
                      id={out.name}
                      className={`port-handle${out.kind === 'weights' ? ' is-weights' : ''}${handleClass('source', out.name)}`}
                      style={{ ['--port' as string]: KIND_COLOURS[outputs[out.name]?.kind ?? out.kind] }}
                      aria-label={t('canvas.outputOf', { port: (locale !== 'en' && kind && c.portLabel(kind, 'out', out, params)) || out.name, node: name })}
                      title={`${(kind && c.portLabel(kind, 'out', out, params)) ?? out.name}: ${kind ? c.portDescription(kind, 'out', out, params) : out.description}`}
                      onMouseEnter={out.kind === 'weights' ? undefined : (e) => hoverWire({ node: id, port: out.name }, { x: e.clientX, y: e.clientY })}
                      onMouseLeave={out.kind === 'weights' ? undefined : leaveWire}
                    />
                  </>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {summary && <div className="gnode-summary">{summary}</div>}
      {diagnostics.length > 0 && (
        <ul className="gnode-problems">
          {[...errors, ...warnings].slice(0, 1).map((d, i) => (
            <li key={i} className={d.severity === 'error' ? 'is-error' : 'is-warning'} title={d.message}>
              {withoutName(d.message, name)}
            </li>
          ))}
          {diagnostics.length > 1 && (
            <li className="gnode-more" title={diagnostics.slice(1).map((d) => d.message).join('\n')}>
              {t('canvas.more', { count: diagnostics.length - 1 })}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function safePorts<T>(get: () => T[]): T[] {
  try {
    return get();
  } catch {
    return [];
  }
}

export const GraphNodeView = memo(GraphNodeViewInner);
