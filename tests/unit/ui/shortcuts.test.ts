/** The shortcuts table: which key press does what, and where (typing in a field, a dialog open). */
import { describe, expect, it } from 'vitest';
import { isMac, shortcutFor, SHORTCUTS } from '../../../src/ui/shell/shortcuts';

const closed = { ui: { galleryOpen: false, helpOpen: false, shareLink: null, quickAdd: null } } as never;
const dialog = { ui: { galleryOpen: false, helpOpen: true, shareLink: null, quickAdd: null } } as never;
const field = { tagName: 'INPUT' } as unknown as EventTarget;
const canvas = { tagName: 'DIV' } as unknown as EventTarget;

function press(key: string, opts: { mod?: boolean; shift?: boolean; target?: EventTarget } = {}) {
  return { key, metaKey: isMac && !!opts.mod, ctrlKey: !isMac && !!opts.mod, shiftKey: !!opts.shift, target: opts.target ?? canvas };
}
const what = (e: ReturnType<typeof press>, state = closed) => shortcutFor(e, state)?.what;

describe('shortcuts', () => {
  it('maps key presses to the table’s entries', () => {
    expect(what(press('z', { mod: true }))).toBe('Undo');
    expect(what(press('Z', { mod: true, shift: true }))).toBe('Redo');
    expect(what(press('y', { mod: true }))).toBe('Redo');
    expect(what(press('Backspace'))).toBe('Delete the selection');
    expect(what(press('Backspace', { mod: true }))).toBeUndefined();
    expect(what(press(' '))).toBe('Train (checks the graph first)');
    expect(what(press('Enter', { mod: true }))).toBe('Train (checks the graph first)');
    expect(what(press('F1'))).toBe('Show these shortcuts');
    expect(what(press('q'))).toBeUndefined();
  });

  it('while typing or with a dialog open, only save, open, train by Ctrl/Cmd+Enter and Esc work', () => {
    for (const [e, state] of [
      [press('z', { mod: true, target: field }), closed],
      [press('Backspace', { target: field }), closed],
      [press(' ', { target: field }), closed],
      [press('a', { mod: true }), dialog],
    ] as const) expect(what(e, state)).toBeUndefined();
    expect(what(press('s', { mod: true, target: field }))).toBe('Save the document as a file');
    expect(what(press('o', { mod: true }), dialog)).toBe('Open a document (.json or an exported .png)');
    expect(what(press('Enter', { mod: true, target: field }))).toBe('Train (checks the graph first)');
    expect(what(press('Escape', { target: field }), dialog)).toBe('Close a dialog, clear the selection');
  });

  it('every entry the help lists has its keys; mouse gestures have no key presses', () => {
    for (const s of SHORTCUTS) {
      expect(s.keys.length, s.what).toBeGreaterThan(0);
      expect(!!s.chords, s.what).toBe(!!s.run);
    }
    expect(SHORTCUTS.filter((s) => !s.chords).map((s) => s.what)).toEqual(['Search for a node and place it there', 'Add a node that takes it', 'Select with a box']);
  });
});
