/** The right-hand panel: the selection, the schedule, the settings and the lesson, as tabs. */
import type { ReactNode } from 'react';
import { getKind } from '../../graph/catalog';
import { nodeName } from '../../graph/node-kind';
import { describeShape } from '../../graph/types';
import { LessonPanel } from '../gallery/LessonPanel';
import { deleteSelection, duplicateSelection, perform } from '../store/actions';
import { countProblems, useCheck } from '../store/derived';
import { useEditor } from '../store/editor-store';
import { updateGroup, updateNote } from '../store/edits';
import { itemOf } from '../store/ids';
import type { RightTab } from '../store/ui-state';
import { Field, TextInput } from './fields';
import { NodeInspector } from './NodeInspector';
import { ScheduleEditor } from './ScheduleEditor';
import { SettingsPanel } from './SettingsPanel';

const TABS: { id: RightTab; title: string }[] = [
  { id: 'node', title: 'Inspect' },
  { id: 'schedule', title: 'Schedule' },
  { id: 'settings', title: 'Settings' },
  { id: 'lesson', title: 'Lesson' },
];

export function Inspector() {
  const tab = useEditor((s) => s.ui.rightTab);
  const setUi = useEditor((s) => s.setUi);
  const phases = useEditor((s) => s.doc.phases.length);
  const check = useCheck();
  const phaseErrors = countProblems(check.diagnostics.filter((d) => d.phase)).errors;
  return (
    <aside className="inspector" aria-label="Inspector">
      <div className="tabs" role="tablist" aria-label="Inspector sections">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={tab === t.id ? `tabpanel-${t.id}` : undefined}
            className={tab === t.id ? 'is-on' : ''}
            onClick={() => setUi({ rightTab: t.id })}
          >
            {t.title}
            {t.id === 'schedule' && <span className={`tab-count${phaseErrors ? ' is-error' : ''}`}>{phases}</span>}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'node' && <SelectionPanel />}
        {tab === 'schedule' && <ScheduleEditor />}
        {tab === 'settings' && <SettingsPanel />}
        {tab === 'lesson' && <LessonPanel />}
      </div>
    </aside>
  );
}

function SelectionPanel() {
  const selection = useEditor((s) => s.selection);
  const edgeSelection = useEditor((s) => s.edgeSelection);
  const doc = useEditor((s) => s.doc);
  const check = useCheck();

  const count = selection.length + edgeSelection.length;
  if (count === 0) return <NothingSelected />;
  if (count > 1) {
    return (
      <div className="panel-body">
        <h2>{count} items selected</h2>
        <p className="field-help">Drag any of them to move them together.</p>
        <div className="row-gap">
          <button type="button" className="btn" onClick={duplicateSelection}>
            Duplicate
          </button>
          <button type="button" className="btn is-danger" onClick={deleteSelection}>
            Delete
          </button>
        </div>
      </div>
    );
  }
  if (edgeSelection.length === 1) {
    const edge = doc.edges.find((e) => e.id === edgeSelection[0]);
    if (!edge) return <NothingSelected />;
    const shape = check.shapes[edge.source.node]?.outputs[edge.source.port];
    const name = (id: string) => {
      const n = doc.nodes.find((x) => x.id === id);
      return nodeName(getKind(n?.kind ?? ''), n ?? { id });
    };
    return (
      <Section title="Connection">
        <p>
          From <strong>{name(edge.source.node)}</strong> output <code>{edge.source.port}</code> to <strong>{name(edge.target.node)}</strong> input <code>{edge.target.port}</code>.
        </p>
        <p className="field-help">{shape ? `Carries ${describeShape(shape)}.` : 'Its shape is not known yet.'}</p>
        <button type="button" className="btn is-danger" onClick={deleteSelection}>
          Delete connection
        </button>
      </Section>
    );
  }
  const ref = itemOf(selection[0]);
  if (ref.type === 'node') {
    const node = doc.nodes.find((n) => n.id === ref.id);
    return node ? <NodeInspector key={node.id} node={node} /> : <NothingSelected />;
  }
  if (ref.type === 'note') {
    const note = doc.notes.find((n) => n.id === ref.id);
    if (!note) return <NothingSelected />;
    return (
      <Section title="Note">
        <Field label="Text">{(id) => <TextInput id={id} multiline rows={6} value={note.text} onCommit={(v) => perform('Edit note', updateNote(note.id, { text: v }), { coalesce: `note:${note.id}` })} />}</Field>
        <button type="button" className="btn is-danger" onClick={deleteSelection}>
          Delete note
        </button>
      </Section>
    );
  }
  const group = doc.groups.find((g) => g.id === ref.id);
  if (!group) return <NothingSelected />;
  return (
    <Section title="Frame">
      <Field label="Label">{(id) => <TextInput id={id} value={group.label} onCommit={(v) => perform('Rename frame', updateGroup(group.id, { label: v }), { coalesce: `group:${group.id}` })} />}</Field>
      <p className="field-help">Dragging a frame moves the nodes inside it.</p>
      <button type="button" className="btn is-danger" onClick={deleteSelection}>
        Delete frame
      </button>
    </Section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="panel-body">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

function NothingSelected() {
  const doc = useEditor((s) => s.doc);
  const check = useCheck();
  const { errors, warnings } = countProblems(check.diagnostics);
  const networks = doc.nodes.filter((n) => getKind(n.kind)?.trainable).length;
  const losses = doc.nodes.filter((n) => getKind(n.kind)?.loss).length;
  return (
    <div className="panel-body">
      <h2>{doc.meta.title}</h2>
      {doc.meta.description && <p className="inspector-desc">{doc.meta.description}</p>}
      <dl className="facts">
        <dt>Nodes</dt>
        <dd>{doc.nodes.length}</dd>
        <dt>Networks</dt>
        <dd>{networks}</dd>
        <dt>Losses</dt>
        <dd>{losses}</dd>
        <dt>Phases</dt>
        <dd>{doc.phases.length}</dd>
        <dt>Problems</dt>
        <dd>{errors + warnings === 0 ? 'none' : `${errors} errors, ${warnings} warnings`}</dd>
      </dl>
      <p className="field-help">Select a node to edit its params; select several to move, duplicate or delete them together.</p>
    </div>
  );
}
