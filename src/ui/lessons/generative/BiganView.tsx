/**
 * BiGAN: x → G(E(x)) pairs ("a bird in, another bird out": the same class, not the same picture),
 * and, when training pauses or ends (the reference classifier trains first unless prebuilt), the
 * class agreement and 1-NN figures.
 */
import { useState } from 'react';
import type { BaselineResult } from '../../../../workers/training-api';
import { biganLesson } from '../../../lessons/generative/bigan';
import type { LessonRoles } from '../../../lessons/types';
import { trainingController } from '../../training/controller';
import { MissingRoles, useLessonRoles } from '../roles';
import type { LessonViewProps } from '../types';
import { VariantBaseline } from '../VariantBaseline';
import { FiguresSection, ImageGrid, interleave, NotTraining, useModelVersion, useWorkerData } from './common';

const N = 8;

async function load({ data, encoder, generator, code }: LessonRoles<typeof biganLesson.roles>) {
  const x = await trainingController.sampleNode(data.node, data.port, N);
  const codes = await trainingController.sampleNode(encoder.node, encoder.port, N, { [data.node]: { [data.port]: x.data } });
  const back = await trainingController.sampleNode(generator.node, generator.port, N, undefined, { [code.node]: { [code.port]: codes.data } });
  return { x: x.data, back: back.data, shape: x.shape.slice(1) };
}

export function BiganView({ view }: LessonViewProps) {
  const { version, live } = useModelVersion();
  const { roles: nodes, missing } = useLessonRoles(biganLesson);
  const { data, error } = useWorkerData(live && nodes ? () => load(nodes) : null, version);
  // The autoencoder variant's G(E(x)) of the same digits (the batch of N is drawn the same there).
  const [baseline, setBaseline] = useState<BaselineResult | null>(null);
  const copied = baseline?.samples[0]?.data;
  return (
    <div className="lesson-view" data-lesson-view={view}>
      <section className="inspector-section" aria-label="Reconstructions through the code">
        <h3>{copied ? 'x | BiGAN G(E(x)) | autoencoder' : 'x → G(E(x))'}</h3>
        {!live ? (
          <NotTraining what="x → G(E(x)) pairs" />
        ) : data ? (
          copied ? (
            <ImageGrid data={interleave([data.x, data.back, copied], N)} shape={[3 * N, ...data.shape]} cols={6} label="Digits x, BiGAN's G(E(x)) and the autoencoder's reconstruction" />
          ) : (
            <ImageGrid data={interleave([data.x, data.back], N)} shape={[2 * N, ...data.shape]} cols={4} label="Digits x and G(E(x)), in pairs" />
          )
        ) : (
          <p className="empty-note">Sampling…</p>
        )}
        {error && <p className="empty-note" role="alert">{error}</p>}
        <MissingRoles lesson={biganLesson} missing={missing} />
      </section>
      <FiguresSection
        view={view}
        slowNote="The first time in a session the reference classifier that judges the digits trains first (1,500 steps; prebuilt by npm run judges)."
        keys={['agreement', 'referenceAccuracy', 'nnAccuracy', 'nnAccuracyUntrained', 'reconstructionsCorrect']}
        labels={{
          agreement: 'Same class for x and G(E(x))',
          referenceAccuracy: 'Reference classifier’s test accuracy',
          nnAccuracy: '1-NN accuracy of E(x)',
          nnAccuracyUntrained: '… of an untrained encoder',
          reconstructionsCorrect: 'G(E(x)) classified as x’s digit',
        }}
      />
      {nodes && (
        <VariantBaseline
          view={view}
          variant="autoencoder"
          samples={[{ node: nodes.generator.node, port: nodes.generator.port, count: N }]}
          onResult={setBaseline}
          figures={[
            { key: 'agreement', label: 'Same class for x and the autoencoder’s G(E(x))' },
            { key: 'nnAccuracy', label: '1-NN accuracy of the autoencoder’s E(x)' },
          ]}
        />
      )}
    </div>
  );
}
