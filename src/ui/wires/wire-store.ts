/**
 * Which wires the user looks inside — pinned ones, and the one under the pointer — and what was
 * last read from each. UI state only: nothing here is part of the document.
 */
import { create } from 'zustand';
import type { WireProbe } from '../../../workers/training-api';

export interface WireRef {
  node: string;
  port: string;
}

export const wireKey = (r: WireRef): string => `${r.node}\u0000${r.port}`;
export const sameWire = (a: WireRef | null | undefined, b: WireRef | null | undefined): boolean => !!a && !!b && a.node === b.node && a.port === b.port;

export interface WireReading {
  /** The training session it was read from. */
  session: number;
  probe?: WireProbe;
  error?: string;
}

export interface WireState {
  pinned: WireRef[];
  /** The output under the pointer, and where its card goes (page coordinates). */
  hover: { ref: WireRef; x: number; y: number } | null;
  readings: Record<string, WireReading>;
}

/** At most this many pinned wires (each costs a probe per refresh). */
export const MAX_PINNED = 4;

export const useWires = create<WireState>()(() => ({ pinned: [], hover: null, readings: {} }));

export function isPinned(ref: WireRef): boolean {
  return useWires.getState().pinned.some((p) => sameWire(p, ref));
}

export function pinWire(ref: WireRef): void {
  if (isPinned(ref)) return;
  useWires.setState((s) => ({ pinned: [...s.pinned, { node: ref.node, port: ref.port }].slice(-MAX_PINNED) }));
}

export function unpinWire(ref: WireRef): void {
  useWires.setState((s) => ({ pinned: s.pinned.filter((p) => !sameWire(p, ref)) }));
}

export function togglePin(ref: WireRef): void {
  if (isPinned(ref)) unpinWire(ref);
  else pinWire(ref);
}

let leaveTimer: ReturnType<typeof setTimeout> | undefined;

/** The pointer is over an output (or over its card): show the card there. */
export function hoverWire(ref: WireRef, at?: { x: number; y: number }): void {
  clearTimeout(leaveTimer);
  const current = useWires.getState().hover;
  if (sameWire(current?.ref, ref) && !at) return;
  useWires.setState({ hover: { ref, x: at?.x ?? current?.x ?? 0, y: at?.y ?? current?.y ?? 0 } });
}

/** The pointer left: the card goes after a moment, unless the pointer reaches it. */
export function leaveWire(): void {
  clearTimeout(leaveTimer);
  leaveTimer = setTimeout(() => useWires.setState({ hover: null }), 350);
}

export function setReading(ref: WireRef, reading: WireReading): void {
  useWires.setState((s) => ({ readings: { ...s.readings, [wireKey(ref)]: reading } }));
}

/** The wires to keep reading: the pinned ones and the hovered one. */
export function watchedWires(state: WireState = useWires.getState()): WireRef[] {
  const out = [...state.pinned];
  if (state.hover && !out.some((p) => sameWire(p, state.hover!.ref))) out.push(state.hover.ref);
  return out;
}
