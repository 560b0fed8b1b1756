/** The right-hand panel: the selection, the schedule, the settings and the lesson, as tabs. */
import type { ReactNode } from 'react';
import { getKind } from '../../graph/catalog';
import { useT } from '../i18n';
import { describeShapeIn, useCatalogText } from '../i18n/catalog';
import { useDocumentText } from '../i18n/document-text';
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

const TABS: { id: RightTab; title: 'inspector.tab.node' | 'inspector.tab.schedule' | 'inspector.tab.settings' | 'inspector.tab.lesson' }[] = [
  { id: 'node', title: 'inspector.tab.node' },
  { id: 'schedule', title: 'inspector.tab.schedule' },
  { id: 'settings', title: 'inspector.tab.settings' },
  { id: 'lesson', title: 'inspector.tab.lesson' },
];

export function Inspector() {
  const tab = useEditor((s) => s.ui.rightTab);
  const setUi = useEditor((s) => s.setUi);
  const phases = useEditor((s) => s.doc.phases.length);
  const check = useCheck();
  const phaseErrors = countProblems(check.diagnostics.filter((d) => d.phase)).errors;
  const t = useT();
  return (
    <aside className="inspector" aria-label={t('inspector.label')}>
      <div className="tabs" role="tablist" aria-label={t('inspector.sections')}>
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls={tab === item.id ? `tabpanel-${item.id}` : undefined}
            className={tab === item.id ? 'is-on' : ''}
            onClick={() => setUi({ rightTab: item.id })}
          >
            {t(item.title)}
            {item.id === 'schedule' && <span className={`tab-count${phaseErrors ? ' is-error' : ''}`}>{phases}</span>}
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
  const t = useT();
  const c = useCatalogText();
  const text = useDocumentText(doc);

  const count = selection.length + edgeSelection.length;
  if (count === 0) return <NothingSelected />;
  if (count > 1) {
    return (
      <div className="panel-body">
        <h2>{t('inspector.selected', { count })}</h2>
        <p className="field-help">{t('inspector.selectedHelp')}</p>
        <div className="row-gap">
          <button type="button" className="btn" onClick={duplicateSelection}>
            {t('inspector.duplicate')}
          </button>
          <button type="button" className="btn is-danger" onClick={deleteSelection}>
            {t('inspector.delete')}
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
      const kind = getKind(n?.kind ?? '');
      return `${kind ? c.kindTitle(kind) : t('inspector.node')} ‹${(n && text.nodeLabel(n)) || id}›`;
    };
    return (
      <Section title={t('inspector.connection')}>
        <p>{t('inspector.connectionText', { from: name(edge.source.node), out: edge.source.port, to: name(edge.target.node), in: edge.target.port })}</p>
        <p className="field-help">{shape ? t('inspector.carries', { shape: describeShapeIn(shape, c) }) : t('inspector.shapeUnknown')}</p>
        <button type="button" className="btn is-danger" onClick={deleteSelection}>
          {t('inspector.deleteConnection')}
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
      <Section title={t('inspector.note')}>
        <Field label={t('inspector.noteText')}>{(id) => <TextInput id={id} multiline rows={6} value={note.text} onCommit={(v) => perform(() => t('undo.editNote'), updateNote(note.id, { text: v }), { coalesce: `note:${note.id}` })} />}</Field>
        <button type="button" className="btn is-danger" onClick={deleteSelection}>
          {t('inspector.deleteNote')}
        </button>
      </Section>
    );
  }
  const group = doc.groups.find((g) => g.id === ref.id);
  if (!group) return <NothingSelected />;
  return (
    <Section title={t('inspector.frame')}>
      <Field label={t('inspector.label.field')}>{(id) => <TextInput id={id} value={group.label} onCommit={(v) => perform(() => t('undo.renameFrame'), updateGroup(group.id, { label: v }), { coalesce: `group:${group.id}` })} />}</Field>
      <p className="field-help">{t('inspector.frameHelp')}</p>
      <button type="button" className="btn is-danger" onClick={deleteSelection}>
        {t('inspector.deleteFrame')}
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
  const t = useT();
  const text = useDocumentText(doc);
  return (
    <div className="panel-body">
      <h2>{text.title}</h2>
      {text.description && <p className="inspector-desc">{text.description}</p>}
      <dl className="facts">
        <dt>{t('inspector.facts.nodes')}</dt>
        <dd>{doc.nodes.length}</dd>
        <dt>{t('inspector.facts.networks')}</dt>
        <dd>{networks}</dd>
        <dt>{t('inspector.facts.losses')}</dt>
        <dd>{losses}</dd>
        <dt>{t('inspector.facts.phases')}</dt>
        <dd>{doc.phases.length}</dd>
        <dt>{t('inspector.facts.problems')}</dt>
        <dd>{errors + warnings === 0 ? t('inspector.facts.none') : t('top.problemsLabel', { errors, warnings }).replace(/^[^:：]*[:：]\s*/, '')}</dd>
      </dl>
      <p className="field-help">{t('inspector.nothingHelp')}</p>
    </div>
  );
}
