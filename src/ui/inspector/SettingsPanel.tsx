/** The document's title, description and lesson, and the run settings (seed, size presets). */
import { SIZE_PRESETS, type SizePreset } from '../../graph/document';
import { perform, toast } from '../store/actions';
import { replaceDocument } from '../store/replace-document';
import { useEditor } from '../store/editor-store';
import { Field, NumberInput, TextInput } from './fields';

const PRESET_HELP: Record<SizePreset, string> = {
  tiny: 'a smoke test: seconds',
  small: 'a quick run in the browser',
  full: 'the paper-sized run',
};

/** Continues in a copy: a new document (its own id, so its own checkpoints); the original is one Undo away. */
async function makeCopy(): Promise<void> {
  const doc = useEditor.getState().doc;
  const title = `${doc.meta.title} (copy)`.slice(0, 200);
  const made = await replaceDocument({ ...doc, meta: { ...doc.meta, title } }, { copy: true, label: 'Make a copy' });
  // Over unsaved work the message with its Undo stays.
  if (made && !useEditor.getState().ui.toast?.action) toast(`Now editing “${title}”, a copy with checkpoints of its own`, 'success');
}

export function SettingsPanel() {
  const meta = useEditor((s) => s.doc.meta);
  const run = useEditor((s) => s.doc.run);
  const setMeta = (key: 'title' | 'description' | 'lesson', value: string) =>
    perform(`Edit ${key}`, (d) => void (d.meta[key] = value), { coalesce: `meta:${key}` });

  return (
    <div className="panel-body settings">
      <section className="inspector-section" aria-label="Document">
        <h3>Document</h3>
        <Field label="Title">{(id) => <TextInput id={id} value={meta.title} required onCommit={(v) => setMeta('title', v)} />}</Field>
        <Field label="Description" help="One or two sentences shown in the gallery.">
          {(id) => <TextInput id={id} value={meta.description} multiline rows={2} onCommit={(v) => setMeta('description', v)} />}
        </Field>
        <Field label="Lesson" help="Markdown: **bold**, *italic*, `code`, lists and headings.">
          {(id) => <TextInput id={id} value={meta.lesson} multiline rows={6} onCommit={(v) => setMeta('lesson', v)} />}
        </Field>
        <p className="field-help">
          Checkpoints belong to this document, whatever its title.{' '}
          <button type="button" className="btn btn-small" onClick={() => void makeCopy()} title="Continue in a copy of this graph: a new document with checkpoints of its own">
            Make a copy
          </button>
        </p>
      </section>

      <section className="inspector-section" aria-label="Run settings">
        <h3>Run</h3>
        <div className="grid-2">
          <Field label="Seed" help="Drives data order, noise and initial weights.">
            {(id) => (
              <NumberInput
                id={id}
                value={run.seed}
                integer
                validate={(v) => (v >= 0 && v <= 2 ** 31 - 1 ? null : 'From 0 to 2147483647')}
                onCommit={(v) => perform('Edit seed', (d) => void (d.run.seed = v), { coalesce: 'run:seed' })}
              />
            )}
          </Field>
          <Field label="Log every" help="Iterations between metric readbacks.">
            {(id) => (
              <NumberInput
                id={id}
                value={run.logEvery}
                integer
                validate={(v) => (v >= 1 ? null : 'At least 1')}
                onCommit={(v) => perform('Edit log interval', (d) => void (d.run.logEvery = v), { coalesce: 'run:log' })}
              />
            )}
          </Field>
        </div>
        <div className="segmented" role="radiogroup" aria-label="Size preset">
          {SIZE_PRESETS.map((p) => (
            <label key={p} className={run.size === p ? 'is-on' : ''} title={PRESET_HELP[p]}>
              <input type="radio" name="size-preset" value={p} checked={run.size === p} onChange={() => perform('Change size preset', (d) => void (d.run.size = p))} />
              {p}
            </label>
          ))}
        </div>
        <table className="presets">
          <thead>
            <tr>
              <th scope="col">Preset</th>
              <th scope="col">Width ×</th>
              <th scope="col">Batch</th>
              <th scope="col">Steps</th>
            </tr>
          </thead>
          <tbody>
            {SIZE_PRESETS.map((p) => {
              const s = run.presets[p];
              const set = (key: 'width' | 'batchSize' | 'steps', v: number) =>
                perform(`Edit ${p} ${key}`, (d) => void (d.run.presets[p][key] = v), { coalesce: `run:${p}:${key}` });
              return (
                <tr key={p} className={run.size === p ? 'is-on' : ''}>
                  <th scope="row">{p}</th>
                  <td>
                    <NumberInput ariaLabel={`${p} width`} value={s.width} validate={(v) => (v > 0 && v <= 8 ? null : 'Above 0, at most 8')} onCommit={(v) => set('width', v)} />
                  </td>
                  <td>
                    <NumberInput ariaLabel={`${p} batch size`} value={s.batchSize} integer validate={(v) => (v >= 1 && v <= 4096 ? null : '1 to 4096')} onCommit={(v) => set('batchSize', v)} />
                  </td>
                  <td>
                    <NumberInput ariaLabel={`${p} steps`} value={s.steps} integer validate={(v) => (v >= 1 && v <= 10_000_000 ? null : '1 to 10,000,000')} onCommit={(v) => set('steps', v)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
