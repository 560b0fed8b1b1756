/**
 * DANN: target (MNIST-M) and source (MNIST) accuracy over training for the graph being trained, and
 * the PCA of F(x) coloured by domain — the clouds merge as the domain classifier is defeated.
 */
import { useCallback, useState } from 'react';
import type { LessonMetrics } from '../../../lessons/types';
import type { LessonViewProps } from '../types';
import { VariantBaseline } from '../VariantBaseline';
import { Figure, FiguresStep, percent, Scatter, StepChart, useLessonFigures, Waiting } from './shared';

const BASELINE_FIGURES = [
    { key: 'targetAccuracy', label: 'Target accuracy (MNIST-M)' },
    { key: 'sourceAccuracy', label: 'Source accuracy (MNIST)' },
  ];

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
  if (!figures) return <Waiting error={error} />;
  const pca = figures.pca as { points: number[][]; domains: number[] };
  const probe = figures.domainProbe as Record<string, number>;
  return (
    <section data-lesson-view="dann">
      <FiguresStep step={step} />
      <p>
        At step <b data-testid="dann-step">{step}</b>: target accuracy (MNIST-M test) <Figure name="targetAccuracy" value={figures.targetAccuracy}>{percent(figures.targetAccuracy)}</Figure>, source accuracy (MNIST test){' '}
        <Figure name="sourceAccuracy" value={figures.sourceAccuracy}>{percent(figures.sourceAccuracy)}</Figure>.
      </p>
      <StepChart testId="dann-history" steps={history.steps} series={{ target: history.target, source: history.source }} />
      <div>
        <Scatter testId="dann-pca" points={pca.points} classes={pca.domains} classCount={2} title="PCA of F(x): source vs target" />
        <p style={{ fontSize: 12 }}>
          PCA of F(x): <span style={{ color: 'hsl(0, 70%, 50%)' }}>source</span> vs <span style={{ color: 'hsl(180, 70%, 50%)' }}>target</span>. A nearest-centroid domain probe tells them apart{' '}
          <Figure name="domainProbe.onFeatures" value={probe.onFeatures}>{percent(probe.onFeatures)}</Figure> of the time on F(x) ({percent(probe.onPca)} on the PCA); 50% means fully mixed.
        </p>
      </div>
      <VariantBaseline view={view} variant="source-only" figures={BASELINE_FIGURES} />
      <VariantBaseline view={view} variant="train-on-target" figures={BASELINE_FIGURES} />
    </section>
  );
}
