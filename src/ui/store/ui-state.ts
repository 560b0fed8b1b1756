/** UI state kept beside the document: panels, overlays, the wire being dragged, messages. */
import type { XYPosition } from '@xyflow/react';

export type Theme = 'light' | 'dark';
export type RightTab = 'node' | 'schedule' | 'settings' | 'lesson';

export interface WireEnd {
  node: string;
  port: string;
  /** `source`: an output is being dragged; `target`: an input is. */
  handleType: 'source' | 'target';
}

export interface QuickAddState {
  /** Where the popup opens, in page coordinates. */
  screen: XYPosition;
  /** Where the node goes, in canvas coordinates. */
  flow: XYPosition;
  /** A wire dropped on empty canvas: only kinds that can take it are offered, and it is connected. */
  from?: WireEnd;
}

export interface Toast {
  id: number;
  tone: 'info' | 'error' | 'success';
  text: string;
  /** Shown next to this page position (e.g. a refused connection), else at the bottom. */
  at?: XYPosition;
  /** A button in the message (e.g. Undo after a template replaced the graph). */
  action?: { label: string; run: () => void };
}

/** A yes/no question in a dialog (see `ask`); `answer` closes it. */
export interface Question {
  title: string;
  text: string;
  /** The button that goes ahead (focused first). */
  confirm: string;
  /** The button that keeps things as they are. */
  cancel: string;
  answer(yes: boolean): void;
}

export interface UiState {
  theme: Theme;
  galleryOpen: boolean;
  helpOpen: boolean;
  shareLink: string | null;
  rightTab: RightTab;
  paletteOpen: boolean;
  problemsOpen: boolean;
  quickAdd: QuickAddState | null;
  /** The wire being dragged and the handles it may end on (`node\u0000port`). */
  connecting: { from: WireEnd; valid: ReadonlySet<string> } | null;
  toast: Toast | null;
  question: Question | null;
  /** Incremented to ask the canvas to fit the view (after opening a document). */
  fitRequest: number;
  /** A node to centre the view on (from the problems list). */
  focus: { id: string; n: number } | null;
}

export function preferredTheme(): Theme {
  try {
    const saved = localStorage.getItem('ganvas.theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* storage unavailable */
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function initialUi(): UiState {
  return {
    theme: typeof window === 'undefined' ? 'light' : preferredTheme(),
    galleryOpen: false,
    helpOpen: false,
    shareLink: null,
    rightTab: 'node',
    paletteOpen: true,
    problemsOpen: false,
    quickAdd: null,
    connecting: null,
    toast: null,
    question: null,
    fitRequest: 0,
    focus: null,
  };
}

export const handleKey = (node: string, port: string) => `${node}\u0000${port}`;
