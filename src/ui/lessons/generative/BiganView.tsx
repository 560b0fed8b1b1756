/**
 * BiGAN: x → G(E(x)) pairs ("a bird in, another bird out": the same class, not the same picture),
 * and, on request (the reference classifier trains first), the class agreement and 1-NN figures.
 */
import type { Plan } from '../../../compiler/plan';
import { trainingController } from '../../training/controller';
import type { LessonViewProps } from '../types';
import { FiguresSection, ImageGrid, NotTraining, useModelVersion, useWorkerData } from './common';

const N = 8;

function nodesOf(plan: Plan) {
  const encoder = plan.nodes.find((n) => n.kind === 'Encoder');
  const data = encoder && plan.nodes.find((n) => n.id === encoder.inputs.x?.node);
  const generator = plan.nodes.find((n) => n.kind === 'Generator' && n.inputs.x);
  if (!encoder || !data || !generator) return null;
  return { data: data.id, encoder: encoder.id, generator: generator.id, code: generator.inputs.x };
}

async function load(nodes: NonNullable<ReturnType<typeof nodesOf>>) {
  const x = await trainingController.sampleNode(nodes.data, 'x', N);
  const codes = await trainingController.sampleNode(nodes.encoder, 'out', N, { [nodes.data]: { x: x.data } });
  const back = await trainingController.sampleNode(nodes.generator, 'out', N, undefined, { [nodes.code.node]: { [nodes.code.port]: codes.data } });
  const size = x.data.length / N;
  const pairs = new Float32Array(x.data.length * 2);
  for (let i = 0; i < N; i++) {
    pairs.set(x.data.subarray(i * size, (i + 1) * size), 2 * i * size);
    pairs.set(back.data.subarray(i * size, (i + 1) * size), (2 * i + 1) * size);
  }
  return { pairs, shape: [2 * N, ...x.shape.slice(1)] };
}

export function BiganView({ view }: LessonViewProps) {
  const { version, plan, live } = useModelVersion();
  const nodes = plan ? nodesOf(plan) : null;
  const { data, error } = useWorkerData(live && nodes ? () => load(nodes) : null, version);
  return (
    <div className="lesson-view" data-lesson-view={view}>
      <section className="inspector-section" aria-label="Reconstructions through the code">
        <h3>x → G(E(x))</h3>
        {!live ? <NotTraining what="x → G(E(x)) pairs" /> : data ? <ImageGrid data={data.pairs} shape={data.shape} cols={4} label="Digits x and G(E(x)), in pairs" /> : <p className="empty-note">Sampling…</p>}
        {error && <p className="empty-note" role="alert">{error}</p>}
      </section>
      <FiguresSection
        view={view}
        auto={false}
        keys={['agreement', 'referenceAccuracy', 'nnAccuracy', 'nnAccuracyUntrained', 'reconstructionsCorrect']}
        labels={{
          agreement: 'Same class for x and G(E(x))',
          referenceAccuracy: 'Reference classifier’s test accuracy',
          nnAccuracy: '1-NN accuracy of E(x)',
          nnAccuracyUntrained: '… of an untrained encoder',
          reconstructionsCorrect: 'G(E(x)) classified as x’s digit',
        }}
      />
    </div>
  );
}
