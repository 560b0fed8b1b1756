/** Which node a note is pinned to (lecture mode shows it beside that node): a small select on the note. */
import { useShallow } from 'zustand/react/shallow';
import type { Note } from '../../graph/document';
import { useT } from '../i18n';
import { perform } from '../store/actions';
import { useEditor } from '../store/editor-store';
import { updateNote } from '../store/edits';

export function NotePin({ note }: { note: Note }) {
  const t = useT();
  const nodes = useEditor(useShallow((s) => s.doc.nodes.map((n) => `${n.id}\u0000${n.label ?? ''}`)));
  return (
    <label className="note-pin nodrag" title={t('notes.pinHelp')} onDoubleClick={(e) => e.stopPropagation()}>
      📌{' '}
      <select
        aria-label={t('notes.pinTo')}
        value={note.node ?? ''}
        onChange={(e) => perform(t('notes.pinTo'), updateNote(note.id, e.target.value ? { node: e.target.value } : { node: undefined }))}
      >
        <option value="">{t('notes.pinNone')}</option>
        {nodes.map((entry) => {
          const [id, label] = entry.split('\u0000');
          return (
            <option key={id} value={id}>
              {label || id}
            </option>
          );
        })}
      </select>
    </label>
  );
}
