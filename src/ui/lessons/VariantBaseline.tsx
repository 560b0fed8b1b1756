/**
 * A lesson's baseline beside its figures: the open graph's one-click variant (the classifier alone,
 * the plain VAE, the pixel-loss network, …) trained here from scratch for as many iterations as the
 * run so far, then measured by the same lesson code — so "with the adversarial part" and "without"
 * are compared at equal training, on this machine, not against a number from elsewhere.
 */
import { useEffect, useState } from 'react';
import type { BaselineOptions, BaselineResult } from '../../../workers/training-api';
import { figureAt } from '../../lessons/figures';
import { useEditor } from '../store/editor-store';
import { useFormats, useT } from '../i18n';
import { useDocumentText } from '../i18n/document-text';
import { trainingController } from '../training/controller';
import { useTraining } from '../training/training-store';
import { formatValue } from './generative/common';

export interface BaselineFigure {
  /** A metric of the lesson, dotted for nested ones ("network.psnr"). */
  key: string;
  label: string;
}

export function VariantBaseline({
  view,
  variant,
  figures,
  count,
  samples,
  onResult,
}: {
  view: string;
  variant: string;
  figures: BaselineFigure[];
  count?: number;
  /** Outputs of the trained baseline to sample too, handed to `onResult` (e.g. its pictures). */
  samples?: BaselineOptions['samples'];
  onResult?: (result: BaselineResult | null) => void;
}) {
  const t = useT();
  const { number } = useFormats();
  const found = useEditor((s) => s.doc.variants.find((v) => v.id === variant));
  const text = useDocumentText(useEditor((s) => s.doc));
  const title = found && text.variant(found).title;
  const status = useTraining((s) => s.status);
  const step = useTraining((s) => s.step);
  const [result, setResult] = useState<BaselineResult | null>(null);
  const [progress, setProgress] = useState<{ step: number; of: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const docKey = useEditor((s) => s.doc);
  // A baseline belongs to the graph it was trained beside.
  useEffect(() => {
    setResult(null);
    onResult?.(null);
    // onResult is the view's setter; only a new graph resets the baseline
  }, [docKey]);
  if (!title) return null;
  const settled = (status === 'paused' || status === 'done') && step > 0;
  const busy = progress !== null;
  const train = async () => {
    setError(null);
    setProgress({ step: 0, of: step });
    try {
      const r = await trainingController.baselineFigures(variant, view, { count, samples, onProgress: (s, of) => setProgress({ step: s, of }) });
      setResult(r);
      onResult?.(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };
  return (
    <section className="inspector-section" aria-label={t('lv.baseline.label')} data-baseline={variant}>
      <h3>{t('lv.baseline.title', { title })}</h3>
      <p className="empty-note">{t('lv.baseline.help', { title })}</p>
      <button type="button" className="btn btn-small" onClick={() => void train()} disabled={!settled || busy} aria-label={t('lv.baseline.train')} title={settled ? undefined : t('lv.baseline.settleFirst')}>
        {busy ? t('lv.baseline.training', { step: progress.step, of: progress.of }) : t('lv.baseline.trainFor', { title, steps: step })}
      </button>
      {error && (
        <p className="empty-note" role="alert">
          {error}
        </p>
      )}
      {result && (
        <dl className="lesson-figures" aria-label={t('lv.baseline.figures')}>
          {figures.map((f) => {
            const v = figureAt(result.metrics, f.key);
            return (
              <div key={f.key} data-figure={`baseline.${f.key}`} data-value={JSON.stringify(v ?? null)}>
                <dt>{f.label}</dt>
                <dd>{formatValue(f.key, v)}</dd>
              </div>
            );
          })}
          <div>
            <dt>{t('lv.baseline.trained')}</dt>
            <dd>{t('lv.baseline.trainedFor', { steps: result.step, seconds: number(result.seconds, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
