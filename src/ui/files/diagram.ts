/**
 * Diagram export for slides: an SVG drawn from the document and the canvas's measured layout (no
 * UI chrome), and a PNG made from it that carries the document in an iTXt chunk, so dropping the
 * picture back on the page opens the graph.
 */
import { getBezierPath, Position, type ReactFlowInstance } from '@xyflow/react';
import { getKind } from '../../graph/catalog';
import type { CheckResult } from '../../graph/checker';
import type { GraphDocument } from '../../graph/document';
import { serializeDocument } from '../../graph/load';
import { inputPorts, outputPorts } from '../../graph/node-kind';
import { formatDims, type Shape } from '../../graph/types';
import { buildNodeData } from '../canvas/node-data';
import { groupCanvasId, noteCanvasId } from '../store/ids';
import { categoryColour, KIND_COLOURS } from '../theme/colours';
import { addPngText } from '../../data/png-text';

export const DIAGRAM_KEYWORD = 'ganvas';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace";

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface HandleAt {
  id: string;
  x: number;
  y: number;
}

interface Layout {
  box: Box;
  source: HandleAt[];
  target: HandleAt[];
}

type FlowLike = Pick<ReactFlowInstance, 'getInternalNode'>;

function layoutOf(rf: FlowLike, id: string, fallback: Box): Layout {
  const n = rf.getInternalNode(id);
  if (!n) return { box: fallback, source: [], target: [] };
  const box = { x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, w: n.measured.width ?? fallback.w, h: n.measured.height ?? fallback.h };
  const handles = (list: readonly { id?: string | null; x: number; y: number; width: number; height: number }[] | null | undefined): HandleAt[] =>
    (list ?? []).map((h) => ({ id: h.id ?? '', x: h.x + h.width / 2, y: h.y + h.height / 2 }));
  return { box, source: handles(n.internals.handleBounds?.source), target: handles(n.internals.handleBounds?.target) };
}

function shapeText(shape: Shape | undefined): string {
  if (!shape || shape.kind === 'weights') return '';
  return shape.kind === 'scalar' ? 'scalar' : formatDims(shape.dims);
}

function wrap(text: string, width: number): string[] {
  const perLine = Math.max(8, Math.floor(width / 6.6));
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if ((line + ' ' + word).trim().length > perLine && line) {
        lines.push(line);
        line = word;
      } else line = (line + ' ' + word).trim();
    }
    lines.push(line);
  }
  return lines;
}

export function diagramSvg(doc: GraphDocument, check: CheckResult, rf: FlowLike): string {
  const data = buildNodeData(doc, check, new Map());
  const layouts = new Map<string, Layout>();
  for (const n of doc.nodes) layouts.set(n.id, layoutOf(rf, n.id, { x: n.position.x, y: n.position.y, w: 220, h: 90 }));
  const noteBoxes = doc.notes.map((n) => layoutOf(rf, noteCanvasId(n.id), { x: n.position.x, y: n.position.y, w: n.width ?? 200, h: n.height ?? 120 }).box);
  const groupBoxes = doc.groups.map((g) => layoutOf(rf, groupCanvasId(g.id), { x: g.position.x, y: g.position.y, w: g.width, h: g.height }).box);
  const boxes = [...[...layouts.values()].map((l) => l.box), ...noteBoxes, ...groupBoxes];
  const pad = 32;
  const minX = boxes.length ? Math.min(...boxes.map((b) => b.x)) - pad : 0;
  const minY = boxes.length ? Math.min(...boxes.map((b) => b.y)) - pad : 0;
  const maxX = boxes.length ? Math.max(...boxes.map((b) => b.x + b.w)) + pad : 400;
  const maxY = boxes.length ? Math.max(...boxes.map((b) => b.y + b.h)) + pad : 300;
  const width = Math.round(maxX - minX);
  const height = Math.round(maxY - minY);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}" font-family="${esc(FONT)}">`,
    `<title>${esc(doc.meta.title)}</title>`,
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
  );

  doc.groups.forEach((g, i) => {
    const b = groupBoxes[i];
    const colour = g.color ?? '#6b7a90';
    out.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="14" fill="${colour}" fill-opacity="0.06" stroke="${colour}" stroke-opacity="0.55" stroke-dasharray="6 5"/>`,
      `<text x="${b.x + 14}" y="${b.y + 22}" font-size="13" font-weight="600" fill="${colour}">${esc(g.label)}</text>`,
    );
  });

  for (const e of doc.edges) {
    const s = layouts.get(e.source.node);
    const t = layouts.get(e.target.node);
    if (!s || !t) continue;
    const sh = s.source.find((h) => h.id === e.source.port);
    const th = t.target.find((h) => h.id === e.target.port);
    const sx = s.box.x + (sh?.x ?? s.box.w);
    const sy = s.box.y + (sh?.y ?? s.box.h / 2);
    const tx = t.box.x + (th?.x ?? 0);
    const ty = t.box.y + (th?.y ?? t.box.h / 2);
    const [path, lx, ly] = getBezierPath({ sourceX: sx, sourceY: sy, sourcePosition: Position.Right, targetX: tx, targetY: ty, targetPosition: Position.Left });
    const shape = check.shapes[e.source.node]?.outputs[e.source.port];
    const shares = shape?.kind === 'weights';
    const colour = shares ? '#8a8f98' : shape ? KIND_COLOURS[shape.kind] : '#9aa3af';
    out.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${shares ? ' stroke-dasharray="6 5"' : ''}/>`);
    if (shares) {
      out.push(
        `<rect x="${lx - 46}" y="${ly - 9}" width="92" height="18" rx="9" fill="#ffffff" stroke="#c4c8cf"/>`,
        `<text x="${lx}" y="${ly + 4}" font-size="10.5" text-anchor="middle" fill="#5b616b">shares weights</text>`,
      );
    }
  }

  for (const n of doc.nodes) {
    const kind = getKind(n.kind);
    const l = layouts.get(n.id)!;
    const b = l.box;
    const colour = categoryColour(kind?.category);
    const d = data.get(n.id);
    const params = check.params[n.id] ?? {};
    out.push(`<g transform="translate(${b.x} ${b.y})">`);
    out.push(`<rect width="${b.w}" height="${b.h}" rx="10" fill="#ffffff" stroke="${colour}" stroke-width="1.5"/>`);
    out.push(`<path d="M0 10a10 10 0 0 1 10-10h${b.w - 20}a10 10 0 0 1 10 10v20h-${b.w}z" fill="${colour}"/>`);
    out.push(`<text x="10" y="19" font-size="12.5" font-weight="600" fill="#ffffff">${esc(kind?.title ?? n.kind)}</text>`);
    out.push(`<text x="${b.w - 10}" y="19" font-size="11.5" text-anchor="end" fill="#ffffff" fill-opacity="0.9">${esc(n.label || n.id)}</text>`);
    if (kind?.gradient === 'reverse' || kind?.gradient === 'stop') {
      const label = kind.gradient === 'reverse' ? `×−λ  gradient reversed` : '⊘  gradient stops here';
      out.push(`<rect x="8" y="36" width="${b.w - 16}" height="18" rx="5" fill="${colour}" fill-opacity="0.12"/>`);
      out.push(`<text x="16" y="49" font-size="11" font-weight="600" fill="${colour}">${esc(label)}</text>`);
    }
    let ports: { name: string; label: string }[] = [];
    try {
      ports = kind ? [...inputPorts(kind, params), ...outputPorts(kind, params)].map((p) => ({ name: p.name, label: p.label ?? p.name })) : [];
    } catch {
      /* a node whose params break its port list is drawn without ports */
    }
    const label = (id: string) => ports.find((p) => p.name === id)?.label ?? id;
    for (const h of l.target) {
      const shape = d?.inputs[h.id];
      out.push(`<circle cx="${h.x}" cy="${h.y}" r="4.5" fill="${shape ? KIND_COLOURS[shape.kind] : '#b8bec8'}" stroke="#ffffff" stroke-width="1.5"/>`);
      out.push(`<text x="${h.x + 10}" y="${h.y + 4}" font-size="11" fill="#2b3038">${esc(label(h.id))}<tspan font-family="${esc(MONO)}" font-size="10" fill="#7a818c"> ${esc(shapeText(shape))}</tspan></text>`);
    }
    for (const h of l.source) {
      const shape = d?.outputs[h.id];
      out.push(`<circle cx="${h.x}" cy="${h.y}" r="4.5" fill="${shape ? KIND_COLOURS[shape.kind] : '#b8bec8'}" stroke="#ffffff" stroke-width="1.5"/>`);
      out.push(`<text x="${h.x - 10}" y="${h.y + 4}" font-size="11" text-anchor="end" fill="#2b3038"><tspan font-family="${esc(MONO)}" font-size="10" fill="#7a818c">${esc(shapeText(shape))} </tspan>${esc(label(h.id))}</text>`);
    }
    if (d?.summary) {
      out.push(`<text x="10" y="${b.h - 10}" font-size="10.5" fill="#6b7280">${esc(d.summary.slice(0, Math.floor(b.w / 5.8)))}</text>`);
    }
    out.push('</g>');
  }

  doc.notes.forEach((note, i) => {
    const b = noteBoxes[i];
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="6" fill="${note.color ?? '#fff4c2'}" stroke="#e2c96b"/>`);
    wrap(note.text, b.w - 20)
      .slice(0, Math.max(1, Math.floor((b.h - 16) / 16)))
      .forEach((line, j) => out.push(`<text x="${b.x + 10}" y="${b.y + 22 + j * 16}" font-size="12" fill="#3d3520">${esc(line)}</text>`));
  });

  out.push('</svg>');
  return out.join('\n');
}

/** Rasterises the SVG at `scale` and embeds the document in the PNG. */
export async function diagramPng(doc: GraphDocument, svg: string, scale = 2): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw the diagram');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('this browser could not encode the PNG');
    const png = new Uint8Array(await blob.arrayBuffer());
    return addPngText(png, DIAGRAM_KEYWORD, serializeDocument(doc));
  } finally {
    URL.revokeObjectURL(url);
  }
}
