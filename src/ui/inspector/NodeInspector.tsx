/** The selected node's params, layer stack, ports and problems, drawn from its catalog declaration. */
import { getKind } from '../../graph/catalog';
import { CustomImagesPicker } from './CustomImagesPicker';
import type { GraphNode } from '../../graph/document';
import { sizeSettings } from '../../graph/document';
import { inputPorts, outputPorts } from '../../graph/node-kind';
import { describeAccepts } from '../../graph/checker';
import { describeShape } from '../../graph/types';
import { isVisible } from '../canvas/node-data';
import { perform } from '../store/actions';
import { useCheck } from '../store/derived';
import { useEditor } from '../store/editor-store';
import { setLabel, setParam, setTranslatedName } from '../store/edits';
import { termScheduleText } from '../i18n/describe';
import { categoryColour } from '../theme/colours';
import { WirePinButtons } from '../wires/WireCards';
import { useLocale, useT } from '../i18n';
import { describeShapeIn, useCatalogText } from '../i18n/catalog';
import { useDocumentText } from '../i18n/document-text';
import { Field, TextInput } from './fields';
import { LayerStackEditor } from './LayerStackEditor';
import { ParamField } from './ParamField';

export function NodeInspector({ node }: { node: GraphNode }) {
  const check = useCheck();
  const doc = useEditor((s) => s.doc);
  const setSelection = useEditor((s) => s.setSelection);
  const setUi = useEditor((s) => s.setUi);
  const kind = getKind(node.kind);
  const t = useT();
  const c = useCatalogText();
  const text = useDocumentText(doc);
  const locale = useLocale((s) => s.locale);
  if (!kind) {
    return (
      <div className="panel-body">
        <p className="field-error">{t('nodeInspector.unknownKind', { kind: node.kind })}</p>
      </div>
    );
  }
  const params = check.params[node.id] ?? {};
  const shapes = check.shapes[node.id] ?? { inputs: {}, outputs: {} };
  const diagnostics = check.diagnostics.filter((d) => d.node === node.id);
  const owner = check.owners[node.id];
  const sharesWith = owner && owner !== node.id ? owner : undefined;
  const shared = new Set(sharesWith ? (kind.sharedParams ?? []) : []);
  const name = `${c.kindTitle(kind)} ‹${text.nodeLabel(node) || node.id}›`;
  const paramName = (param: string) => {
    const spec = kind.params.find((s) => s.name === param);
    return spec && locale !== 'en' ? c.paramLabel(kind, spec) : param;
  };
  const edit = (param: string, value: unknown) => perform(() => t('undo.editParam', { name: paramName(param) }), setParam(node.id, param, value), { coalesce: `param:${node.id}:${param}` });
  // In another language with the document's own words, the label edited is that language's.
  const rename = (v: string) =>
    text.translated && locale !== 'en' ? perform(() => t('undo.rename'), setTranslatedName(locale, 'nodes', node.id, v), { coalesce: `label:${node.id}:${locale}` }) : perform(() => t('undo.rename'), setLabel(node.id, v), { coalesce: `label:${node.id}` });
  const problemFor = (field: string) => diagnostics.find((d) => d.field === field)?.message;
  const phasesUsing = doc.phases.filter((p) => p.terms.some((t) => t.loss === node.id) || p.updates.includes(node.id));
  const ownerNode = sharesWith ? doc.nodes.find((n) => n.id === sharesWith) : undefined;
  const firstInput = safe(() => inputPorts(kind, params))[0];
  const customSize = safe(() => (kind.customImages?.(params) ? [kind.customImages(params)!] : []))[0];

  return (
    <div className="panel-body node-inspector" aria-label={t('nodeInspector.label', { name })}>
      <header className="inspector-head">
        <span className="inspector-cat" style={{ background: categoryColour(kind.category) }} />
        <div>
          <h2>{c.kindTitle(kind)}</h2>
          <p className="inspector-desc">{c.kindDescription(kind)}</p>
        </div>
      </header>

      <Field label={t('inspector.label.field')} help={t('nodeInspector.labelHelp', { id: node.id })}>
        {(id) => <TextInput id={id} value={(text.translated ? text.nodeLabel(node) : node.label) ?? ''} placeholder={node.id} onCommit={rename} />}
      </Field>

      {diagnostics.length > 0 && (
        <ul className="inspector-problems" aria-label={t('nodeInspector.problems')}>
          {diagnostics.map((d, i) => (
            <li key={i} className={d.severity === 'error' ? 'is-error' : 'is-warning'}>
              {d.message}
            </li>
          ))}
        </ul>
      )}

      {sharesWith && (
        <div className="callout">
          {t('nodeInspector.sharesBefore')}{' '}
          <button type="button" className="link" onClick={() => setSelection([sharesWith])}>
            {`${c.kindTitle(getKind(ownerNode?.kind ?? '') ?? kind)} ‹${(ownerNode && text.nodeLabel(ownerNode)) || sharesWith}›`}
          </button>
          {t('nodeInspector.sharesAfter')}
        </div>
      )}

      <div className="params">
        {kind.params
          .filter((spec) => spec.type !== 'layers' && isVisible(spec, params) && !shared.has(spec.name))
          .map((spec) => (
            <ParamField key={spec.name} spec={spec} value={params[spec.name]} onChange={(v) => edit(spec.name, v)} problem={problemFor(spec.name)} text={{ label: c.paramLabel(kind, spec), help: c.paramHelp(kind, spec), option: (o) => (spec.name === 'name' && kind.params.some((p) => p.name === 'name') && !kind.trainable ? c.datasetTitle(o) : c.optionLabel(kind, spec, o)) }} />
          ))}
      </div>

      {customSize && <CustomImagesPicker size={[...customSize]} />}

      {kind.params.some((s) => s.type === 'layers') && (
        <LayerStackEditor
          layers={params.layers}
          width={(params.width as number) * sizeSettings(doc).width}
          input={firstInput ? shapes.inputs[firstInput.name] : undefined}
          output={shapes.outputs.out}
          problems={diagnostics.filter((d) => d.field?.startsWith('layers'))}
          disabled={!!sharesWith}
          onChange={(layers) => edit('layers', layers)}
        />
      )}

      {kind.loss && (
        <section className="inspector-section">
          <h4>{t('nodeInspector.inSchedule')}</h4>
          {phasesUsing.length ? (
            <ul className="plain">
              {phasesUsing.map((p) => {
                const term = p.terms.find((x) => x.loss === node.id);
                return (
                  <li key={p.id}>
                    {text.phaseName(p)}: ×{term?.weight ?? 1}
                    {term?.schedule && term.schedule.type !== 'constant' ? `, ${termScheduleText(term.schedule)}` : ''}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="field-help">{t('nodeInspector.noPhase')}</p>
          )}
          <button type="button" className="btn btn-small" onClick={() => setUi({ rightTab: 'schedule' })}>
            {t('nodeInspector.editSchedule')}
          </button>
        </section>
      )}

      <WirePinButtons node={node.id} ports={safe(() => outputPorts(kind, params)).filter((p) => p.kind !== 'weights' && shapes.outputs[p.name]).map((p) => ({ ...p, label: c.portLabel(kind, 'out', p, params) ?? p.label }))} />

      <details className="inspector-section ports">
        <summary>{t('nodeInspector.ports')}</summary>
        <ul className="plain">
          {safe(() => inputPorts(kind, params)).map((p) => (
            <li key={'in' + p.name}>
              <strong>{t('nodeInspector.in', { port: c.portLabel(kind, 'in', p, params) ?? p.name })}</strong>
              {p.optional ? t('nodeInspector.optional') : ''}: {c.portDescription(kind, 'in', p, params)}. {t('nodeInspector.takes', { kinds: p.accepts.map((k) => c.tensorKind(k)).join(' / ') })}
              {shapes.inputs[p.name] ? t('nodeInspector.gets', { shape: describeShapeIn(shapes.inputs[p.name], c) }) : ''}.
            </li>
          ))}
          {safe(() => outputPorts(kind, params)).map((p) => (
            <li key={'out' + p.name}>
              <strong>{t('nodeInspector.out', { port: c.portLabel(kind, 'out', p, params) ?? p.name })}</strong>: {c.portDescription(kind, 'out', p, params)}
              {shapes.outputs[p.name] ? ` (${describeShapeIn(shapes.outputs[p.name], c)})` : ''}.
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function safe<T>(get: () => T[]): T[] {
  try {
    return get();
  } catch {
    return [];
  }
}
