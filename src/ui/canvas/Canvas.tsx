/**
 * The React Flow canvas. The document is the truth: nodes and edges are drawn from it, and every
 * change the canvas reports becomes one edit (a whole drag is one step). While a node is dragged
 * its position lives here only, so the document (and the checker) are untouched until the drop.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type Node,
  type NodeChange,
  type OnConnectStartParams,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { getKind } from '../../graph/catalog';
import { canConnect } from '../../graph/connect';
import type { GraphDocument, Group, Note, PortRef } from '../../graph/document';
import { outputPorts } from '../../graph/node-kind';
import { connect, perform, placeNode, toast } from '../store/actions';
import { checkOf, indexOf } from '../store/derived';
import { editorApi, useEditor } from '../store/editor-store';
import { addGroup, addNote, moveItems, newNoteId } from '../store/edits';
import { groupCanvasId, noteCanvasId, uniqueId } from '../store/ids';
import { handleKey, type WireEnd } from '../store/ui-state';
import { categoryColour } from '../theme/colours';
import { CompactZoom } from './CompactZoom';
import { t as translateNow, useLocale, useT, type Translate } from '../i18n';
import { catalogText } from '../i18n/catalog';
import { documentText } from '../i18n/document-text';
import { shown } from '../../graph/text';
import { ConnectionHint } from './ConnectionHint';
import { measuredSizes, TYPICAL_NODE } from './free-spot';
import { boundsOf, openingViewport } from './opening-view';
import { GraphNodeView } from './GraphNodeView';
import { buildNodeData, type GraphNodeData } from './node-data';
import { FrameNodeView, NoteNodeView } from './NoteNodeView';
import { ShapeEdge, type ShapeEdgeData } from './ShapeEdge';

export const PALETTE_MIME = 'application/x-ganvas-kind';

const nodeTypes = { graph: GraphNodeView, note: NoteNodeView, frame: FrameNodeView };
const edgeTypes = { shape: ShapeEdge };
const SNAP: [number, number] = [10, 10];
const FIT = { padding: 0.15, maxZoom: 1.1 };
const MINIMAP_SIZE = { width: 168, height: 112 };

type Override = { position?: XYPosition; width?: number; height?: number };

const noteData = new WeakMap<Note, { note: Note }>();
const groupData = new WeakMap<Group, { group: Group }>();
const dataFor = <K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V => {
  let v = map.get(key);
  if (!v) map.set(key, (v = make()));
  return v;
};

/** Valid other ends for a wire starting at `from`, as handle keys. */
function validEnds(doc: GraphDocument, from: WireEnd): Set<string> {
  const check = checkOf(doc);
  const index = indexOf(doc);
  const out = new Set<string>();
  const wire: PortRef = { node: from.node, port: from.port };
  for (const node of doc.nodes) {
    const kind = getKind(node.kind);
    if (!kind) continue;
    const params = check.params[node.id];
    if (!params) continue;
    if (from.handleType === 'source') {
      const ports = typeof kind.inputs === 'function' ? kind.inputs(params) : kind.inputs;
      for (const p of ports) if (canConnect(doc, wire, { node: node.id, port: p.name }, check, index).ok) out.add(handleKey(node.id, p.name));
    } else {
      for (const p of outputPorts(kind, params)) if (canConnect(doc, { node: node.id, port: p.name }, wire, check, index).ok) out.add(handleKey(node.id, p.name));
    }
  }
  return out;
}

function isWeightsEdge(doc: GraphDocument, sourceNode: string, sourcePort: string): boolean {
  const node = indexOf(doc).nodes.get(sourceNode);
  const kind = node && getKind(node.kind);
  const params = node && checkOf(doc).params[node.id];
  if (!kind || !params) return false;
  try {
    return outputPorts(kind, params).find((p) => p.name === sourcePort)?.kind === 'weights';
  } catch {
    return false;
  }
}

/** React Flow's own words (keyboard help, zoom buttons, minimap) in the interface's language. */
function ariaLabels(t: Translate) {
  const direction = (d: string) => (d === 'up' ? t('rf.dir.up') : d === 'down' ? t('rf.dir.down') : d === 'left' ? t('rf.dir.left') : d === 'right' ? t('rf.dir.right') : d);
  return {
    'node.a11yDescription.default': t('rf.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('rf.nodeHelpKeyboard'),
    'node.a11yDescription.ariaLiveMessage': ({ direction: d, x, y }: { direction: string; x: number; y: number }) => t('rf.moved', { direction: direction(d), x, y }),
    'edge.a11yDescription.default': t('rf.edgeHelp'),
    'controls.ariaLabel': t('rf.controls'),
    'controls.zoomIn.ariaLabel': t('rf.zoomIn'),
    'controls.zoomOut.ariaLabel': t('rf.zoomOut'),
    'controls.fitView.ariaLabel': t('rf.fitView'),
    'controls.interactive.ariaLabel': t('rf.interactive'),
    'minimap.ariaLabel': t('rf.minimap'),
    'handle.ariaLabel': t('rf.handle'),
  };
}

export function Canvas() {
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const edgeSelection = useEditor((s) => s.edgeSelection);
  const theme = useEditor((s) => s.ui.theme);
  const fitRequest = useEditor((s) => s.ui.fitRequest);
  const focus = useEditor((s) => s.ui.focus);
  const check = checkOf(doc);
  const rf = useReactFlow();

  const canvasRef = useRef<HTMLDivElement>(null);
  const canvasElement = useCallback(() => canvasRef.current, []);
  const dataCache = useRef(new Map()).current;
  const nodeCache = useRef(new Map<string, Node>()).current;
  const edgeCache = useRef(new Map<string, { key: string; edge: Edge }>()).current;
  // Shared with placement (free-spot.ts): where a new or pasted node can go without landing on one.
  const sizes = measuredSizes;
  const [overrides, setOverrides] = useState<Map<string, Override> | null>(null);
  /** Bumped when React Flow measures a node for the first time or at a new size. */
  const [measureCount, setMeasureCount] = useState(0);
  const overridesRef = useRef(overrides);
  overridesRef.current = overrides;
  const dragging = useRef(false);
  const resizing = useRef(new Set<string>()).current;
  /** Items a dragged frame carries with it: their start positions and the frame's. */
  const carry = useRef(new Map<string, { start: XYPosition; items: Map<string, XYPosition> }>()).current;

  const locale = useLocale((s) => s.locale);
  const t = useT();
  const flowLabels = useMemo(() => ariaLabels(t), [t]);
  const datas = useMemo(() => buildNodeData(doc, check, dataCache), [doc, check, dataCache, locale]);

  const baseNodes = useMemo(() => {
    const sel = new Set(selection);
    const out: Node[] = [];
    const text = documentText(doc, locale);
    const c = catalogText(locale);
    /** "Generator ‹G›" in the interface's language. */
    const shownNodeName = (n: (typeof doc.nodes)[number]) => {
      const kind = getKind(n.kind);
      return `${kind ? c.kindTitle(kind) : translateNow('inspector.node')} ‹${shown(text.nodeLabel(n) || n.id, 60)}›`;
    };
    const keep = (n: Node): Node => {
      const prev = nodeCache.get(n.id);
      const measured = sizes.get(n.id);
      if (
        prev &&
        prev.data === n.data &&
        prev.selected === n.selected &&
        prev.position === n.position &&
        prev.width === n.width &&
        prev.height === n.height &&
        prev.measured?.width === measured?.width &&
        prev.measured?.height === measured?.height
      ) {
        return prev;
      }
      const made = measured ? { ...n, measured } : n;
      nodeCache.set(n.id, made);
      return made;
    };
    for (const g of doc.groups) {
      const id = groupCanvasId(g.id);
      out.push(keep({ id, type: 'frame', position: g.position, width: g.width, height: g.height, zIndex: -1, selected: sel.has(id), data: dataFor(groupData, g, () => ({ group: g })), ariaLabel: t('canvas.frameItem', { label: g.label }) }));
    }
    for (const n of doc.nodes) {
      const data = datas.get(n.id) as GraphNodeData;
      out.push(keep({ id: n.id, type: 'graph', position: n.position, selected: sel.has(n.id), data, ariaLabel: shownNodeName(n) }));
    }
    for (const note of doc.notes) {
      const id = noteCanvasId(note.id);
      out.push(keep({ id, type: 'note', position: note.position, width: note.width ?? 200, height: note.height ?? 120, selected: sel.has(id), data: dataFor(noteData, note, () => ({ note })), ariaLabel: t('canvas.noteItem') }));
    }
    const live = new Set(out.map((n) => n.id));
    for (const id of nodeCache.keys()) if (!live.has(id)) nodeCache.delete(id);
    return out;
  }, [doc.groups, doc.nodes, doc.notes, datas, selection, nodeCache, sizes, measureCount, t]);

  const nodes = useMemo(() => {
    if (!overrides) return baseNodes;
    return baseNodes.map((n) => {
      const o = overrides.get(n.id);
      return o ? { ...n, ...o, measured: o.width ? { width: o.width, height: o.height } : (sizes.get(n.id) ?? n.measured) } : n;
    });
  }, [baseNodes, overrides, sizes]);

  const edges = useMemo(() => {
    const sel = new Set(edgeSelection);
    const problems = new Map<string, string>();
    for (const d of check.diagnostics) if (d.edge && d.severity === 'error') problems.set(d.edge, d.message);
    const out: Edge[] = doc.edges.map((e) => {
      const data: ShapeEdgeData = {
        shape: check.shapes[e.source.node]?.outputs[e.source.port],
        shares: isWeightsEdge(doc, e.source.node, e.source.port),
        problem: problems.get(e.id),
      };
      const selected = sel.has(e.id);
      const key = JSON.stringify([e.source, e.target, data, selected, locale]);
      const prev = edgeCache.get(e.id);
      if (prev && prev.key === key) return prev.edge;
      const edge: Edge = {
        id: e.id,
        source: e.source.node,
        sourceHandle: e.source.port,
        target: e.target.node,
        targetHandle: e.target.port,
        type: 'shape',
        selected,
        data,
        ariaLabel: t('canvas.edge', { from: `${e.source.node}.${e.source.port}`, to: `${e.target.node}.${e.target.port}` }),
      };
      edgeCache.set(e.id, { key, edge });
      return edge;
    });
    return out;
  }, [doc, check, edgeSelection, edgeCache, t, locale]);

  // ── Changes from React Flow ────────────────────────────────────────────────────────────────

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const state = editorApi.getState();
      let sel: Set<string> | null = null;
      let next: Map<string, Override> | null = null;
      const put = (id: string, o: Override) => {
        next ??= new Map(overridesRef.current ?? []);
        next.set(id, { ...next.get(id), ...o });
      };
      const moves = new Map<string, XYPosition>();
      let measuredNew = false;
      for (const c of changes) if (c.type === 'dimensions' && c.resizing) resizing.add(c.id);
      for (const c of changes) {
        if (c.type === 'dimensions') {
          if (c.dimensions) {
            const before = sizes.get(c.id);
            if (!before || before.width !== c.dimensions.width || before.height !== c.dimensions.height) measuredNew = true;
            sizes.set(c.id, c.dimensions);
          }
          if (c.resizing && c.dimensions) put(c.id, { width: c.dimensions.width, height: c.dimensions.height });
          if (c.resizing === false) resizing.delete(c.id);
        } else if (c.type === 'position' && c.position) {
          if (dragging.current || c.dragging || resizing.has(c.id)) {
            put(c.id, { position: c.position });
            const carried = carry.get(c.id);
            if (carried) {
              const dx = c.position.x - carried.start.x;
              const dy = c.position.y - carried.start.y;
              for (const [id, p] of carried.items) put(id, { position: { x: p.x + dx, y: p.y + dy } });
            }
          } else {
            moves.set(c.id, c.position);
          }
        } else if (c.type === 'select') {
          sel ??= new Set(state.selection);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (next) setOverrides(next);
      if (measuredNew && !resizing.size) setMeasureCount((n) => n + 1);
      if (sel) state.setSelection([...(sel as Set<string>)], state.edgeSelection);
      if (moves.size) perform(() => translateNow('undo.move'), moveItems(moves));
    },
    [sizes, resizing, carry],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const state = editorApi.getState();
    let sel: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        sel ??= new Set(state.edgeSelection);
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
    }
    if (sel) state.setSelection(state.selection, [...(sel as Set<string>)]);
  }, []);

  const onNodeDragStart = useCallback(
    (_: unknown, _node: Node, dragged: Node[]) => {
      dragging.current = true;
      carry.clear();
      const draggedIds = new Set(dragged.map((n) => n.id));
      for (const frame of dragged) {
        if (frame.type !== 'frame') continue;
        const fw = frame.width ?? frame.measured?.width ?? 0;
        const fh = frame.height ?? frame.measured?.height ?? 0;
        const items = new Map<string, XYPosition>();
        for (const n of rf.getNodes()) {
          if (draggedIds.has(n.id) || n.type === 'frame') continue;
          const w = n.measured?.width ?? n.width ?? 0;
          const h = n.measured?.height ?? n.height ?? 0;
          const inside = n.position.x >= frame.position.x && n.position.y >= frame.position.y && n.position.x + w <= frame.position.x + fw && n.position.y + h <= frame.position.y + fh;
          if (inside) items.set(n.id, n.position);
        }
        if (items.size) carry.set(frame.id, { start: frame.position, items });
      }
    },
    [rf, carry],
  );

  const onNodeDragStop = useCallback(() => {
    dragging.current = false;
    carry.clear();
    const current = overridesRef.current;
    if (!current) return;
    const moves = new Map<string, XYPosition>();
    for (const [id, o] of current) if (o.position) moves.set(id, o.position);
    if (moves.size) perform(() => (moves.size === 1 ? translateNow('undo.move') : translateNow('undo.moveItems', { n: moves.size })), moveItems(moves));
    setOverrides(null);
  }, [carry]);

  // Resizes are committed by the resizer itself; drop the preview once the document has them.
  useEffect(() => {
    if (overrides && !dragging.current && resizing.size === 0) setOverrides(null);
  }, [doc]);

  // ── Connections ────────────────────────────────────────────────────────────────────────────

  const isValidConnection = useCallback((c: Edge | Connection) => {
    if (!c.sourceHandle || !c.targetHandle) return false;
    const d = editorApi.getState().doc;
    return canConnect(d, { node: c.source, port: c.sourceHandle }, { node: c.target, port: c.targetHandle }, checkOf(d), indexOf(d)).ok;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.sourceHandle && c.targetHandle) connect({ node: c.source, port: c.sourceHandle }, { node: c.target, port: c.targetHandle });
  }, []);

  const onConnectStart = useCallback((_: unknown, p: OnConnectStartParams) => {
    if (!p.nodeId || !p.handleId || !p.handleType) return;
    const from: WireEnd = { node: p.nodeId, port: p.handleId, handleType: p.handleType };
    editorApi.getState().setUi({ connecting: { from, valid: validEnds(editorApi.getState().doc, from) } });
  }, []);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const store = editorApi.getState();
      const from = store.ui.connecting?.from;
      store.setUi({ connecting: null });
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const at = { x: point.clientX, y: point.clientY };
      if (state.toHandle && state.fromHandle && state.toHandle.type === state.fromHandle.type) return;
      if (state.toHandle && state.isValid === false && state.fromHandle && state.toHandle.id && state.fromHandle.id) {
        const a = { node: state.fromHandle.nodeId, port: state.fromHandle.id };
        const b = { node: state.toHandle.nodeId, port: state.toHandle.id };
        const [source, target] = state.fromHandle.type === 'source' ? [a, b] : [b, a];
        const verdict = canConnect(store.doc, source, target, checkOf(store.doc), indexOf(store.doc));
        if (!verdict.ok) toast(verdict.reason, 'error', at);
        return;
      }
      if (!state.toHandle && from) {
        const target = event.target as Element | null;
        if (target?.closest('.react-flow__pane')) {
          store.setUi({ quickAdd: { screen: at, flow: rf.screenToFlowPosition(at), from } });
        }
      }
    },
    [rf],
  );

  // ── Placing nodes ──────────────────────────────────────────────────────────────────────────

  const onDoubleClick = useCallback(
    (e: ReactMouseEvent) => {
      if (!(e.target as Element).classList.contains('react-flow__pane')) return;
      const at = { x: e.clientX, y: e.clientY };
      editorApi.getState().setUi({ quickAdd: { screen: at, flow: rf.screenToFlowPosition(at) } });
    },
    [rf],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME);
      if (!kind) return;
      e.preventDefault();
      e.stopPropagation();
      placeNode(kind, rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    },
    [rf],
  );

  // ── View requests ──────────────────────────────────────────────────────────────────────────

  // Fit once every node has been measured, so the view frames the whole graph.
  useEffect(() => {
    if (fitRequest === 0) return;
    if (editorApi.getState().doc.nodes.length === 0 && editorApi.getState().doc.notes.length === 0) {
      void rf.setViewport({ x: 0, y: 0, zoom: 1 });
      return;
    }
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      const ids = rf.getNodes().map((n) => n.id);
      const ready = ids.every((id) => rf.getInternalNode(id)?.measured.width);
      if (ready || ++tries > 120) fitReadable();
      else frame = requestAnimationFrame(attempt);
    };
    // The whole graph, but never smaller than readable (see opening-view.ts).
    const fitReadable = () => {
      const view = document.querySelector('.canvas')?.getBoundingClientRect();
      const bounds = boundsOf(
        rf.getNodes().map((n) => ({ x: n.position.x, y: n.position.y, width: n.measured?.width ?? n.width ?? TYPICAL_NODE.width, height: n.measured?.height ?? n.height ?? TYPICAL_NODE.height })),
      );
      if (!view || !bounds || view.width < 50 || view.height < 50) return void rf.fitView(FIT);
      void rf.setViewport(openingViewport(bounds, view));
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [fitRequest, rf]);

  useEffect(() => {
    if (!focus) return;
    const node = rf.getInternalNode(focus.id);
    if (!node) return;
    const w = node.measured.width ?? 200;
    const h = node.measured.height ?? 100;
    void rf.setCenter(node.internals.positionAbsolute.x + w / 2, node.internals.positionAbsolute.y + h / 2, { zoom: Math.max(rf.getZoom(), 0.9), duration: 250 });
  }, [focus, rf]);

  const addFurniture = useCallback(
    (what: 'note' | 'frame') => {
      const d = editorApi.getState().doc;
      const box = document.querySelector('.canvas')?.getBoundingClientRect();
      const centre = rf.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 600) / 2, y: (box?.top ?? 0) + (box?.height ?? 400) / 2 });
      if (what === 'note') {
        const id = newNoteId(d);
        perform(() => translateNow('undo.addNote'), addNote({ id, text: '', position: { x: Math.round(centre.x - 100), y: Math.round(centre.y - 60) }, width: 200, height: 120 }), { select: [noteCanvasId(id)] });
      } else {
        const id = uniqueId('frame', new Set(d.groups.map((g) => g.id)));
        perform(() => translateNow('undo.addFrame'), addGroup({ id, label: translateNow('canvas.newFrame'), position: { x: Math.round(centre.x - 200), y: Math.round(centre.y - 150) }, width: 400, height: 300 }), { select: [groupCanvasId(id)] });
      }
    },
    [rf],
  );

  const minimapColour = useCallback((n: Node) => {
    if (n.type === 'graph') return categoryColour(getKind((n.data as GraphNodeData).node.kind)?.category);
    if (n.type === 'note') return '#e9c46a';
    return 'transparent';
  }, []);

  return (
    <div className="canvas" ref={canvasRef} onDoubleClick={onDoubleClick} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        colorMode={theme}
        snapToGrid
        snapGrid={SNAP}
        minZoom={0.1}
        maxZoom={2.5}
        zoomOnDoubleClick={false}
        deleteKeyCode={null}
        panActivationKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        elevateNodesOnSelect={false}
        connectionRadius={24}
        aria-label={t('canvas.label')}
        ariaLabelConfig={flowLabels}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={0} ariaLabel={t('canvas.overview')} style={MINIMAP_SIZE} />
        <Controls showInteractive={false} aria-label={t('canvas.zoom')} />
        <Panel position="top-left" className="canvas-tools">
          <button type="button" className="btn btn-small" onClick={() => addFurniture('note')} title={t('canvas.addNoteHelp')}>
            {t('canvas.addNote')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => addFurniture('frame')} title={t('canvas.addFrameHelp')}>
            {t('canvas.addFrame')}
          </button>
        </Panel>
        <ConnectionHint />
        <CompactZoom target={canvasElement} />
      </ReactFlow>
      {doc.nodes.length === 0 && doc.notes.length === 0 && (
        <div className="canvas-empty" aria-hidden="true">
          <strong>{t('canvas.empty')}</strong>
          <span>{t('canvas.emptyHelp')}</span>
        </div>
      )}
    </div>
  );
}
