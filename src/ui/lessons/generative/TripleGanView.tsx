/**
 * Triple-GAN (and the classifier-only variant): class-conditional samples, one row per class, and
 * the classifier's accuracy and confusion matrix on the held-out digits, and how often G draws the
 * class it is asked for.
 */
import type { Plan } from '../../../compiler/plan';
import { findRoles } from '../../../lessons/roles';
import { tripleGanLesson } from '../../../lessons/generative/triple-gan';
import { trainingController } from '../../training/controller';
import type { LessonViewProps } from '../types';
import { VariantBaseline } from '../VariantBaseline';
import { useT } from '../../i18n';
import { ConfusionMatrix, FiguresSection, ImageGrid, NotTraining, oneHots, Sampling, useModelVersion, useWorkerData } from './common';

const PER_ROW = 8;

/** The class-conditional generator and its class code, when the graph has them (not the classifier-only variant). */
function nodesOf(plan: Plan) {
  const roles = findRoles(plan, tripleGanLesson);
  const { generator, label } = roles ?? {};
  if (!generator || !label) return null;
  return { generator, label, k: plan.nodes.find((n) => n.id === label.node)!.outputs[label.port].dims[0] };
}

async function load(nodes: NonNullable<ReturnType<typeof nodesOf>>) {
  const classes = Array.from({ length: nodes.k * PER_ROW }, (_, i) => Math.floor(i / PER_ROW));
  // The class code draws under its port's name: the one-hot classes replace its draw.
  return trainingController.sampleNode(nodes.generator.node, nodes.generator.port, classes.length, { [nodes.label.node]: { [nodes.label.port]: oneHots(classes, nodes.k) } });
}

export function TripleGanView({ view }: LessonViewProps) {
  const t = useT();
  const { version, plan, live } = useModelVersion();
  const nodes = plan ? nodesOf(plan) : null;
  const { data, error } = useWorkerData(live && nodes ? () => load(nodes) : null, version);
  return (
    <div className="lesson-view" data-lesson-view={view}>
      {nodes && (
        <section className="inspector-section" aria-label={t('lv.triple.perClass')}>
          <h3>{t('lv.triple.title')}</h3>
          {!live ? <NotTraining what={t('lv.triple.perClassWhat')} /> : data ? <ImageGrid data={data.data} shape={data.shape} cols={PER_ROW} scale={1} label={t('lv.triple.samplesLabel')} /> : <Sampling />}
          {error && <p className="empty-note" role="alert">{error}</p>}
        </section>
      )}
      <FiguresSection
        view={view}
        keys={nodes ? ['accuracy', 'generatedAsIntended', 'examples'] : ['accuracy', 'examples']}
        labels={{ accuracy: t('lv.triple.accuracy'), generatedAsIntended: t('lv.triple.asIntended'), examples: t('lv.heldOutDigits') }}
      >
        {(f) => <ConfusionMatrix matrix={f.confusion as number[][]} label={t('lv.triple.confusion')} />}
      </FiguresSection>
      {nodes && <VariantBaseline view={view} variant="classifier-only" figures={[{ key: 'accuracy', label: t('lv.triple.baselineAccuracy') }]} />}
    </div>
  );
}
