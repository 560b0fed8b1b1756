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
import { useT } from '../../i18n';
import { FiguresSection, ImageGrid, interleave, NotTraining, Sampling, useModelVersion, useWorkerData } from './common';

const N = 8;

async function load({ data, encoder, generator, code }: LessonRoles<typeof biganLesson.roles>) {
  const x = await trainingController.sampleNode(data.node, data.port, N);
  const codes = await trainingController.sampleNode(encoder.node, encoder.port, N, { [data.node]: { [data.port]: x.data } });
  const back = await trainingController.sampleNode(generator.node, generator.port, N, undefined, { [code.node]: { [code.port]: codes.data } });
  return { x: x.data, back: back.data, shape: x.shape.slice(1) };
}

export function BiganView({ view }: LessonViewProps) {
  const t = useT();
  const { version, live } = useModelVersion();
  const { roles: nodes, missing } = useLessonRoles(biganLesson);
  const { data, error } = useWorkerData(live && nodes ? () => load(nodes) : null, version);
  // The autoencoder variant's G(E(x)) of the same digits (the batch of N is drawn the same there).
  const [baseline, setBaseline] = useState<BaselineResult | null>(null);
  const copied = baseline?.samples[0]?.data;
  return (
    <div className="lesson-view" data-lesson-view={view}>
      <section className="inspector-section" aria-label={t('lv.bigan.label')}>
        <h3>{copied ? t('lv.bigan.withBaselineTitle') : 'x → G(E(x))'}</h3>
        {!live ? (
          <NotTraining what={t('lv.bigan.pairsWhat')} />
        ) : data ? (
          copied ? (
            <ImageGrid data={interleave([data.x, data.back, copied], N)} shape={[3 * N, ...data.shape]} cols={6} label={t('lv.bigan.withBaseline')} />
          ) : (
            <ImageGrid data={interleave([data.x, data.back], N)} shape={[2 * N, ...data.shape]} cols={4} label={t('lv.bigan.pairs')} />
          )
        ) : (
          <Sampling />
        )}
        {error && <p className="empty-note" role="alert">{error}</p>}
        <MissingRoles lesson={biganLesson} missing={missing} />
      </section>
      <FiguresSection
        view={view}
        slowNote={t('lv.bigan.slowNote')}
        keys={['agreement', 'referenceAccuracy', 'nnAccuracy', 'nnAccuracyUntrained', 'reconstructionsCorrect']}
        labels={{
          agreement: t('lv.bigan.agreement'),
          referenceAccuracy: t('lv.bigan.referenceAccuracy'),
          nnAccuracy: t('lv.bigan.nnAccuracy'),
          nnAccuracyUntrained: t('lv.bigan.nnUntrained'),
          reconstructionsCorrect: t('lv.bigan.reconstructionsCorrect'),
        }}
      />
      {nodes && (
        <VariantBaseline
          view={view}
          variant="autoencoder"
          samples={[{ node: nodes.generator.node, port: nodes.generator.port, count: N }]}
          onResult={setBaseline}
          figures={[
            { key: 'agreement', label: t('lv.bigan.baselineAgreement') },
            { key: 'nnAccuracy', label: t('lv.bigan.baselineNn') },
          ]}
        />
      )}
    </div>
  );
}
