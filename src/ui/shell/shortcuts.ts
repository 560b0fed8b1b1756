/** Keyboard shortcuts, listed once: the handler and the help overlay both read this table. */
import { useEffect } from 'react';
import { copySelection, deleteSelection, duplicateSelection, onTrain, paste, selectAll } from '../store/actions';
import { editorApi } from '../store/editor-store';
import { chooseFile, saveFile } from './file-actions';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

/** A key press: `key` as `KeyboardEvent.key` lower-cased; `mod`/`shift` true or false must match, absent means either. */
interface Chord {
  key: string;
  mod?: boolean;
  shift?: boolean;
  /** Also while typing in a field or with a dialog open. */
  anywhere?: boolean;
}

type EditorState = ReturnType<typeof editorApi.getState>;

export interface Shortcut {
  /** As the help overlay shows them. */
  keys: string[];
  what: string;
  /** The key presses that do it (none: a mouse gesture, listed for the help only). */
  chords?: Chord[];
  /** Does it; returns whether the key was used (then the browser's own action is prevented). */
  run?(state: EditorState, e: KeyboardEvent): boolean;
}

const done = (action: () => unknown) => () => (action(), true);

/** Every shortcut, once: the handler and the help overlay both read this table. */
export const SHORTCUTS: Shortcut[] = [
  { keys: [`${MOD}+Z`], what: 'Undo', chords: [{ key: 'z', mod: true, shift: false }], run: (s) => (s.undo(), true) },
  { keys: [`${MOD}+Shift+Z`, `${MOD}+Y`], what: 'Redo', chords: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], run: (s) => (s.redo(), true) },
  { keys: [`${MOD}+C`], what: 'Copy the selection', chords: [{ key: 'c', mod: true }], run: () => copySelection() },
  { keys: [`${MOD}+X`], what: 'Cut the selection', chords: [{ key: 'x', mod: true }], run: () => copySelection() && (deleteSelection(), true) },
  { keys: [`${MOD}+V`], what: 'Paste', chords: [{ key: 'v', mod: true }], run: done(paste) },
  { keys: [`${MOD}+D`], what: 'Duplicate the selection', chords: [{ key: 'd', mod: true }], run: done(duplicateSelection) },
  { keys: ['Delete', 'Backspace'], what: 'Delete the selection', chords: [{ key: 'delete', mod: false }, { key: 'backspace', mod: false }], run: done(deleteSelection) },
  { keys: [`${MOD}+A`], what: 'Select everything', chords: [{ key: 'a', mod: true }], run: done(selectAll) },
  { keys: [`${MOD}+S`], what: 'Save the document as a file', chords: [{ key: 's', mod: true, anywhere: true }], run: done(saveFile) },
  { keys: [`${MOD}+O`], what: 'Open a document (.json or an exported .png)', chords: [{ key: 'o', mod: true, anywhere: true }], run: done(chooseFile) },
  {
    keys: ['Space', `${MOD}+Enter`],
    what: 'Train (checks the graph first)',
    chords: [{ key: ' ', mod: false }, { key: 'enter', mod: true, anywhere: true }],
    // Space on a focused button presses the button instead.
    run: (_s, e) => (e.key === ' ' && (e.target as HTMLElement | null)?.tagName === 'BUTTON' ? false : (onTrain(), true)),
  },
  { keys: ['Double-click canvas'], what: 'Search for a node and place it there' },
  { keys: ['Drop a wire on the canvas'], what: 'Add a node that takes it' },
  { keys: ['Shift+drag'], what: 'Select with a box' },
  { keys: ['?'], what: 'Show these shortcuts', chords: [{ key: '?' }, { key: 'f1' }], run: (s) => (s.setUi({ helpOpen: true }), true) },
  {
    keys: ['Esc'],
    what: 'Close a dialog, clear the selection',
    chords: [{ key: 'escape', anywhere: true }],
    run(s, e) {
      const ui = s.ui;
      if (ui.helpOpen || ui.shareLink || ui.quickAdd || ui.galleryOpen) s.setUi({ helpOpen: false, shareLink: null, quickAdd: null, galleryOpen: false });
      else if (!typing(e.target)) s.setSelection([]);
      return false;
    },
  },
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

const matches = (c: Chord, key: string, mod: boolean, shift: boolean) => c.key === key && (c.mod === undefined || c.mod === mod) && (c.shift === undefined || c.shift === shift);

/** The shortcut a key press does, if any: while typing or with a dialog open, only those marked `anywhere`. */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'target'>, state: Pick<EditorState, 'ui'>): Shortcut | undefined {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const key = e.key.toLowerCase();
  const ui = state.ui;
  const busy = typing(e.target) || ui.galleryOpen || ui.helpOpen || !!ui.shareLink || !!ui.quickAdd || !!ui.question;
  return SHORTCUTS.find((s) => s.run && s.chords?.some((c) => (c.anywhere || !busy) && matches(c, key, mod, e.shiftKey)));
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const state = editorApi.getState();
      const shortcut = shortcutFor(e, state);
      if (shortcut?.run!(state, e)) e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}
