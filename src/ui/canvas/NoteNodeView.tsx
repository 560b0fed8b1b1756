/** Sticky notes and group frames: diagram furniture that the checker ignores. */
import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState } from 'react';
import type { Group, Note } from '../../graph/document';
import { perform } from '../store/actions';
import { resizeItem, updateGroup, updateNote } from '../store/edits';
import { NotePin } from '../lecture/NotePin';
import { t as translate, useT } from '../i18n';

export type NoteFlowNode = Node<{ note: Note }, 'note'>;
export type FrameFlowNode = Node<{ group: Group }, 'frame'>;

function NoteNodeViewInner({ id, data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const t = useT();
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (editing) ref.current?.focus();
  }, [editing]);
  return (
    <div className={`note${selected ? ' is-selected' : ''}${note.node ? ' is-pinned' : ''}`} style={note.color ? { background: note.color } : undefined} onDoubleClick={() => setEditing(true)}>
      <NodeResizer isVisible={selected} minWidth={80} minHeight={50} onResizeEnd={(_, p) => perform(() => translate('undo.resizeNote'), resizeItem(id, p))} />
      {editing ? (
        <textarea
          ref={ref}
          className="note-text nodrag nowheel"
          aria-label={t('notes.text')}
          defaultValue={note.text}
          onBlur={(e) => {
            setEditing(false);
            if (e.target.value !== note.text) perform(() => translate('undo.editNote'), updateNote(note.id, { text: e.target.value }));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
            e.stopPropagation();
          }}
        />
      ) : (
        <div className="note-text" title={t('notes.editHelp')}>
          {note.text || <span className="muted">{t('notes.empty')}</span>}
        </div>
      )}
      {(selected || note.node) && <NotePin note={note} />}
    </div>
  );
}

function FrameNodeViewInner({ id, data, selected }: NodeProps<FrameFlowNode>) {
  const { group } = data;
  const t = useT();
  const [editing, setEditing] = useState(false);
  return (
    <div className={`frame${selected ? ' is-selected' : ''}`} style={group.color ? { ['--frame' as string]: group.color } : undefined}>
      <NodeResizer isVisible={selected} minWidth={120} minHeight={80} onResizeEnd={(_, p) => perform(() => translate('undo.resizeFrame'), resizeItem(id, p))} />
      {editing ? (
        <input
          className="frame-label nodrag"
          aria-label={t('notes.frameLabel')}
          autoFocus
          defaultValue={group.label}
          onBlur={(e) => {
            setEditing(false);
            if (e.target.value !== group.label) perform(() => translate('undo.renameFrame'), updateGroup(group.id, { label: e.target.value }));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'Escape') (e.target as HTMLInputElement).blur();
            e.stopPropagation();
          }}
        />
      ) : (
        <div className="frame-label" onDoubleClick={() => setEditing(true)} title={t('notes.renameHelp')}>
          {group.label || t('inspector.frame')}
        </div>
      )}
    </div>
  );
}

export const NoteNodeView = memo(NoteNodeViewInner);
export const FrameNodeView = memo(FrameNodeViewInner);
