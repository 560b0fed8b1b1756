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
import { ConfusionMatrix, FiguresSection, ImageGrid, NotTraining, oneHots, useModelVersion, useWorkerData } from './common';

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
  const { version, plan, live } = useModelVersion();
  const nodes = plan ? nodesOf(plan) : null;
  const { data, error } = useWorkerData(live && nodes ? () => load(nodes) : null, version);
  return (
    <div className="lesson-view" data-lesson-view={view}>
      {nodes && (
        <section className="inspector-section" aria-label="Samples per class">
          <h3>G(z, y): one row per class</h3>
          {!live ? <NotTraining what="samples per class" /> : data ? <ImageGrid data={data.data} shape={data.shape} cols={PER_ROW} scale={1} label="Class-conditional samples" /> : <p className="empty-note">Sampling…</p>}
          {error && <p className="empty-note" role="alert">{error}</p>}
        </section>
      )}
      <FiguresSection
        view={view}
        keys={nodes ? ['accuracy', 'generatedAsIntended', 'examples'] : ['accuracy', 'examples']}
        labels={{ accuracy: 'Classifier test accuracy', generatedAsIntended: 'G’s samples judged the class asked for (reference classifier)', examples: 'Held-out digits' }}
      >
        {(f) => <ConfusionMatrix matrix={f.confusion as number[][]} label="Confusion: rows true digit, columns predicted" />}
      </FiguresSection>
      {nodes && <VariantBaseline view={view} variant="classifier-only" figures={[{ key: 'accuracy', label: 'Classifier test accuracy, trained on the labels alone' }]} />}
    </div>
  );
}
