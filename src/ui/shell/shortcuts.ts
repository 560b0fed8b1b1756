/** Keyboard shortcuts, listed once: the handler and the help overlay both read this table. */
import { useEffect } from 'react';
import { copySelection, deleteSelection, duplicateSelection, onTrain, paste, selectAll } from '../store/actions';
import { editorApi } from '../store/editor-store';
import { chooseFile, saveFile } from './file-actions';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export interface Shortcut {
  keys: string[];
  what: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: [`${MOD}+Z`], what: 'Undo' },
  { keys: [`${MOD}+Shift+Z`, `${MOD}+Y`], what: 'Redo' },
  { keys: [`${MOD}+C`], what: 'Copy the selection' },
  { keys: [`${MOD}+X`], what: 'Cut the selection' },
  { keys: [`${MOD}+V`], what: 'Paste' },
  { keys: [`${MOD}+D`], what: 'Duplicate the selection' },
  { keys: ['Delete', 'Backspace'], what: 'Delete the selection' },
  { keys: [`${MOD}+A`], what: 'Select everything' },
  { keys: [`${MOD}+S`], what: 'Save the document as a file' },
  { keys: [`${MOD}+O`], what: 'Open a document (.json or an exported .png)' },
  { keys: ['Space', `${MOD}+Enter`], what: 'Train (checks the graph first)' },
  { keys: ['Double-click canvas'], what: 'Search for a node and place it there' },
  { keys: ['Drop a wire on the canvas'], what: 'Add a node that takes it' },
  { keys: ['Shift+drag'], what: 'Select with a box' },
  { keys: ['?'], what: 'Show these shortcuts' },
  { keys: ['Esc'], what: 'Close a dialog, clear the selection' },
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const state = editorApi.getState();
      const mod = isMac ? e.metaKey : e.ctrlKey;
      const key = e.key.toLowerCase();
      const ui = state.ui;

      // These work everywhere, even while typing.
      if (mod && key === 's') {
        e.preventDefault();
        return saveFile();
      }
      if (mod && key === 'o') {
        e.preventDefault();
        return chooseFile();
      }
      if (mod && key === 'enter') {
        e.preventDefault();
        return onTrain();
      }
      if (key === 'escape') {
        if (ui.helpOpen || ui.shareLink || ui.quickAdd || ui.galleryOpen) {
          state.setUi({ helpOpen: false, shareLink: null, quickAdd: null, galleryOpen: false });
        } else if (!typing(e.target)) state.setSelection([]);
        return;
      }
      if (typing(e.target) || ui.galleryOpen || ui.helpOpen || ui.shareLink || ui.quickAdd) return;

      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        return state.undo();
      }
      if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        return state.redo();
      }
      if (mod && key === 'c') {
        if (copySelection()) e.preventDefault();
        return;
      }
      if (mod && key === 'x') {
        if (copySelection()) {
          e.preventDefault();
          deleteSelection();
        }
        return;
      }
      if (mod && key === 'v') {
        e.preventDefault();
        return paste();
      }
      if (mod && key === 'd') {
        e.preventDefault();
        return duplicateSelection();
      }
      if (mod && key === 'a') {
        e.preventDefault();
        return selectAll();
      }
      if (!mod && (key === 'delete' || key === 'backspace')) {
        e.preventDefault();
        return deleteSelection();
      }
      if (!mod && e.key === ' ') {
        if ((e.target as HTMLElement)?.tagName === 'BUTTON') return;
        e.preventDefault();
        return onTrain();
      }
      if (e.key === '?' || e.key === 'F1') {
        e.preventDefault();
        state.setUi({ helpOpen: true });
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}
