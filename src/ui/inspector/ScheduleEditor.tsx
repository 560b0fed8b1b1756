/**
 * The training schedule: phases in order, each minimising some losses by updating some networks
 * with its own optimizer, learning rate and repeats.
 */
import type { Draft } from 'immer';
import { getKind } from '../../graph/catalog';
import type { Diagnostic } from '../../graph/checker';
import { BATCH_NORM_MODES, OptimizerSchema, type BatchNormMode, type GraphDocument, type Optimizer, type Phase } from '../../graph/document';
import { usesBatchStatistics, type Layer } from '../../graph/layers';
import { suggestPhases } from '../../graph/schedule-suggestion';
import { applySuggestedPhases, perform } from '../store/actions';
import { useCheck } from '../store/derived';
import { useEditor } from '../store/editor-store';
import { addPhase, movePhase, newPhase, removePhase, setTranslatedName, updatePhase } from '../store/edits';
import type { EditLabel } from '../store/editor-store';
import { currentLocale, t, useT } from '../i18n';
import { catalogText } from '../i18n/catalog';
import { documentText } from '../i18n/document-text';
import { Field, IconButton, NumberInput, Select, TextInput } from './fields';
import { TermScheduleEditor } from './TermScheduleEditor';

const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
const OPTIMIZER_LABELS = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop' };

function optimizerOf(type: Optimizer['type'], lr: number): Optimizer {
  return OptimizerSchema.parse({ type, lr, ...(type === 'adam' ? { beta1: 0.5 } : {}) });
}

const BATCH_NORM_LABELS = {
  batch: 'schedule.bn.batch',
  'batch-frozen': 'schedule.bn.frozen',
  moving: 'schedule.bn.moving',
} as const satisfies Record<BatchNormMode, string>;

const unit = (n: number) => (n >= 0 && n < 1 ? null : t('schedule.unitRange'));
const positive = (n: number) => (n > 0 ? null : t('schedule.positive'));
/** "Generator ‹G›" in the interface's language. */
const shownName = (doc: GraphDocument, n: GraphDocument['nodes'][number]) => {
  const kind = getKind(n.kind);
  return `${kind ? catalogText(currentLocale()).kindTitle(kind) : n.kind} ‹${documentText(doc, currentLocale()).nodeLabel(n) || n.id}›`;
};

export function ScheduleEditor() {
  const doc = useEditor((s) => s.doc);
  const check = useCheck();
  useT();
  return (
    <div className="panel-body schedule">
      <p className="field-help">{t('schedule.intro')}</p>
      {doc.phases.length === 0 && <SuggestedSchedule doc={doc} />}
      {doc.phases.map((phase, i) => (
        <PhaseCard key={phase.id} doc={doc} phase={phase} index={i} problems={check.diagnostics.filter((d) => d.phase === phase.id)} owners={check.owners} params={check.params} />
      ))}
      <button type="button" className="btn" onClick={() => perform(() => t('undo.addPhase'), addPhase(newPhase(doc)))}>
        {t('schedule.addPhase')}
      </button>
    </div>
  );
}

/** For a graph without phases: the schedule its losses suggest, one click away. */
function SuggestedSchedule({ doc }: { doc: GraphDocument }) {
  const check = useCheck();
  useT();
  const phases = suggestPhases(doc, check);
  const text = documentText(doc, currentLocale());
  const name = (id: string) => {
    const node = doc.nodes.find((n) => n.id === id);
    return node ? text.nodeLabel(node) || node.id : id;
  };
  if (!phases.length) return <p className="empty-note">{t('schedule.none')}</p>;
  return (
    <section className="suggested-schedule" aria-label={t('schedule.suggestedLabel')}>
      <p className="empty-note">{t('schedule.suggested')}</p>
      <ol>
        {phases.map((p) => (
          <li key={p.id}>
            <strong>{text.phaseName(p)}</strong>: {t('schedule.suggestedPhase', { losses: p.terms.map((term) => name(term.loss)).join(' + '), networks: p.updates.map(name).join(', '), lr: p.optimizer.lr })}
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-primary" onClick={() => applySuggestedPhases()}>
        {t('schedule.useSuggested')}
      </button>
    </section>
  );
}

function PhaseCard({ doc, phase, index, problems, owners, params }: { doc: GraphDocument; phase: Phase; index: number; problems: Diagnostic[]; owners: Record<string, string>; params: Record<string, Record<string, unknown>> }) {
  const change = (label: EditLabel, recipe: (p: Draft<Phase>) => void, key?: string) => perform(label, updatePhase(phase.id, recipe), key ? { coalesce: `phase:${phase.id}:${key}` } : undefined);
  const losses = doc.nodes.filter((n) => getKind(n.kind)?.loss);
  const networks = doc.nodes.filter((n) => getKind(n.kind)?.trainable && (owners[n.id] ?? n.id) === n.id);
  const sharers = (id: string) => doc.nodes.filter((n) => n.id !== id && owners[n.id] === id);
  const opt = phase.optimizer;
  const text = documentText(doc, currentLocale());
  const locale = currentLocale();
  const phaseName = text.phaseName(phase);
  const title = t('schedule.phaseTitle', { n: index + 1, phase: phaseName });
  // In another language with the document's own words, the name edited is that language's.
  const rename = (v: string) =>
    text.translated && locale !== 'en' ? perform(() => t('undo.renamePhase'), setTranslatedName(locale, 'phases', phase.id, v), { coalesce: `phase:${phase.id}:name:${locale}` }) : change(() => t('undo.renamePhase'), (p) => void (p.name = v), 'name');

  return (
    <section className={`phase${phase.enabled ? '' : ' is-disabled'}${problems.some((p) => p.severity === 'error') ? ' has-error' : ''}`} role="group" aria-label={title}>
      <div className="phase-head">
        <span className="phase-index">{index + 1}</span>
        <TextInput ariaLabel={t('schedule.phaseName')} value={phaseName} required onCommit={rename} />
        <IconButton label={t('schedule.moveEarlier', { phase: phaseName })} onClick={() => perform(() => t('undo.reorderPhases'), movePhase(phase.id, -1))} disabled={index === 0}>
          ↑
        </IconButton>
        <IconButton label={t('schedule.moveLater', { phase: phaseName })} onClick={() => perform(() => t('undo.reorderPhases'), movePhase(phase.id, 1))} disabled={index === doc.phases.length - 1}>
          ↓
        </IconButton>
        <IconButton label={t('schedule.remove', { phase: phaseName })} onClick={() => perform(() => t('undo.removePhase'), removePhase(phase.id))} className="is-danger">
          ×
        </IconButton>
      </div>
      <label className="check">
        <input type="checkbox" checked={phase.enabled} onChange={(e) => change(e.target.checked ? () => t('undo.enablePhase') : () => t('undo.disablePhase'), (p) => void (p.enabled = e.target.checked))} />
        <span>{t('schedule.enabled')}</span>
      </label>

      <fieldset className="phase-set">
        <legend>{t('schedule.minimise')}</legend>
        {losses.length === 0 && <p className="field-help">{t('schedule.noLosses')}</p>}
        {losses.map((n) => {
          const term = phase.terms.find((x) => x.loss === n.id);
          const shown = shownName(doc, n);
          return (
            <div className="phase-item" key={n.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={!!term}
                  onChange={(e) =>
                    change(e.target.checked ? () => t('undo.addLoss') : () => t('undo.removeLoss'), (p) => {
                      if (e.target.checked) p.terms.push({ loss: n.id, weight: 1 });
                      else p.terms = p.terms.filter((t) => t.loss !== n.id);
                    })
                  }
                />
                <span>{shown}</span>
              </label>
              {term && (
                <span className="phase-weight">
                  ×
                  <NumberInput
                    ariaLabel={t('schedule.weightOf', { name: shown, phase: phaseName })}
                    value={term.weight}
                    validate={(v) => (v >= 0 ? null : t('term.atLeastZero'))}
                    onCommit={(v) =>
                      change(() => t('undo.editWeight'), (p) => {
                        const t = p.terms.find((x) => x.loss === n.id);
                        if (t) t.weight = v;
                      }, `w:${n.id}`)
                    }
                  />
                </span>
              )}
              {term && (
                <TermScheduleEditor
                  term={term}
                  name={t('schedule.termOf', { name: shown, phase: phaseName })}
                  onChange={(schedule) =>
                    change(() => t('undo.editTermSchedule'), (p) => {
                      const t = p.terms.find((x) => x.loss === n.id);
                      if (!t) return;
                      if (schedule) t.schedule = schedule;
                      else delete t.schedule;
                    }, `s:${n.id}`)
                  }
                />
              )}
            </div>
          );
        })}
      </fieldset>

      <fieldset className="phase-set">
        <legend>{t('schedule.update')}</legend>
        {networks.length === 0 && <p className="field-help">{t('schedule.noNetworks')}</p>}
        {networks.map((n) => {
          const others = sharers(n.id);
          return (
            <div className="phase-item" key={n.id}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={phase.updates.includes(n.id) || others.some((o) => phase.updates.includes(o.id))}
                  onChange={(e) =>
                    change(e.target.checked ? () => t('undo.addNetwork') : () => t('undo.removeNetwork'), (p) => {
                      const group = new Set([n.id, ...others.map((o) => o.id)]);
                      p.updates = p.updates.filter((u) => !group.has(u));
                      if (e.target.checked) p.updates.push(n.id);
                    })
                  }
                />
                <span>{shownName(doc, n)}</span>
              </label>
              {others.length > 0 && <span className="field-help">{t('schedule.sharedWith', { nodes: others.map((o) => `‹${documentText(doc, currentLocale()).nodeLabel(o) || o.id}›`).join(', ') })}</span>}
            </div>
          );
        })}
      </fieldset>

      <BatchNormModes phase={phase} phaseName={phaseName} doc={doc} networks={networks.filter((n) => Array.isArray(params[n.id]?.layers) && usesBatchStatistics(params[n.id].layers as Layer[]))} change={change} />

      <div className="phase-grid">
        <Field label={t('schedule.optimizer')}>
          {(id) => <Select id={id} value={opt.type} options={OPTIMIZERS} labels={OPTIMIZER_LABELS} onChange={(type) => change(() => t('undo.changeOptimizer'), (p) => void (p.optimizer = optimizerOf(type, opt.lr)))} />}
        </Field>
        <Field label={t('schedule.learningRate')}>
          {(id) => <NumberInput id={id} value={opt.lr} validate={positive} onCommit={(v) => change(() => t('undo.editLr'), (p) => void (p.optimizer.lr = v), 'lr')} />}
        </Field>
        {opt.type === 'adam' && (
          <>
            <Field label="β₁">{(id) => <NumberInput id={id} value={opt.beta1} validate={unit} onCommit={(v) => change(() => t('undo.editParam', { name: 'β₁' }), (p) => void ((p.optimizer as { beta1: number }).beta1 = v), 'b1')} />}</Field>
            <Field label="β₂">{(id) => <NumberInput id={id} value={opt.beta2} validate={unit} onCommit={(v) => change(() => t('undo.editParam', { name: 'β₂' }), (p) => void ((p.optimizer as { beta2: number }).beta2 = v), 'b2')} />}</Field>
          </>
        )}
        {(opt.type === 'sgd' || opt.type === 'rmsprop') && (
          <Field label={t('schedule.momentum')}>{(id) => <NumberInput id={id} value={opt.momentum} validate={unit} onCommit={(v) => change(() => t('undo.editParam', { name: t('schedule.momentum') }), (p) => void ((p.optimizer as { momentum: number }).momentum = v), 'mom')} />}</Field>
        )}
        {opt.type === 'rmsprop' && (
          <Field label={t('schedule.decay')}>{(id) => <NumberInput id={id} value={opt.decay} validate={unit} onCommit={(v) => change(() => t('undo.editParam', { name: t('schedule.decay') }), (p) => void ((p.optimizer as { decay: number }).decay = v), 'decay')} />}</Field>
        )}
        <Field label={t('schedule.repeats')} help={t('schedule.repeatsHelp')}>
          {(id) => (
            <NumberInput id={id} value={phase.repeats} integer min={1} max={100} validate={(v) => (v >= 1 && v <= 100 ? null : t('schedule.repeatsRange'))} onCommit={(v) => change(() => t('undo.editRepeats'), (p) => void (p.repeats = v), 'repeats')} />
          )}
        </Field>
        <Field label={t('schedule.clip')} help={t('schedule.clipHelp')}>
          {(id) => (
            <NumberInput
              id={id}
              value={phase.clipNorm ?? 0}
              validate={(v) => (v >= 0 && v <= 1e6 ? null : t('schedule.clipRange'))}
              onCommit={(v) =>
                change(() => t('undo.editClip'), (p) => {
                  if (v > 0) p.clipNorm = v;
                  else delete p.clipNorm;
                }, 'clip')
              }
            />
          )}
        </Field>
        <Field label={t('schedule.lrSchedule')}>
          {(id) => (
            <Select
              id={id}
              value={phase.lrSchedule.type}
              options={['constant', 'dann'] as const}
              labels={{ constant: t('schedule.lr.constant'), dann: t('schedule.lr.dann') }}
              onChange={(type) => change(() => t('undo.changeLrSchedule'), (p) => void (p.lrSchedule = type === 'dann' ? { type: 'dann', alpha: 10, beta: 0.75 } : { type: 'constant' }))}
            />
          )}
        </Field>
        {phase.lrSchedule.type === 'dann' && (
          <>
            <Field label="α">{(id) => <NumberInput id={id} value={(phase.lrSchedule as { alpha: number }).alpha} validate={(v) => (v >= 0 ? null : t('term.atLeastZero'))} onCommit={(v) => change(() => t('undo.editParam', { name: 'α' }), (p) => void ((p.lrSchedule as { alpha: number }).alpha = v), 'alpha')} />}</Field>
            <Field label="β">{(id) => <NumberInput id={id} value={(phase.lrSchedule as { beta: number }).beta} validate={(v) => (v >= 0 ? null : t('term.atLeastZero'))} onCommit={(v) => change(() => t('undo.editParam', { name: 'β' }), (p) => void ((p.lrSchedule as { beta: number }).beta = v), 'beta')} />}</Field>
          </>
        )}
      </div>
      {problems.length > 0 && (
        <ul className="inspector-problems">
          {problems.map((d, i) => (
            <li key={i} className={d.severity === 'error' ? 'is-error' : 'is-warning'}>
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Per network with BatchNorm: batch statistics (default), batch statistics with the averages frozen, or the moving statistics. */
function BatchNormModes({ phase, phaseName, doc, networks, change }: { phase: Phase; phaseName: string; doc: GraphDocument; networks: GraphDocument['nodes']; change: (label: EditLabel, recipe: (p: Draft<Phase>) => void) => void }) {
  if (networks.length === 0) return null;
  return (
    <fieldset className="phase-set">
      <legend>{t('schedule.batchNorm')}</legend>
      {networks.map((n) => {
        const name = shownName(doc, n);
        return (
          <div className="phase-item" key={n.id}>
            <span>{name}</span>
            <Select<BatchNormMode>
              ariaLabel={t('schedule.batchNormOf', { name, phase: phaseName })}
              value={phase.batchNorm?.[n.id] ?? 'batch'}
              options={BATCH_NORM_MODES}
              labels={Object.fromEntries(Object.entries(BATCH_NORM_LABELS).map(([k, v]) => [k, t(v)])) as Record<BatchNormMode, string>}
              onChange={(mode) =>
                change(() => t('undo.changeBatchNorm'), (p) => {
                  const modes = { ...(p.batchNorm ?? {}) };
                  if (mode === 'batch') delete modes[n.id];
                  else modes[n.id] = mode;
                  if (Object.keys(modes).length) p.batchNorm = modes;
                  else delete p.batchNorm;
                })
              }
            />
          </div>
        );
      })}
    </fieldset>
  );
}
