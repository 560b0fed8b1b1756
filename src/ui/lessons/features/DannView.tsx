/**
 * DANN: target (MNIST-M) and source (MNIST) accuracy over training for the graph being trained, and
 * the PCA of F(x) coloured by domain — the clouds merge as the domain classifier is defeated.
 */
import { useCallback, useState } from 'react';
import type { LessonMetrics } from '../../../lessons/types';
import type { LessonViewProps } from '../types';
import { useT } from '../../i18n';
import { useRichT } from '../../i18n/rich';
import { VariantBaseline } from '../VariantBaseline';
import { Figure, FiguresStep, percent, Scatter, StepChart, useLessonFigures, Waiting } from './shared';


interface History {
  steps: number[];
  target: number[];
  source: number[];
}

export function DannView({ view }: LessonViewProps) {
  const [history, setHistory] = useState<History>({ steps: [], target: [], source: [] });
  const onFigures = useCallback((f: LessonMetrics, step: number) => {
    setHistory((h) => (h.steps.at(-1) === step ? h : { steps: [...h.steps, step], target: [...h.target, f.targetAccuracy as number], source: [...h.source, f.sourceAccuracy as number] }));
  }, []);
  const { figures, step, error } = useLessonFigures(view, { onFigures });
  const t = useT();
  const rich = useRichT();
  const baselineFigures = [
    { key: 'targetAccuracy', label: t('lv.dann.targetAccuracy') },
    { key: 'sourceAccuracy', label: t('lv.dann.sourceAccuracy') },
  ];
  if (!figures) return <Waiting error={error} />;
  const pca = figures.pca as { points: number[][]; domains: number[] };
  const probe = figures.domainProbe as Record<string, number>;
  return (
    <section data-lesson-view="dann">
      <FiguresStep step={step} />
      <p>
        {rich('lv.dann.atStep', {
          step: <b data-testid="dann-step">{step}</b>,
          target: <Figure name="targetAccuracy" value={figures.targetAccuracy}>{percent(figures.targetAccuracy)}</Figure>,
          source: <Figure name="sourceAccuracy" value={figures.sourceAccuracy}>{percent(figures.sourceAccuracy)}</Figure>,
        })}
      </p>
      <StepChart testId="dann-history" steps={history.steps} series={{ [t('lv.dann.target')]: history.target, [t('lv.dann.source')]: history.source }} />
      <div>
        <Scatter testId="dann-pca" points={pca.points} classes={pca.domains} classCount={2} title={t('lv.dann.pcaTitle')} />
        <p style={{ fontSize: 12 }}>
          {rich('lv.dann.pca', {
            source: <span style={{ color: 'hsl(0, 70%, 50%)' }}>{t('lv.dann.source')}</span>,
            target: <span style={{ color: 'hsl(180, 70%, 50%)' }}>{t('lv.dann.target')}</span>,
            probe: <Figure name="domainProbe.onFeatures" value={probe.onFeatures}>{percent(probe.onFeatures)}</Figure>,
            pca: percent(probe.onPca),
          })}
        </p>
      </div>
      <VariantBaseline view={view} variant="source-only" figures={baselineFigures} />
      <VariantBaseline view={view} variant="train-on-target" figures={baselineFigures} />
    </section>
  );
}
